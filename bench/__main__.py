"""`python -m bench [--sizes 1000000,10000000] [--only demo,scorecard] [--repeat 3]`:
run every bench/bench_<name>.py and print one table of medians with ratios."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback

import bench
from bench.common import BenchError, ratios, report

DEFAULT_SIZES = "1000000,10000000"


def parse_size(text: str) -> int:
    """1000000, 1_000_000, 1e6, 1M, 250k."""
    t = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    if factor != 1:
        t = t[:-1]
    try:
        value = int(float(t) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size (e.g. 1000000, 1e6, 1M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}': sizes must be positive")
    return value


def modules() -> dict:
    """NAME -> module, for every bench/bench_*.py."""
    found = {}
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if info.name.startswith("bench_"):
            module = importlib.import_module(f"bench.{info.name}")
            found[getattr(module, "NAME", info.name[6:])] = module
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     epilog="The 20-session load test (issue #9) is separate: "
                                            "python bench/load_test.py --help.")
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"order lines, comma-separated (default {DEFAULT_SIZES})")
    parser.add_argument("--only", help="comma-separated bench names (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the median is kept (default 3)")
    parser.add_argument("--list", action="store_true", help="list the benches and exit")
    parser.add_argument("--merge", nargs="+", metavar="JSON",
                        help="measure nothing: report the rows of earlier result files together "
                             "(e.g. a 1M run and a 10M run), with growth and targets")
    args = parser.parse_args(argv)
    if args.merge:
        return merge(args.merge)
    try:
        sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    available = modules()
    if args.list:
        print("\n".join(available))
        return 0
    wanted = [n.strip() for n in args.only.split(",")] if args.only else list(available)
    unknown = [n for n in wanted if n not in available]
    if unknown:
        parser.error(f"unknown bench(es): {', '.join(unknown)} (available: {', '.join(available)})")
    rows, failed = [], []
    for name in wanted:
        print(f"== {name}: sizes {', '.join(f'{s:,}' for s in sizes)}, repeat {args.repeat}",
              file=sys.stderr, flush=True)
        try:
            for row in available[name].run(sizes, args.repeat):
                row.setdefault("bench", name)
                rows.append(row)
        except BenchError as exc:
            failed.append(name)
            print(f"bench {name} failed: {exc}", file=sys.stderr)
        except Exception:
            failed.append(name)
            traceback.print_exc()
    if rows:
        report(ratios(rows), "-".join(wanted) if args.only else "bench")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def merge(paths: list[str]) -> int:
    """One report from several result files (later files win for the same bench/case/size)."""
    import json
    rows: dict[tuple, dict] = {}
    for path in paths:
        for row in json.loads(open(path, encoding="utf-8").read())["rows"]:
            rows[(row["bench"], row["case"], row["lines"])] = row
    ordered = sorted(rows.values(), key=lambda r: (r["bench"], r["lines"]))
    report(ratios(ordered), "merged", extra={"merged_from": [str(p) for p in paths]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
