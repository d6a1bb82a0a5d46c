"""Writes spike_times.npy and spike_clusters.npy as Kilosort 2 does through NumPy: sample indices as uint64 in a
column vector of shape (n, 1), cluster ids as uint32 of shape (n,). Run with NumPy: python3 make_kilosort_npy.py"""
import numpy as np

np.save("numpy_spike_times.npy", np.array([[10], [20], [30], [1600], [2000]], dtype=np.uint64))
np.save("numpy_spike_clusters.npy", np.array([2, 9, 9, 2, 40], dtype=np.uint32))
