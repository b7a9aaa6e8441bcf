#!/usr/bin/python3
"""Writes chunks/*.h5: the plain-layout recording of make_fixtures.py with chunk shapes and filters as h5py users
write them, to test NeuroMas's chunk-parallel HDF5 read (src/NeuroMas/Recordings/H5ChunkScatter.cs) on files it did
not write. Run with Debian's python (apt-get install -y python3-h5py python3-numpy):

    /usr/bin/python3 tests/NeuroMas.Tests/Recordings/Fixtures/make_chunk_fixtures.py

Activity: the plain recording's integer activity plus (sample * 12 + unit) / 4096, so that every element is distinct
and exact in float32 (a misplaced element is seen). 160 samples x 12 units; chunks of 48 rows x 5 units leave partial
chunks at the bottom (16 rows) and on the right (2 units).
"""
import os

import h5py
import numpy as np

from make_fixtures import HERE, flat, recording

VARIANTS = {
    # name: (dtype, create_dataset keyword arguments)
    "gzip": ("<f4", dict(chunks=(48, 5), compression="gzip", compression_opts=4)),
    "shuffle-gzip-fletcher": ("<f4", dict(chunks=(48, 5), compression="gzip", shuffle=True, fletcher32=True)),
    "uncompressed": ("<f4", dict(chunks=(48, 5))),
    "wide-chunks": ("<f4", dict(chunks=(7, 12), compression="gzip")),
    "auto": ("<f4", dict(chunks=True, compression="gzip")),
    "big-endian": (">f4", dict(chunks=(48, 5), compression="gzip")),
}


def main():
    f = flat(*recording())
    samples, units = f["activity"].shape
    distinct = f["activity"] + (np.arange(samples)[:, None] * units + np.arange(units)[None, :]) / 4096.0
    out = os.path.join(HERE, "chunks")
    os.makedirs(out, exist_ok=True)
    for name, (dtype, options) in VARIANTS.items():
        with h5py.File(os.path.join(out, name + ".h5"), "w") as h:
            h.create_dataset("activity", data=distinct.astype(dtype), **options)
            g = h.create_group("labels")
            g.create_dataset("count", data=f["count"].astype(np.int64))
            g.create_dataset("phase", data=f["phase"].astype(np.int32))
            h.create_dataset("trial", data=f["trial"].astype(np.int64))
            h.create_dataset("step", data=f["step"].astype(np.int32))
            print(name, h["activity"].chunks, h["activity"].compression, h["activity"].dtype)


if __name__ == "__main__":
    main()
