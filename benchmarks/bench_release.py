"""The release's figures for BENCHMARKS.md: size of the one-folder build and of the tarball, and
the start-up of the frozen app compared with running from source.

    .venv/bin/python -m benchmarks.bench_release [--runs N] [--build]

Uses the existing build/dist/accueil-ti (``--build`` rebuilds it first, with the smoke test and
packaging of installer/build.py). Start-up is ``gui --smoke`` (process start to the list shown)
under offscreen Qt on a fresh data dir of 30 demo dossiers, with the OS keyring (a private GNOME
Keyring); the first run of each is a cold start for its files, the rest are warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from installer import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_release")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--build", action="store_true", help="run installer/build.py first")
    args = parser.parse_args(argv)
    if args.build and build.main([]) != 0:
        return 1
    folder = build.DIST / "accueil-ti"
    executable = folder / ("accueil-ti.exe" if build.WINDOWS else "accueil-ti")
    if not executable.exists():
        print("bench_release: no build in build/dist; run installer/build.py (or --build)",
              file=sys.stderr)
        return 1
    size, files = build.folder_size(folder)
    tarballs = sorted(build.RELEASE.glob("accueil-ti-*.tar.gz"))
    frozen = build.start_up_ms([str(executable)], args.runs)
    source = build.start_up_ms(build.SOURCE_COMMAND, args.runs)
    frozen_median, source_median = statistics.median(frozen[1:]), statistics.median(source[1:])
    print(f"| one-folder build, unpacked | {size / 1e6:.1f} MB, {files} files "
          f"(goal < {build.SIZE_GOAL_MB} MB) |")
    if tarballs:
        print(f"| tarball `{tarballs[-1].name}` | {tarballs[-1].stat().st_size / 1e6:.1f} MB |")
    print(f"| start-up to the list, frozen (warm median of {args.runs - 1}) | "
          f"{frozen_median:.0f} ms (cold {frozen[0]} ms; runs {frozen}) |")
    print(f"| start-up to the list, from source (warm median of {args.runs - 1}) | "
          f"{source_median:.0f} ms (cold {source[0]} ms; runs {source}) |")
    print(f"| frozen / source | ×{frozen_median / source_median:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
