#!/usr/bin/env bash
# End-to-end test of `neuromas plan --slurm` and `neuromas collect` on a real Slurm: a one-node cluster on localhost.
#
#   bash tests/slurm/run-slurm-test.sh        (as root: it installs slurm-wlm and munge with apt-get when missing)
#
# It starts its own munged, slurmctld and slurmd (private key, ports, state folders and SLURM_CONF under a temporary
# folder; the machine's own Slurm or munge configuration, if any, is not touched), then:
#   1. runs a 4-run protocol in one process (the reference results.csv);
#   2. plans the same protocol as a job array, submits it, waits, collects, and checks the merged results.csv equals the
#      reference byte for byte (results.csv holds no timings: those are in each run's manifest.json and history.csv);
#   3. plans it again split into two arrays (--max-array-size 3), cancels one task mid-run (scancel), collects (which must
#      list that run as failed with a rerun command), runs the printed rerun command, resubmits the whole sweep (every
#      task must skip its finished run), collects, and checks the merged results.csv equals the reference again.
# Every service it started is stopped on exit, passed or not. Exit code 0 when everything held.
# NEUROMAS: the command that runs NeuroMas (default: ./neuromas, which builds the CLI in Release when needed).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
read -r -a neuromas <<<"${NEUROMAS:-$root/neuromas}"
protocol="$root/protocols/das.yaml"
overrides=(subspace_sizes=2,4 seeds=1,2 max_steps=30 validate_every=10 threads=1)
work=$(mktemp -d /tmp/nm-slurm-test.XXXXXX)
t0=$(date +%s)

