"""Rebuild cnis_subset.csv from the full CNIS catalogue (run once; the result is committed).

Keeps the rows unchanged (clave, description, unit; no header), in the original order:
every code of groups 010 medicines, 020 vaccines, 030 nutrition, 040 psychotropics and
070 radiology, and a regular sample (every 6th / 5th code) of 060 material de curación and
080 laboratory, so the subset stays about 3,600 codes while covering every group of the
2025–26 consolidated purchase.
"""
import csv
import sys
from pathlib import Path

KEEP_ALL = ("010", "020", "030", "040", "070")
EVERY = {"060": 6, "080": 5}


def main(source: str, target: str = str(Path(__file__).with_name("cnis_subset.csv"))) -> None:
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    seen = {prefix: 0 for prefix in EVERY}
    kept = []
    for row in rows:
        prefix = row[0][:3]
        if prefix in KEEP_ALL:
            kept.append(row)
        elif prefix in EVERY:
            if seen[prefix] % EVERY[prefix] == 0:
                kept.append(row)
            seen[prefix] += 1
    with open(target, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(kept)
    print(f"{len(kept)} of {len(rows)} rows -> {target}")


if __name__ == "__main__":
    main(*sys.argv[1:])
