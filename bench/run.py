#!/usr/bin/env python3
"""Benchmarks: python bench/run.py NAME [--quick]; NAME in extract, estimate, simulate, web, panel.

Each prints relokant's figures and its peer's from the same run; the last line is
one JSON object.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # the panel bench reuses the tests' wave-interval split

NAMES = ("extract", "estimate", "simulate", "web", "panel")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("name", choices=NAMES)
    parser.add_argument("--quick", action="store_true", help="a smaller, faster run")
    args = parser.parse_args()
    module = importlib.import_module(f"bench_{args.name}")
    result = module.run(quick=args.quick)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