say() { echo "slurm-test [$(($(date +%s) - t0))s]: $*"; }
fail() {
  echo "slurm-test: FAILED: $*"
  for f in "$work"/slurm/log/*.log; do [ -f "$f" ] && { echo "--- last lines of $f"; tail -n 15 "$f"; }; done
  exit 1
}

# --- the cluster -----------------------------------------------------------------------------------------------------
stop_services() {
  local status=$?
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$work/slurm/slurmctld.pid" ]; then
    scancel --user="$(id -un)" >/dev/null 2>&1 || true
    for _ in $(seq 20); do squeue -h 2>/dev/null | grep -q . || break; sleep 0.5; done
  fi
  local pids=()
  for file in "$work/slurm/slurmd.pid" "$work/slurm/slurmctld.pid" "$work/munge/munged.pid"; do
    [ -f "$file" ] && pids+=("$(cat "$file")")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 20); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  say "services stopped (munged, slurmctld, slurmd)"
  if [ "$status" -eq 0 ]; then rm -rf "$work"; else echo "slurm-test: files kept in $work"; fi
}
trap stop_services EXIT

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "slurm-wlm and munge are not installed and installing them needs root"
  say "installing slurm-wlm and munge (apt-get)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge) >"$work/apt.log" 2>&1 \
    || { tail -n 20 "$work/apt.log"; fail "apt-get install slurm-wlm munge failed"; }
fi
[ "$(id -u)" -eq 0 ] || fail "slurmd runs jobs as their user and must run as root"

mkdir -p "$work/munge" "$work/slurm/state" "$work/slurm/spool" "$work/slurm/log"
chmod 755 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" || fail "munged did not start"

cat >"$work/slurm/slurm.conf" <<EOF
ClusterName=neuromas-test
SlurmctldHost=localhost
SlurmctldPort=6917
SlurmdPort=6918
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/slurm/state
SlurmdSpoolDir=$work/slurm/spool
SlurmctldPidFile=$work/slurm/slurmctld.pid
SlurmdPidFile=$work/slurm/slurmd.pid
SlurmctldLogFile=$work/slurm/log/slurmctld.log
SlurmdLogFile=$work/slurm/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
SlurmdParameters=config_overrides
MpiDefault=none
KillWait=5
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm/slurm.conf"
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
slurmd -f "$SLURM_CONF" -N localhost || fail "slurmd did not start"
for _ in $(seq 60); do [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] && break; sleep 0.5; done
[ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] || fail "the node did not become idle: $(sinfo 2>&1)"
say "slurm up: munged, slurmctld, slurmd on localhost, $(nproc) CPUs, MaxArraySize $(scontrol show config | awk '/^MaxArraySize/ {print $3}')"

# --- helpers ---------------------------------------------------------------------------------------------------------
cd "$work"
wait_for() { # seconds, job ids...: until none of the jobs is pending, running or completing
  local deadline=$(($(date +%s) + $1)); shift
  local ids; ids=$(IFS=,; echo "$*")
  while squeue -h -j "$ids" -t PD,R,CG,CF,S 2>/dev/null | grep -q .; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "jobs $ids still queued after $1 s: $(squeue 2>&1)"
    sleep 1
  done
}
done_runs() { find "$1/runs" -name rows.csv 2>/dev/null | wc -l; }
run_id() { sed -n "s/^ *$2  *\(das-[^ ]*\)$/\1/p" "$1"; }

# --- 1. the same protocol in one process ------------------------------------------------------------------------------
"${neuromas[@]}" run "$protocol" "${overrides[@]}" output=one >one.log 2>&1 || { tail -n 20 one.log; fail "the one-process run failed"; }
[ -f one/results.csv ] || fail "the one-process run wrote no results.csv"
say "one-process run: $(($(wc -l <one/results.csv) - 1)) rows in one/results.csv"

# --- 2. a job array ----------------------------------------------------------------------------------------------------
"${neuromas[@]}" plan "$protocol" "${overrides[@]}" output=array --slurm --max-parallel 2 >plan.log 2>&1 || { cat plan.log; fail "plan failed"; }
grep -q "tasks 0-3%2 = runs 0-3" plan.log || { cat plan.log; fail "plan did not write one array of 4 tasks"; }
job=$(sbatch --parsable array/slurm.sbatch) || fail "sbatch array/slurm.sbatch failed"
say "array submitted: job $job, 4 tasks ($(grep -o 'tasks [^ ]*' plan.log | head -1), script array/slurm.sbatch)"
wait_for 240 "$job"
say "tasks done: $(done_runs array)/4"
[ "$(done_runs array)" -eq 4 ] || fail "not every task wrote its run; logs: $(tail -n 3 array/slurm-logs/*.out)"
[ ! -f array/results.csv ] || fail "a task wrote results.csv (only collect merges)"
"${neuromas[@]}" collect array >collect.log 2>&1 || { cat collect.log; fail "collect failed or found runs missing"; }
grep -q "array: 4 of 4 runs done" collect.log || { cat collect.log; fail "collect did not count 4 of 4"; }
cmp -s array/results.csv one/results.csv || { diff one/results.csv array/results.csv | head; fail "merged results.csv differs from the one-process run"; }
say "merged results.csv identical to one-process run ($(($(wc -l <array/results.csv) - 1)) rows, compared byte for byte: results.csv has no timing columns)"

# --- 3. a task cancelled mid-run, then resubmitted ----------------------------------------------------------------------
"${neuromas[@]}" plan "$protocol" "${overrides[@]}" output=cancel --slurm --max-parallel 2 --max-array-size 3 >plan2.log 2>&1 || { cat plan2.log; fail "plan (split) failed"; }
grep -q "split into 2 arrays" plan2.log || { cat plan2.log; fail "plan did not split 4 runs at --max-array-size 3"; }
victim=$(run_id plan2.log 1)
first=$(sbatch --parsable cancel/slurm-0.sbatch) && second=$(sbatch --parsable cancel/slurm-1.sbatch) || fail "sbatch of the split arrays failed"
say "split arrays submitted: job $first (runs 0-2), job $second (run 3)"
for _ in $(seq 600); do [ -f "cancel/runs/$victim/partial-state.bin" ] && break; sleep 0.1; done
[ -f "cancel/runs/$victim/partial-state.bin" ] || fail "run 1 never saved a mid-run training state"
scancel "${first}_1"
say "cancelled task ${first}_1 (run 1, $victim) mid-run, after its first saved validation"
wait_for 240 "$first" "$second"
[ ! -f "cancel/runs/$victim/rows.csv" ] || fail "the cancel came too late: run 1 finished"
say "after the cancel: $(done_runs cancel)/4 runs done"
set +e; "${neuromas[@]}" collect cancel >collect2.log 2>&1; code=$?; set -e
[ "$code" -eq 3 ] || { cat collect2.log; fail "collect with a run missing should exit 3, exited $code"; }
grep -E "^  run 1 $victim: failed" collect2.log | sed 's/^ */collect: /' || { cat collect2.log; fail "collect did not list run 1 as failed"; }
rerun=$(sed -n 's/^rerun the failed and missing runs: //p' collect2.log)
[ "$rerun" = "sbatch --array=1%2 $work/cancel/slurm-0.sbatch" ] || { cat collect2.log; fail "unexpected rerun command: '$rerun'"; }
say "collect prints: $rerun"
again=$(eval "${rerun/sbatch /sbatch --parsable }") || fail "the rerun command failed"
wait_for 240 "$again"
grep -q "resumed from its saved training state" cancel/slurm-logs/*-"${again}"_1.out || fail "the resubmitted task did not resume run 1"
[ -f "cancel/runs/$victim/rows.csv" ] || fail "the resubmitted task did not finish run 1: $(tail -n 3 cancel/slurm-logs/*-"${again}"_1.out)"
say "resubmitted as job $again: run 1 resumed from its saved state and finished"
whole0=$(sbatch --parsable cancel/slurm-0.sbatch) && whole1=$(sbatch --parsable cancel/slurm-1.sbatch) || fail "resubmitting the sweep failed"
wait_for 240 "$whole0" "$whole1"
skipped=$(cat cancel/slurm-logs/*-"${whole0}"_*.out cancel/slurm-logs/*-"${whole1}"_*.out | grep -c "already done, skipped")
[ "$skipped" -eq 4 ] || fail "resubmitting the whole sweep should skip all 4 finished runs, skipped $skipped"
say "resubmitted the whole sweep (jobs $whole0, $whole1): all 4 tasks skipped their finished runs"
"${neuromas[@]}" collect cancel >collect3.log 2>&1 || { cat collect3.log; fail "collect after the resubmission failed or found runs missing"; }
grep -q "cancel: 4 of 4 runs done" collect3.log || { cat collect3.log; fail "collect did not count 4 of 4"; }
cmp -s cancel/results.csv one/results.csv || { diff one/results.csv cancel/results.csv | head; fail "merged results.csv after the resubmission differs from the one-process run"; }
say "cancelled task completed on resubmission (4/4 runs; merged results.csv identical to one-process run)"
say "passed in $(($(date +%s) - t0)) s"
