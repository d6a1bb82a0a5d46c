"""Writes the NWB test files that jhdf cannot write itself, laid out the way pynwb (hdmf) writes them:
variable-length strings, the smallest unsigned type for indices, an object reference as a VectorIndex's target,
boolean, ragged and two-dimensional trials columns. Run with h5py: python3 make_pynwb_style.py"""
import h5py
import numpy as np

TEXT = h5py.string_dtype()


def typed(node, neurodata_type):
    node.attrs["namespace"] = "core"
    node.attrs["neurodata_type"] = neurodata_type


def units(f):
    u = f.create_group("units")
    typed(u, "Units")
    u.attrs["colnames"] = np.array(["spike_times", "quality"], dtype=object)
    u.attrs["description"] = "units"
    u["id"] = np.array([0, 1], dtype="i8")
    times = u.create_dataset("spike_times", data=np.array([0.1, 0.2, 0.3, 0.4, 0.05]))
    index = u.create_dataset("spike_times_index", data=np.array([3, 5], dtype="u1"))
    index.attrs["target"] = times.ref
    u.create_dataset("quality", data=["good", "mua"], dtype=TEXT)


def nwb(path, starts, stops, columns):
    with h5py.File(path, "w") as f:
        typed(f, "NWBFile")
        f.attrs["nwb_version"] = "2.7.0"
        f.create_dataset("identifier", data="fixture", dtype=TEXT)
        units(f)
        t = f.create_group("intervals/trials")
        typed(t, "TimeIntervals")
        t["id"] = np.arange(len(starts), dtype="i8")
        t["start_time"] = np.array(starts, dtype="f8")
        t["stop_time"] = np.array(stops, dtype="f8")
        for name, data in columns.items():
            if isinstance(data[0], str):
                t.create_dataset(name, data=data, dtype=TEXT)
            else:
                t[name] = np.array(data)
        t.attrs["colnames"] = np.array(["start_time", "stop_time"] + list(columns), dtype=object)


nwb("pynwb-style.nwb", [0.0, 0.5], [0.5, 1.0], {
    "trial_type": ["reach", "grasp"],
    "go_cue_time": [0.2, 0.7],
    "target_id": np.array([3, 4], dtype="i4"),
    "success": np.array([True, False]),
    "timeseries": [1.0, 2.0],
    "timeseries_index": np.array([1, 2], dtype="u1"),
    "target_pos": np.array([[1.0, 2.0], [3.0, 4.0]]),
})
nwb("zero-trials.nwb", np.zeros(0), np.zeros(0), {})
