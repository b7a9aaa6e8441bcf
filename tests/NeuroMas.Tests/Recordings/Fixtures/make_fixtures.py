#!/usr/bin/python3
"""Writes the recording fixtures with h5py, the tool users have, so that NeuroMas's readers are
tested on files NeuroMas did not write itself.

Run with Debian's python (apt-get install -y python3-h5py python3-numpy):

    /usr/bin/python3 tests/NeuroMas.Tests/Recordings/Fixtures/make_fixtures.py

One synthetic recording (40 trials x 4 steps = 160 samples, 12 units, integer activity) is
written in every supported layout; the tests check that all of them read back identically.

Labels per sample (trial t, step s):
  objects = 2 + (7 t mod 5)                      per trial: the demo count n of the trial
  count   = [n-1, n, n, n-1][s]                  count up during the demo, down in the response
  phase   = [-1, -1, +1, +1][s]                  -1 demo, +1 response ("sample"/"response" as text)
Activity: integer spike counts in 0..4, a deterministic function of (t, s, unit, labels).
"""
import os
import numpy as np
import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
TRIALS, STEPS, UNITS = 40, 4, 12
EPOCH = np.array(["sample", "sample", "response", "response"])

# Spike-count windows: step s of trial t covers [event + 0.2 s, event + 0.2 s + 0.1) where the
# event is the trial's start_time; traces are sampled at event + 0.2 s on a 20 Hz grid.
START0, TRIAL_PERIOD, STRIDE, WIDTH, RATE = 1.0, 1.0, 0.2, 0.1, 20.0


def recording():
    t = np.arange(TRIALS)[:, None]
    s = np.arange(STEPS)[None, :]
    objects = 2 + (7 * np.arange(TRIALS)) % 5                       # [trials]
    count = (objects[:, None] + np.array([-1, 0, 0, -1])[None, :])  # [trials, steps]
    phase = np.array([-1, -1, 1, 1])                                 # [steps]
    u = np.arange(UNITS)[None, None, :]
    act = (count[:, :, None] * (u % 3) + (phase[None, :, None] > 0) * (u % 2) * 2
           + (t[:, :, None] * 5 + s[:, :, None] * 3 + u)) % 5      # [trials, steps, units]
    return objects, count.astype(np.int64), phase, act.astype(np.int64)


def flat(objects, count, phase, act):
    n = TRIALS * STEPS
    return dict(
        activity=act.reshape(n, UNITS),
        count=count.reshape(n),
        phase=np.tile(phase, TRIALS),
        objects=np.repeat(objects, STEPS),
        trial=np.repeat(np.arange(TRIALS), STEPS),
        step=np.tile(np.arange(STEPS), TRIALS))


def write_plain(path, f, mutate=None):
    """Plain layout: /activity [samples, units], /labels/<name> [samples], /trial, /step."""
    with h5py.File(path, "w") as h:
        h.create_dataset("activity", data=f["activity"].astype(np.float32), chunks=(32, UNITS),
                         compression="gzip", compression_opts=4)
        g = h.create_group("labels")
        g.create_dataset("count", data=f["count"].astype(np.int64), chunks=(64,), compression="gzip")
        g.create_dataset("phase", data=f["phase"].astype(np.int32), chunks=(64,), compression="gzip")
        g.create_dataset("objects", data=f["objects"].astype(np.int16))
        h.create_dataset("trial", data=f["trial"].astype(np.int64))
        h.create_dataset("step", data=f["step"].astype(np.int32))
        if mutate:
            mutate(h)


def write_trials_time(path, objects, count, phase, act):
    """Trials x time layout: /activity [trials, time, units], labels [trials], [time] or [trials, time]."""
    with h5py.File(path, "w") as h:
        h.create_dataset("activity", data=act.astype(np.float64), chunks=(8, STEPS, UNITS),
                         compression="gzip")
        g = h.create_group("labels")
        g.create_dataset("count", data=count.astype(np.int32), compression="gzip")   # [trials, time]
        g.create_dataset("epoch", data=EPOCH.astype("S8"))                         # [time], fixed-length
        g.create_dataset("objects", data=objects.astype(np.int64))                 # [trials]
        h.create_dataset("trial", data=np.arange(TRIALS, dtype=np.int64))          # [trials]
        h.create_dataset("step", data=np.arange(STEPS, dtype=np.int32))            # [time]


