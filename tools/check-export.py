#!/usr/bin/env python3
"""Reads a run's viewer exports with the readers researchers use and checks them against its HDF5 file.

    tools/check-export.py OUT/NAME.h5

NAME.xyz is read with ASE (ase.io.read(..., index=':'), as OVITO reads it, a trajectory of
extended-XYZ frames) and NAME.xdmf with meshio's XDMF time-series reader (ParaView reads the
same file). Checked against /snapshots of NAME.h5 (read with h5py): frame count and times, the
species counts of every frame, the box and periodicity, the site positions. Exit 0 when all
hold, 1 with the first mismatch, 2 when the modules are missing (Debian: python3-ase
python3-meshio python3-h5py).
"""
import pathlib
import sys

try:
    import ase.io
    import h5py
    import meshio
    import numpy as np
except ImportError as e:
    print(f"check-export: {e.name} is not installed (Debian: apt-get install python3-ase python3-meshio python3-h5py)",
          file=sys.stderr)
    sys.exit(2)

SYMBOLS = ["X", "Cl", "Br", "I"]  # species codes 0..3; X is a vacancy (ASE's dummy element)


def fail(msg):
    print("check-export: FAILED: " + msg, file=sys.stderr)
    sys.exit(1)


def counts(codes):
    return [int(np.count_nonzero(codes == c)) for c in range(len(SYMBOLS))]


def check_xyz(path, times, crystal, pos, box, periodic):
    frames = ase.io.read(path, index=":")
    if len(frames) != len(times):
        fail(f"{path}: {len(frames)} frames, /snapshots/time_s has {len(times)}")
    for i, atoms in enumerate(frames):
        want = counts(crystal[i])
        syms = atoms.get_chemical_symbols()
        got = [syms.count(s) for s in SYMBOLS]
        with_vacancies = len(atoms) == crystal.shape[1]
        if not with_vacancies:
            want[0] = 0  # written with export_vacancies: false
        if got != want:
            fail(f"{path} frame {i}: species counts {dict(zip(SYMBOLS, got))}, HDF5 {dict(zip(SYMBOLS, want))}")
        if not np.allclose(atoms.cell.lengths(), box, atol=1e-3) or not np.allclose(atoms.cell.angles(), 90):
            fail(f"{path} frame {i}: box {atoms.cell.cellpar()}, HDF5 box_angstrom {box}")
        if list(atoms.pbc) != periodic:
            fail(f"{path} frame {i}: pbc {atoms.pbc}, HDF5 {periodic}")
        if atoms.info.get("Time") != times[i]:  # written as the shortest decimal that reads back to the same double
            fail(f"{path} frame {i}: Time={atoms.info.get('Time')}, HDF5 {times[i]}")
        if with_vacancies and not np.allclose(atoms.positions, pos, atol=1e-3):
            fail(f"{path} frame {i}: positions differ from /snapshots/positions_angstrom")
    return len(frames)


def check_xdmf(path, times, crystal, pos):
    with meshio.xdmf.TimeSeriesReader(path) as reader:
        points, cells = reader.read_points_cells()
        if not np.allclose(points, pos, atol=1e-3):
            fail(f"{path}: points differ from /snapshots/positions_angstrom")
        if sum(len(c.data) for c in cells) != len(pos):
            fail(f"{path}: {sum(len(c.data) for c in cells)} vertex cells for {len(pos)} sites")
        if reader.num_steps != len(times):
            fail(f"{path}: {reader.num_steps} time steps, /snapshots/time_s has {len(times)}")
        for k in range(reader.num_steps):
            t, point_data, _ = reader.read_data(k)
            if t != times[k]:
                fail(f"{path} step {k}: time {t}, HDF5 {times[k]}")
            got, want = counts(np.asarray(point_data["species"])), counts(crystal[k])
            if got != want:
                fail(f"{path} step {k}: species counts {got}, HDF5 {want}")
    return len(times)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    h5 = pathlib.Path(sys.argv[1])
    with h5py.File(h5, "r") as f:
        s = f["snapshots"]
        times = s["time_s"][()]
        index = s["site_index"][()]
        crystal = s["occupancy"][()][:, index]
        pos = s["positions_angstrom"][()]
        box = s["box_angstrom"][()]
        periodic = [bool(p) for p in s["periodic"][()]]
        if (crystal == 4).any():
            fail(f"{h5}: site_index names a padding site (code 4)")
    checked = []
    for suffix, check in ((".xyz", lambda p: check_xyz(p, times, crystal, pos, box, periodic)),
                          (".xdmf", lambda p: check_xdmf(p, times, crystal, pos))):
        p = h5.with_suffix(suffix)
        if p.exists():
            checked.append(f"{p.name}: {check(p)} frames")
    if not checked:
        fail(f"no {h5.stem}.xyz or {h5.stem}.xdmf beside {h5}")
    print(f"check-export: OK: {', '.join(checked)}, {len(pos)} sites, box {box} Å")


if __name__ == "__main__":
    main()
