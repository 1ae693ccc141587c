"""Fails when a package's line coverage is under its goal: `check_coverage.py JSON PKG PERCENT`."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    report, package, goal = Path(argv[1]), argv[2].rstrip("/") + "/", float(argv[3])
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    covered = total = 0
    missing: list[str] = []
    for name, data in files.items():
        if not name.replace("\\", "/").startswith(package):
            continue
        summary = data["summary"]
        covered += summary["covered_lines"]
        total += summary["num_statements"]
        if data["missing_lines"]:
            missing.append(f"{name}: lines {data['missing_lines']}")
    if total == 0:
        print(f"coverage: no measured file under {package}", file=sys.stderr)
        return 1
    percent = 100.0 * covered / total
    print(f"coverage of {package}: {percent:.1f} % (goal {goal:g} %)")
    if percent < goal:
        print("\n".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
