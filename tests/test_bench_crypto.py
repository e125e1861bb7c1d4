"""The encryption benchmark's machinery at a small scale: every figure is there with its
target, the ratios are ratios, and the encrypted copies are encrypted (no timing is
checked: the target is the real run's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import crypto
from casework import cipher
from casework.paths import database_path

pytestmark = pytest.mark.slow  # builds two stores and writes hundreds of events

CASES, EVENTS, START_CASES = 2000, 500, 40

RATIOS = ("start_ratio", "insert_ratio", "connect_ratio", "open_ratio", "search_ratio")
TIMES = (
    "kdf_ms", "start_plain_ms", "start_encrypted_ms", "start_encrypted_with_kdf_ms",
    "insert_plain_s", "insert_encrypted_s", "insert_plain_ms_per_event",
    "insert_encrypted_ms_per_event", "connect_plain_ms", "connect_encrypted_ms",
    "open_plain_ms", "open_encrypted_ms", "search_plain_median_ms", "search_encrypted_median_ms",
    "search_plain_p95_ms", "search_encrypted_p95_ms", "store_plain_mb", "store_encrypted_mb",
)  # fmt: skip


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the bulk store and its encrypted copy are cached for this module."""
    return tmp_path_factory.mktemp("bench-crypto")


@pytest.fixture(scope="module")
def figures(root: Path) -> dict[str, float | int | str]:
    """One run at a small scale, with few rounds."""
    return crypto.run(CASES, EVENTS, START_CASES, rounds=3, repeats=1, kdf_rounds=2, root=root)


def test_every_figure_is_there_and_sane(figures: dict[str, float | int | str]) -> None:
    missing = [key for key in (*RATIOS, *TIMES) if key not in figures]
    assert missing == []
    numbers = {key: figures[key] for key in (*RATIOS, *TIMES)}
    assert all(isinstance(v, int | float) and v > 0 for v in numbers.values()), numbers
    assert figures["start_ratio_target"] == 1.3
    kdf = figures["kdf_ms"]
    assert isinstance(kdf, float) and kdf > 10  # argon2id at 64 MiB: never a few milliseconds
    assert figures["cases"] == CASES and figures["start_cases"] == START_CASES
    assert figures["events"] == EVENTS and figures["searches"] == 10
    assert str(figures["sqlcipher_version"]).startswith("4.")


def test_the_encrypted_copy_is_sealed_and_kept(root: Path, figures: dict[str, object]) -> None:
    plain, sealed, key = crypto.cached_pair(CASES, root)
    assert cipher.is_plain(database_path(plain))
    assert not cipher.is_plain(database_path(sealed))
    with pytest.raises(cipher.WrongKey):
        cipher.connect(database_path(sealed), None)
    crypto.connect_and_read(sealed, key)
    assert crypto.cached_pair(CASES, root) == (plain, sealed, key)  # made once, reused
    assert sorted(p.name for p in root.iterdir()) == [plain.name, sealed.name]
