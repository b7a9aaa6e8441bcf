#!/usr/bin/env bash
# Trains the shipped task networks (multi-object, counts 1-20) exactly as committed.
# Run from the repository root: bash datasets/networks/make.sh
# They were trained with a constant learning rate of 1e-3 (the default before the decaying 3e-3): --lr 0.001 --lr-half-life 0.
# gru-seed4 is held out: only the simulated recording is made from it (no protocol aligns to it).
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=${THREADS:-1}
neuromas=${NEUROMAS:-./neuromas}
for seed in 1 2 3 4; do
  [ -f datasets/networks/gru-seed$seed.nmck ] || $neuromas train --task multi-object --arch gru --seed $seed --lr 0.001 --lr-half-life 0 --threads $threads --out datasets/networks/gru-seed$seed.nmck
done
[ -f datasets/networks/lstm-seed1.nmck ] || $neuromas train --task multi-object --arch lstm --seed 1 --lr 0.001 --lr-half-life 0 --threads $threads --out datasets/networks/lstm-seed1.nmck
[ -f datasets/networks/transformer-seed1.nmck ] || $neuromas train --task multi-object --arch transformer --seed 1 --lr 0.001 --lr-half-life 0 --threads $threads --out datasets/networks/transformer-seed1.nmck
for f in datasets/networks/*.nmck; do $neuromas eval "$f" --sequences 1000; done