def nwb_table(group, neurodata_type, colnames):
    group.attrs["neurodata_type"] = neurodata_type
    group.attrs["namespace"] = "core"
    group.attrs["description"] = neurodata_type
    group.attrs["colnames"] = np.array(colnames, dtype=object)


def vector(group, name, data, description, **kw):
    d = group.create_dataset(name, data=data, **kw)
    d.attrs["neurodata_type"] = "VectorData"
    d.attrs["namespace"] = "hdmf-common"
    d.attrs["description"] = description
    return d


def write_nwb(path, objects, count, phase, act, drop_column=None):
    """NWB 2.x layout: spike times in /units, trials table, and two processed trace series."""
    starts = START0 + TRIAL_PERIOD * np.arange(TRIALS)
    str_t = h5py.string_dtype("utf-8")
    with h5py.File(path, "w") as h:
        h.attrs["nwb_version"] = "2.7.0"
        h.attrs["neurodata_type"] = "NWBFile"
        h.attrs["namespace"] = "core"
        h.create_dataset("identifier", data="neuromas-fixture", dtype=str_t)
        h.create_dataset("session_description", data="synthetic count-up/count-down", dtype=str_t)
        h.create_dataset("session_start_time", data="2024-01-01T00:00:00+00:00", dtype=str_t)
        h.create_dataset("timestamps_reference_time", data="2024-01-01T00:00:00+00:00", dtype=str_t)
        h.create_dataset("file_create_date", data=["2024-01-01T00:00:00+00:00"], dtype=str_t)

        # Units: spikes of sample (t, s) evenly inside its window; one distractor spike per
        # unit and trial in the gap after window 0 that no window may count.
        times = [[] for _ in range(UNITS)]
        for t in range(TRIALS):
            for s in range(STEPS):
                lo = starts[t] + STRIDE * s
                for u in range(UNITS):
                    c = int(act[t, s, u])
                    times[u].extend(lo + WIDTH * (j + 1) / (c + 1) for j in range(c))
            for u in range(UNITS):
                times[u].append(starts[t] + 0.15)
        units = h.create_group("units")
        nwb_table(units, "Units", ["spike_times"])
        flat_times = np.concatenate([np.sort(np.array(x)) for x in times])
        vector(units, "spike_times", flat_times, "spike times (s)", compression="gzip")
        idx = units.create_dataset("spike_times_index",
                                   data=np.cumsum([len(x) for x in times]).astype(np.uint32))
        idx.attrs["neurodata_type"] = "VectorIndex"
        idx.attrs["target"] = units["spike_times"].ref
        units.create_dataset("id", data=np.arange(UNITS, dtype=np.int64))

        trials = h.create_group("intervals/trials")
        cols = ["start_time", "stop_time", "count", "epoch", "objects"]
        nwb_table(trials, "TimeIntervals", [c for c in cols if c != drop_column])
        trials.create_dataset("id", data=np.arange(TRIALS, dtype=np.int64))
        vector(trials, "start_time", starts, "trial start (s)")
        vector(trials, "stop_time", starts + 0.9, "trial stop (s)")
        if drop_column != "count":
            vector(trials, "count", count, "count per window [trials, windows]")
        if drop_column != "epoch":
            vector(trials, "epoch", np.tile(EPOCH, (TRIALS, 1)).astype(object), "epoch per window",
                   dtype=str_t)
        if drop_column != "objects":
            vector(trials, "objects", objects.astype(np.float64), "demo count of the trial")

        # Traces on a 20 Hz grid from t = 0; background 0.5 except at the sampled bins.
        n_bins = int((starts[-1] + 1.0) * RATE)
        data = np.full((n_bins, UNITS), 0.5, dtype=np.float32)
        for t in range(TRIALS):
            for s in range(STEPS):
                data[int(round((starts[t] + STRIDE * s) * RATE))] = act[t, s]
        fl = h.create_group("processing/ophys/Fluorescence")
        fl.attrs["neurodata_type"] = "Fluorescence"
        rrs = fl.create_group("RoiResponseSeries")
        rrs.attrs["neurodata_type"] = "RoiResponseSeries"
        rrs.create_dataset("data", data=data, chunks=(64, UNITS), compression="gzip")
        st = rrs.create_dataset("starting_time", data=0.0)
        st.attrs["rate"] = np.float32(RATE)
        st.attrs["unit"] = "seconds"
        # The same traces with explicit, slightly jittered timestamps.
        dff = h.create_group("processing/ophys/DfOverF/RoiResponseSeries")
        dff.attrs["neurodata_type"] = "RoiResponseSeries"
        dff.create_dataset("data", data=data.astype(np.float64), compression="gzip")
        jitter = 0.004 * np.sin(np.arange(n_bins))
        dff.create_dataset("timestamps", data=np.arange(n_bins) / RATE + jitter)


