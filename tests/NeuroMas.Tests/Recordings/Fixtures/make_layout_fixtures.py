#!/usr/bin/python3
"""Writes the fixtures of the lab layouts (padded trials, NWB per-sample tables, Kilosort/Phy and
suite2p folders, spreadsheet CSV) with h5py, numpy and pandas, the tools labs write them with.

Run with Debian's python (apt-get install -y python3-h5py python3-numpy python3-pandas):

    /usr/bin/python3 tests/NeuroMas.Tests/Recordings/Fixtures/make_layout_fixtures.py

Every layout holds the recording of make_fixtures.py (40 trials x 4 steps, 12 units, labels count,
phase/epoch, objects), so each must read back as plain.h5 does. Padded files hold a ragged version
of it (trial t keeps its first 2 + t % 3 steps), which must read back as those samples of plain.h5.
Windows (per sample, in whole milliseconds so that every tool computes the same doubles):
    start = 1005 + 1000 t + 200 s ms,  length = 80 + 10 ((t + s) % 3) ms
"""
import os
import numpy as np
import h5py
import pandas as pd
from make_fixtures import recording, flat, nwb_table, vector, TRIALS, STEPS, UNITS, EPOCH

HERE = os.path.dirname(os.path.abspath(__file__))
FS_SPIKES, FS_FRAMES = 30000, 100            # Kilosort sample rate, imaging/trace frame rate (Hz)
ALL = TRIALS * STEPS


def ragged_lengths():
    return 2 + np.arange(TRIALS) % 3


def windows():
    t, s = np.repeat(np.arange(TRIALS), STEPS), np.tile(np.arange(STEPS), TRIALS)
    start_ms = 1005 + 1000 * t + 200 * s
    stop_ms = start_ms + 80 + 10 * ((t + s) % 3)
    return start_ms, stop_ms


def write_padded(path, objects, count, act, mask=False, nan_inside=False):
    """[trials, time, units] with time = 5: NaN after each trial's length; labels padded with -1 / ''."""
    lengths, time = ragged_lengths(), STEPS + 1
    valid = np.arange(time)[None, :] < lengths[:, None]
    a = np.full((TRIALS, time, UNITS), np.nan, dtype=np.float32)
    a[:, :STEPS][valid[:, :STEPS]] = act[valid[:, :STEPS]]
    if nan_inside:
        a[3, 1, 5] = np.nan                                  # trial 3 has 2 valid steps: step 1 is inside
    c = np.full((TRIALS, time), -1, dtype=np.int32)
    c[:, :STEPS][valid[:, :STEPS]] = count[valid[:, :STEPS]]
    epoch = np.full((TRIALS, time), "", dtype=object)
    epoch[:, :STEPS] = np.where(valid[:, :STEPS], np.tile(EPOCH, (TRIALS, 1)), "")
    with h5py.File(path, "w") as h:
        h.create_dataset("activity", data=a, chunks=(8, time, UNITS), compression="gzip")
        g = h.create_group("labels")
        g.create_dataset("count", data=c)
        g.create_dataset("epoch", data=epoch, dtype=h5py.string_dtype("utf-8"))
        g.create_dataset("objects", data=objects.astype(np.int64))
        if mask:
            h.create_dataset("mask", data=valid)            # numpy bool: an HDF5 enum in h5py
        else:
            h.create_dataset("lengths", data=lengths.astype(np.int64))


def spike_trains(act, extra_units=(("mua", 3), ("noise", 9)), seed=7):
    """Per unit sorted spike times (s): act[t, s, u] spikes in sample (t, s)'s window, the first exactly
    at its start; in the gaps, random spikes and one exactly at each window's stop (not counted)."""
    rng = np.random.default_rng(seed)
    start_ms, stop_ms = windows()
    trains = []
    for u in range(UNITS + len(extra_units)):
        times = []
        for i in range(ALL):
            c = int(act.reshape(ALL, UNITS)[i, u]) if u < UNITS else int(rng.integers(0, 5))
            a, b = start_ms[i] / 1000, stop_ms[i] / 1000
            times += [a] + [a + (b - a) * (j + 1) / (c + 1) for j in range(1, c)] if c else []
            times.append(b)                                       # on the stop: belongs to the gap
            gap_end = (start_ms[i + 1] if i + 1 < ALL else stop_ms[i] + 300) / 1000
            times += list(rng.uniform(b + 1e-4, gap_end - 1e-4, size=int(rng.integers(1, 4))))
        times += list(rng.uniform(0.0, start_ms[0] / 1000 - 1e-4, size=3))   # before the first window
        trains.append(np.sort(np.array(times)))
    return trains


def independent_counts(trains):
    """Counts in [start, stop) by numpy's searchsorted, not by the way the trains were made."""
    start_ms, stop_ms = windows()
    a, b = start_ms / 1000, stop_ms / 1000
    return np.stack([np.searchsorted(t, b, "left") - np.searchsorted(t, a, "left") for t in trains], axis=1)


