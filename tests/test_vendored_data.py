"""The spec's public scenarios and the source brochures are vendored under tests/data, so a clone
alone collects and runs the whole suite; when the shared folder is beside the checkout, the copies
must be the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"
PAIRS = [(DATA / "scenarios-help-v1.json", SHARED / "spec" / "scenarios-help-v1.json")] + [
    (seed, SHARED / "seeds" / seed.name) for seed in sorted((DATA / "seeds").glob("*.txt"))]


def test_the_vendored_files_are_there() -> None:
    assert (DATA / "scenarios-help-v1.json").is_file()
    assert len(list((DATA / "seeds").glob("*.txt"))) >= 5


@pytest.mark.parametrize(("vendored", "shared"), PAIRS, ids=[p[0].name for p in PAIRS])
def test_vendored_copy_equals_the_shared_file(vendored: Path, shared: Path) -> None:
    if not shared.parent.is_dir():
        pytest.skip(f"{shared.parent} is not beside the checkout: the vendored copy is used as is")
    assert shared.is_file(), f"{shared.name} is vendored but no longer in {shared.parent}"
    assert vendored.read_bytes() == shared.read_bytes(), (
        f"{vendored} differs from {shared}: copy the new version into tests/data")


def test_every_shared_file_is_vendored() -> None:
    if not SHARED.is_dir():
        pytest.skip("the shared folder is not beside the checkout")
    shared = {p.name for p in (SHARED / "seeds").glob("*.txt")} | {"scenarios-help-v1.json"}
    vendored = {p.name for p in (DATA / "seeds").glob("*.txt")} | {
        p.name for p in DATA.glob("*.json")}
    assert shared <= vendored
