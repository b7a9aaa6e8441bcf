#!/usr/bin/env python3
"""Writes a large recording for the HDF5 ingest benchmark (bench/NeuroMas.Bench/Hdf5Ingest.cs), the way h5py
writes one by default: float32 /activity [samples, units], chunked by h5py's auto-chunking, gzip level 4, with the
default layout's labels, trial and step. Usage: make_large_recording.py OUT.h5 [MEGABYTES] [UNITS]  (defaults 1024, 96;
the long-recording benchmark, LongRecording.cs, uses 4096 1024: 1,048,560 samples × 1,024 units).
Needs python3-h5py and python3-numpy (Debian packages). The file is not committed; the benchmark makes it."""
import sys

import h5py
import numpy as np

out = sys.argv[1]
megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
units = int(sys.argv[3]) if len(sys.argv) > 3 else 96
steps = 40
samples = megabytes * 1024 * 1024 // (4 * units) // steps * steps
rng = np.random.default_rng(1)
mixing = rng.standard_normal((8, units)).astype(np.float32)  # a low-dimensional signal seen through the units
with h5py.File(out, "w") as f:
    activity = f.create_dataset("activity", (samples, units), dtype="float32", chunks=True, compression="gzip")
    block = 40 * max(1, 4096 * 96 // units)
    for start in range(0, samples, block):
        n = min(block, samples - start)
        latent = np.cumsum(rng.standard_normal((n, 8)).astype(np.float32), axis=0) * 0.1
        activity[start:start + n] = latent @ mixing + 0.1 * rng.standard_normal((n, units)).astype(np.float32)
    index = np.arange(samples)
    f.create_dataset("trial", data=(index // steps).astype("int32"), chunks=True, compression="gzip")
    f.create_dataset("step", data=(index % steps).astype("int32"), chunks=True, compression="gzip")
    f.create_dataset("labels/count", data=(index % steps % 21).astype("int32"), chunks=True, compression="gzip")
    f.create_dataset("labels/phase", data=np.where(index % steps < 20, -1, 1).astype("int32"), chunks=True, compression="gzip")
    print(f"{out}: activity {activity.shape} chunks {activity.chunks}")
