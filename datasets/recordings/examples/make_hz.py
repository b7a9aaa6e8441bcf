#!/usr/bin/python3
"""Writes sim-gru4-hz.h5: the shipped recording datasets/recordings/sim-gru4.h5 in "firing rates in Hz"
form, activity x 50 + 5 (every unit positive on average, spread ~50 times wider), labels, trials and steps
unchanged, the ground-truth observation rescaled to match (observation x 50, bias x 50 + 5). Written with
h5py, as a lab's pipeline would, deflated. protocols/clmas-units.yaml aligns both forms against GRU seed 1:
the recording -> GRU IIA must not depend on the recording's units. Run from the repository root with
Debian's python (apt-get install -y python3-h5py python3-numpy):

    /usr/bin/python3 datasets/recordings/examples/make_hz.py
"""
import os
import h5py

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCALE, OFFSET = 50.0, 5.0


def main():
    source = os.path.join(ROOT, "datasets", "recordings", "sim-gru4.h5")
    target = os.path.join(ROOT, "datasets", "recordings", "examples", "sim-gru4-hz.h5")
    with h5py.File(source, "r") as src, h5py.File(target, "w") as out:
        out.create_dataset("activity", data=(src["activity"][...] * SCALE + OFFSET).astype("float32"),
                           chunks=(1024, src["activity"].shape[1]), compression="gzip")
        for name in ["trial", "step", "labels/count", "labels/phase"]:
            out.create_dataset(name, data=src[name][...])
        out.create_dataset("ground_truth/observation", data=(src["ground_truth/observation"][...] * SCALE).astype("float32"))
        out.create_dataset("ground_truth/bias", data=(src["ground_truth/bias"][...] * SCALE + OFFSET).astype("float32"))
    print(target)


if __name__ == "__main__":
    main()
