#!/usr/bin/env bash
# Simulates the shipped recording from the held-out GRU (seed 4): 96 units, linear observation,
# Gaussian noise at 10% of each unit's signal SD, 600 trials. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."
neuromas=${NEUROMAS:-./neuromas}
$neuromas record datasets/networks/gru-seed4.nmck --units 96 --trials 600 --noise gaussian --noise-level 0.1 --seed 1 --out datasets/recordings/sim-gru4.h5
# The noise sweep (protocols/noise-sweep.yaml): 300 trials each, from nearly clean to noisier than the signal.
for n in 0.01 0.3 1 3; do
  $neuromas record datasets/networks/gru-seed4.nmck --units 96 --trials 300 --noise gaussian --noise-level $n --seed 3 --no-csv --out datasets/recordings/noise/sim-gru4-noise$n.h5
done