def write_steps_nwb(path, objects, count, act, trains, obs_cut=None, drop=None):
    """NWB with a per-step TimeIntervals table /intervals/steps, units with quality and obs_intervals,
    and a RoiResponseSeries (int16 raw data, conversion 0.25, offset -2) holding act in each window."""
    f = flat(objects, count, np.array([-1, -1, 1, 1]), act)
    start_ms, stop_ms = windows()
    str_t = h5py.string_dtype("utf-8")
    with h5py.File(path, "w") as h:
        h.attrs["nwb_version"] = "2.7.0"
        h.attrs["neurodata_type"] = "NWBFile"
        h.attrs["namespace"] = "core"
        h.create_dataset("identifier", data="neuromas-steps", dtype=str_t)
        h.create_dataset("session_description", data="per-step intervals", dtype=str_t)
        h.create_dataset("session_start_time", data="2024-01-01T00:00:00+00:00", dtype=str_t)

        steps = h.create_group("intervals/steps")
        cols = [c for c in ["start_time", "stop_time", "trial", "step", "count", "epoch", "objects"] if c != drop]
        nwb_table(steps, "TimeIntervals", cols)
        steps.create_dataset("id", data=np.arange(ALL, dtype=np.int64))
        vector(steps, "start_time", start_ms / 1000, "window start (s)")
        vector(steps, "stop_time", stop_ms / 1000, "window stop (s)")
        for name, data in [("trial", f["trial"]), ("step", f["step"]), ("count", f["count"]),
                           ("objects", f["objects"].astype(np.float64))]:
            if name != drop:
                vector(steps, name, data, name)
        if drop != "epoch":
            vector(steps, "epoch", np.tile(EPOCH, TRIALS).astype(object), "epoch", dtype=str_t)

        units = h.create_group("units")
        nwb_table(units, "Units", ["spike_times", "obs_intervals", "quality"])
        vector(units, "spike_times", np.concatenate(trains), "spike times (s)", compression="gzip")
        idx = units.create_dataset("spike_times_index", data=np.cumsum([len(t) for t in trains]).astype(np.uint32))
        idx.attrs["neurodata_type"] = "VectorIndex"
        end = stop_ms[-1] / 1000 + 1.0
        obs = np.array([[0.0, end]] * len(trains))
        if obs_cut is not None:
            obs[4] = [0.0, obs_cut]                               # unit 4 stops being observed early
        vector(units, "obs_intervals", obs, "observed (s)")
        oi = units.create_dataset("obs_intervals_index", data=np.arange(1, len(trains) + 1, dtype=np.uint32))
        oi.attrs["neurodata_type"] = "VectorIndex"
        quality = ["good"] * UNITS + ["mua", "noise"]
        quality[UNITS:] = ["mua", "noise"][: len(trains) - UNITS]
        vector(units, "quality", np.array(quality, dtype=object), "sorter label", dtype=str_t)
        units.create_dataset("id", data=np.arange(len(trains), dtype=np.int64))

        n = int(end * FS_FRAMES)
        raw = np.full((n, UNITS), 4 * (9 + 2), dtype=np.int16)   # 9.0 outside windows
        for i in range(ALL):
            raw[start_ms[i] // 10 + 1: stop_ms[i] // 10 + 1] = 4 * (f["activity"][i] + 2)
        rrs = h.create_group("processing/ophys/Fluorescence/RoiResponseSeries")
        rrs.attrs["neurodata_type"] = "RoiResponseSeries"
        d = rrs.create_dataset("data", data=raw, compression="gzip")
        d.attrs["conversion"] = np.float32(0.25)
        d.attrs["offset"] = np.float32(-2.0)
        d.attrs["unit"] = "a.u."
        st = rrs.create_dataset("starting_time", data=0.0)
        st.attrs["rate"] = float(FS_FRAMES)


def events_table(objects, count, act):
    f = flat(objects, count, np.array([-1, -1, 1, 1]), act)
    start_ms, stop_ms = windows()
    return pd.DataFrame({"start": start_ms / 1000, "stop": stop_ms / 1000, "trial": f["trial"],
                         "step": f["step"], "count": f["count"], "epoch": np.tile(EPOCH, TRIALS),
                         "objects": f["objects"]})


def write_kilosort(folder, events, trains):
    """Kilosort 2.5/Phy output: spike_times.npy (uint64 samples), spike_clusters.npy, cluster_group.tsv.
    Good units are clusters 0, 2, 3, ... (ascending with unit order); clusters 1 and 7 are mua/noise."""
    os.makedirs(folder, exist_ok=True)
    ids = [c for c in range(UNITS + 2) if c not in (1, 7)] + [1, 7]
    samples = np.concatenate([np.round(t * FS_SPIKES).astype(np.uint64) for t in trains])
    clusters = np.concatenate([np.full(len(t), ids[u], dtype=np.int32) for u, t in enumerate(trains)])
    order = np.argsort(samples, kind="stable")
    np.save(os.path.join(folder, "spike_times.npy"), samples[order][:, None])      # [n, 1] as Kilosort 2
    np.save(os.path.join(folder, "spike_clusters.npy"), clusters[order])
    pd.DataFrame({"cluster_id": sorted(ids), "group": ["mua" if c == 1 else "noise" if c == 7 else "good"
                                                       for c in sorted(ids)]}).to_csv(
        os.path.join(folder, "cluster_group.tsv"), sep="\t", index=False)
    with open(os.path.join(folder, "params.py"), "w") as fh:
        fh.write("dat_path = 'recording.bin'\nn_channels_dat = 16\ndtype = 'int16'\noffset = 0\n"
                 f"sample_rate = {float(FS_SPIKES)}\nhp_filtered = False\n")
    events.to_csv(os.path.join(folder, "events.csv"), index=False)
    # The count Kilosort's spikes give, from the saved files alone, for the test.
    t = samples[order] / FS_SPIKES
    good = [c for c in sorted(ids) if c not in (1, 7)]
    per = [np.sort(t[clusters[order] == c]) for c in good]
    np.save(os.path.join(folder, "expected_counts.npy"), independent_counts(per).astype(np.int64))


def write_suite2p(folder, events, act, nan_inside=False):
    """suite2p plane0: F.npy float32 [rois, frames] at 100 Hz holding act over each window, 9.0
    elsewhere; iscell.npy [rois, 2] with ROIs 5 and 13 not cells (their traces are noise)."""
    os.makedirs(folder, exist_ok=True)
    start_ms, stop_ms = windows()
    frames = int(stop_ms[-1] / 10) + 50
    rois = UNITS + 2
    cells = [r for r in range(rois) if r not in (5, 13)]
    F = np.full((rois, frames), 9.0, dtype=np.float32)
    F[[5, 13]] = np.random.default_rng(3).normal(size=(2, frames))
    for i in range(ALL):
        F[np.array(cells)[:, None], np.arange(start_ms[i] // 10 + 1, stop_ms[i] // 10 + 1)[None, :]] = \
            act.reshape(ALL, UNITS)[i][:, None]
    if nan_inside:
        F[cells[2], start_ms[9] // 10 + 2] = np.nan
    iscell = np.zeros((rois, 2))
    iscell[cells, 0] = 1
    iscell[:, 1] = np.where(iscell[:, 0] == 1, 0.9, 0.1)
    np.save(os.path.join(folder, "F.npy"), F)
    np.save(os.path.join(folder, "iscell.npy"), iscell)
    events.to_csv(os.path.join(folder, "events.csv"), index=False)


def write_spreadsheet(path, objects, count, act):
    """The CSV as a spreadsheet in a decimal-comma locale saves it: ';', '3,0', UTF-8 with a BOM."""
    f = flat(objects, count, np.array([-1, -1, 1, 1]), act)
    df = pd.DataFrame({"trial": f["trial"], "step": f["step"]})
    for u in range(UNITS):
        df[f"u{u}"] = f["activity"][:, u].astype(np.float64)
    df["count"], df["phase"], df["objects"] = f["count"], f["phase"], f["objects"]
    df.to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig")


def main():
    objects, count, phase, act = recording()
    p = lambda *name: os.path.join(HERE, *name)
    write_padded(p("padded.h5"), objects, count, act)
    write_padded(p("padded_mask.h5"), objects, count, act, mask=True)
    trains = spike_trains(act)
    counts = independent_counts(trains)
    assert (counts[:, :UNITS] == act.reshape(ALL, UNITS)).all()
    np.save(p("steps_counts.npy"), counts.astype(np.int64))                  # all 14 units
    write_steps_nwb(p("steps.nwb"), objects, count, act, trains)
    events = events_table(objects, count, act)
    write_kilosort(p("kilosort"), events, trains)
    write_suite2p(p("suite2p", "plane0"), events, act)
    write_spreadsheet(p("spreadsheet.csv"), objects, count, act)

    bad = p("bad")
    write_padded(os.path.join(bad, "padded_nan_inside.h5"), objects, count, act, nan_inside=True)
    write_steps_nwb(os.path.join(bad, "steps_outside_obs.nwb"), objects, count, act, trains, obs_cut=30.0)
    write_steps_nwb(os.path.join(bad, "steps_missing_trial.nwb"), objects, count, act, trains, drop="trial")
    write_suite2p(os.path.join(bad, "suite2p_nan"), events, act, nan_inside=True)


if __name__ == "__main__":
    main()
