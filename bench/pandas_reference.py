#!/usr/bin/env python3
"""Reference for docs/performance.md: the same work as the criterion bench
`district_100k/import_merge_metrics`, done by pandas.

Reads every procedure CSV written by `integra demo --out DIR --size 1.9` (a row of task
levels, then the header and one row per pupil), drops absent
pupils, and computes per procedure and per school: participants, успеваемость, качество
знаний, средний балл and СОУ. Prints the median wall time over several runs.

Usage: python3 bench/pandas_reference.py DIR [runs]
"""
import glob
import os
import statistics
import sys
import time

import pandas as pd


def metrics(marks: pd.Series) -> dict:
    n = marks.count()
    c = marks.value_counts()
    g = lambda m: float(c.get(m, 0))
    return {
        "n": int(n),
        "success": (g(3) + g(4) + g(5)) / n,
        "quality": (g(4) + g(5)) / n,
        "mean_mark": marks.mean(),
        "sou": (100 * g(5) + 64 * g(4) + 36 * g(3) + 16 * g(2) + 7 * g(1)) / n,
    }


def run(folder: str) -> int:
    rows = 0
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        with open(path, encoding="utf-8-sig") as f:
            first = f.readline()
        if not first.startswith("уровень сложности"):
            continue  # the context file
        # Skip the row of task levels (Б/П/В) above the header.
        df = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", skiprows=1)
        rows += len(df)
        present = df[df["вариант"].str.lower() != "отсутствовал"]
        marks = pd.to_numeric(present["отметка"], errors="coerce")
        metrics(marks)
        for _, g in marks.groupby(present["логин школы"]):
            metrics(g)
    return rows


def main() -> None:
    folder = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        rows = run(folder)
        times.append(time.perf_counter() - t)
    print(f"pandas {pd.__version__}: {rows} pupil results, median {statistics.median(times)*1e3:.1f} ms over {runs} runs")


if __name__ == "__main__":
    main()