def write_csv(path, f, bad=None):
    header = ["trial", "step"] + [f"u{u}" for u in range(UNITS)] + ["count", "phase", "objects"]
    lines = [",".join(header)]
    for i in range(TRIALS * STEPS):
        row = [str(f["trial"][i]), str(f["step"][i])] + [str(v) for v in f["activity"][i]] \
              + [str(f["count"][i]), str(f["phase"][i]), str(f["objects"][i])]
        lines.append(",".join(row))
    if bad == "ragged":
        lines[12] = ",".join(lines[12].split(",")[:-1])             # line 13 lacks "objects"
    if bad == "nonnumeric":
        cells = lines[7].split(",")
        cells[2 + 3] = "abc"                                         # line 8, column u3
        lines[7] = ",".join(cells)
    with open(path, "w", newline="") as fh:
        fh.write("\n".join(lines) + "\n")


def main():
    objects, count, phase, act = recording()
    f = flat(objects, count, phase, act)
    p = lambda name: os.path.join(HERE, name)
    write_plain(p("plain.h5"), f)
    write_trials_time(p("trials_time.h5"), objects, count, phase, act)
    write_nwb(p("session.nwb"), objects, count, phase, act)
    write_csv(p("recording.csv"), f)

    bad = p("bad")
    os.makedirs(bad, exist_ok=True)
    with open(p("plain.h5"), "rb") as src:
        blob = src.read()
    with open(os.path.join(bad, "truncated.h5"), "wb") as dst:
        dst.write(blob[: len(blob) // 2])
    write_plain(os.path.join(bad, "missing_activity.h5"), f, lambda h: h.__delitem__("activity"))

    def short_count(h):
        del h["labels/count"]
        h["labels/count"] = f["count"][:-2]
    write_plain(os.path.join(bad, "mismatched_lengths.h5"), f, short_count)

    def nan_activity(h):
        a = h["activity"][...]
        a[17, 3] = np.nan
        h["activity"][...] = a
    write_plain(os.path.join(bad, "nan_activity.h5"), f, nan_activity)

    def phase_seven(h):
        ph = h["labels/phase"][...]
        ph[12] = 7
        h["labels/phase"][...] = ph
    write_plain(os.path.join(bad, "phase_seven.h5"), f, phase_seven)
    write_nwb(os.path.join(bad, "missing_epoch.nwb"), objects, count, phase, act, drop_column="epoch")
    write_csv(os.path.join(bad, "ragged.csv"), f, bad="ragged")
    write_csv(os.path.join(bad, "nonnumeric.csv"), f, bad="nonnumeric")


if __name__ == "__main__":
    main()
