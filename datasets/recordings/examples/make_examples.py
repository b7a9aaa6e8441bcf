#!/usr/bin/python3
"""Writes the example recordings of protocols/examples/ from the shipped simulated recording
datasets/recordings/sim-gru4.h5, one file or folder per lab layout, so a lab can copy a protocol
and see its own layout read. Run from the repository root with Debian's python
(apt-get install -y python3-h5py python3-numpy python3-pandas):

    /usr/bin/python3 datasets/recordings/examples/make_examples.py

The first 60 trials and 16 units of sim-gru4.h5 (labels count and phase). Spiking layouts (NWB,
Kilosort) draw Poisson spike counts with rate 20 exp(z / 2) Hz from each unit's z-scored activity,
in 100 ms windows 50 ms apart; imaging layouts (suite2p) hold the activity over the window's frames.
"""
import os
import sys
import numpy as np
import h5py
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "tests", "NeuroMas.Tests", "Recordings", "Fixtures"))
from make_fixtures import nwb_table, vector  # noqa: E402  (NWB table helpers shared with the fixtures)

OUT = os.path.join(ROOT, "datasets", "recordings", "examples")
TRIALS, UNITS, WIDTH_MS, GAP_MS, FS = 60, 16, 100, 50, 30000


def source():
    with h5py.File(os.path.join(ROOT, "datasets", "recordings", "sim-gru4.h5")) as h:
        trial = h["trial"][...]
        keep = trial < TRIALS
        return (h["activity"][...][keep][:, :UNITS], h["labels/count"][...][keep], h["labels/phase"][...][keep],
                trial[keep], h["step"][...][keep])


def main():
    act, count, phase, trial, step = source()
    n = len(trial)
    start_ms = 1000 + np.arange(n) * (WIDTH_MS + GAP_MS) + 200 * trial     # a 0.2 s pause between trials
    stop_ms = start_ms + WIDTH_MS
    rng = np.random.default_rng(1)
    z = (act - act.mean(0)) / act.std(0)
    counts = rng.poisson(20 * np.exp(z / 2) * WIDTH_MS / 1000)

    # Padded trials x time: NaN activity and -1 labels after each trial's end, /lengths per trial.
    lengths = np.bincount(trial)
    time = lengths.max()
    padded = np.full((TRIALS, time, UNITS), np.nan, dtype=np.float32)
    labels = {k: np.full((TRIALS, time), -1, dtype=np.int32) for k in ("count", "phase")}
    padded[trial, step] = act
    labels["count"][trial, step], labels["phase"][trial, step] = count, phase
    with h5py.File(os.path.join(OUT, "padded.h5"), "w") as h:
        h.create_dataset("activity", data=padded, compression="gzip")
        for k, v in labels.items():
            h.create_dataset(f"labels/{k}", data=v, compression="gzip")
        h.create_dataset("lengths", data=lengths)

    # Spike trains: each window's count spread evenly inside it, plus background spikes in the gaps.
    trains = []
    for u in range(UNITS + 4):
        c = counts[:, u] if u < UNITS else rng.poisson(2, size=n)        # 4 extra units: noise
        inside = [start_ms[i] / 1000 + WIDTH_MS / 1000 * (j + 0.5) / c[i] for i in range(n) for j in range(c[i])]
        gaps = [stop_ms[i] / 1000 + rng.uniform(0.001, GAP_MS / 1000 - 0.001) for i in range(n) if rng.random() < 0.5]
        trains.append(np.sort(np.array(inside + gaps)))

    str_t = h5py.string_dtype("utf-8")
    with h5py.File(os.path.join(OUT, "steps.nwb"), "w") as h:
        h.attrs.update(nwb_version="2.7.0", neurodata_type="NWBFile", namespace="core")
        h.create_dataset("identifier", data="sim-gru4-steps", dtype=str_t)
        h.create_dataset("session_description", data="sim-gru4.h5 as Poisson spikes in per-step windows", dtype=str_t)
        h.create_dataset("session_start_time", data="2024-01-01T00:00:00+00:00", dtype=str_t)
        steps = h.create_group("intervals/steps")
        nwb_table(steps, "TimeIntervals", ["start_time", "stop_time", "trial", "step", "count", "phase"])
        steps.create_dataset("id", data=np.arange(n))
        for name, data in [("start_time", start_ms / 1000), ("stop_time", stop_ms / 1000), ("trial", trial),
                           ("step", step), ("count", count), ("phase", phase)]:
            vector(steps, name, data, name)
        units = h.create_group("units")
        nwb_table(units, "Units", ["spike_times", "quality"])
        vector(units, "spike_times", np.concatenate(trains), "spike times (s)", compression="gzip")
        units.create_dataset("spike_times_index", data=np.cumsum([len(t) for t in trains])).attrs["neurodata_type"] = "VectorIndex"
        vector(units, "quality", np.array(["good"] * UNITS + ["noise"] * 4, dtype=object), "sorter label", dtype=str_t)
        units.create_dataset("id", data=np.arange(UNITS + 4))

    events = pd.DataFrame({"start": start_ms / 1000, "stop": stop_ms / 1000, "trial": trial, "step": step,
                           "count": count, "phase": phase})
    ks = os.path.join(OUT, "kilosort")
    os.makedirs(ks, exist_ok=True)
    samples = np.concatenate([np.round(t * FS).astype(np.uint64) for t in trains])
    clusters = np.concatenate([np.full(len(t), u, dtype=np.int32) for u, t in enumerate(trains)])
    order = np.argsort(samples, kind="stable")
    np.save(os.path.join(ks, "spike_times.npy"), samples[order][:, None])
    np.save(os.path.join(ks, "spike_clusters.npy"), clusters[order])
    pd.DataFrame({"cluster_id": np.arange(UNITS + 4), "KSLabel": ["good"] * UNITS + ["mua"] * 4}).to_csv(
        os.path.join(ks, "cluster_KSLabel.tsv"), sep="\t", index=False)
    with open(os.path.join(ks, "params.py"), "w") as fh:
        fh.write(f"dat_path = 'recording.bin'\nn_channels_dat = 64\ndtype = 'int16'\noffset = 0\nsample_rate = {float(FS)}\nhp_filtered = False\n")
    events.to_csv(os.path.join(ks, "events.csv"), index=False)

    s2p = os.path.join(OUT, "suite2p", "plane0")
    os.makedirs(s2p, exist_ok=True)
    frames = int(stop_ms[-1] / 10) + 10
    F = np.zeros((UNITS + 2, frames), dtype=np.float32)
    for i in range(n):
        F[:UNITS, start_ms[i] // 10: stop_ms[i] // 10] = act[i][:, None]
    F[UNITS:] = rng.normal(size=(2, frames))
    iscell = np.stack([np.r_[np.ones(UNITS), np.zeros(2)], np.r_[np.full(UNITS, 0.9), np.full(2, 0.2)]], axis=1)
    np.save(os.path.join(s2p, "F.npy"), F)
    np.save(os.path.join(s2p, "iscell.npy"), iscell)
    events.to_csv(os.path.join(s2p, "events.csv"), index=False)

    df = pd.DataFrame({"trial": trial, "step": step, "count": count, "phase": phase})
    for u in range(UNITS):
        df[f"u{u}"] = np.round(act[:, u].astype(np.float64), 4)
    df.to_csv(os.path.join(OUT, "spreadsheet.csv"), sep=";", decimal=",", index=False, encoding="utf-8-sig")


if __name__ == "__main__":
    main()
