"""Encryption's cost: the store opened, written and searched through SQLCipher with the
database key, beside the same work on a plain file, in one run.

Every figure is a ratio against the plain store measured in the same run, the two sides
interleaved (their order swapped each round) and compared by their medians, so load on
a shared machine falls on both alike. Both sides go through the same sqlcipher3 driver;
the plain side gives no key. The deliberate key derivation (argon2id, when a worker's
password unlocks the key) is measured apart as ``kdf_ms`` and left out of every ratio.

- open: a reader connection and its first read, and ``open_casebook`` of a migrated
  store, on the store of 100,000 cases (``bench.bulkdata``; its encrypted copy is made
  once by SQLCipher's export and kept beside it);
- insert: 10,000 events written as the app writes them, ``casework.events.append`` in
  ``Store.unit_of_work`` transactions of 100 (WAL, synchronous=FULL as the store sets);
- search: caselist's searches (first page and count) over the 100,000 cases;
- start: the store side of the app's start, from nothing to the case list's first page,
  on a store of 1,000 cases (``bench.sampledata``), as ``bench.startup`` fills it.

Why the store side of the start and not the whole app's (``bench.startup``): encryption
changes only the store's part, and the app takes the key only interactively, from a
worker's password typed on its login screen after the first paint; there is no
non-interactive way to give it one (no option or variable), so the app cannot be started
on an encrypted store unattended. Everything else in the start (Python, Qt, the window)
is the same on both sides and would only dilute the ratio.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import resources
from bench import bulkdata, sampledata
from bench.caselist import _warm, queries
from casework import backups, cipher, listing, vault
from casework.casebook import open_casebook
from casework.events import EventType, append
from casework.paths import database_path
from casework.rows import CaseFilter, CasePage
from casework.store import Store

CASES = 100_000  # searched and opened
START_CASES = 1000  # in the store the app starts on, as bench.startup's
EVENTS = 10_000
EVENTS_PER_TRANSACTION = 100
ROUNDS = 31  # of each open and start, per side (milliseconds each: cheap)
REPEATS = 5  # of each search, per side
KDF_ROUNDS = 7
PAGE = 200  # rows of the case list's first page, as the app fetches them
TARGET_START = 1.3
LOGIN, PASSWORD = "wangfang", "kaixiangong2026"
KEY_FILE = "bench-database-key.hex"  # beside the cached encrypted copy: a benchmark's key
# A step done, as the app records one: the commonest event after the intake's.
PAYLOAD = {
    "step": "mediate",
    "fields": {"date": "2026-11-28", "record": "组织双方面对面协商，释法明理，双方情绪趋于平稳。"},
    "checklist_version": "2026.1",
}

Timed = Callable[[], object]
Times = list[float]  # milliseconds


def _ms(work: Timed) -> float:
    began = time.perf_counter()
    work()
    return (time.perf_counter() - began) * 1000


def interleaved(plain: Timed, sealed: Timed, rounds: int) -> tuple[Times, Times]:
    """Milliseconds of each side's ``rounds`` runs, the first run of each left out (it
    warms the caches), taking turns which side goes first."""
    plain()
    sealed()
    times: tuple[Times, Times] = ([], [])
    for round_ in range(rounds):
        order = [(0, plain), (1, sealed)]
        for side, work in order if round_ % 2 == 0 else order[::-1]:
            times[side].append(_ms(work))
    return times


def _ratio(plain: list[float], sealed: list[float]) -> float:
    return round(statistics.median(sealed) / statistics.median(plain), 3)


def _median(times: list[float], digits: int = 2) -> float:
    return round(statistics.median(times), digits)


def _p95(times: list[float]) -> float:
    return round(statistics.quantiles(times, n=20, method="inclusive")[18], 2)


# --- the key derivation ---------------------------------------------------------------


def kdf_times(folder: Path, rounds: int = KDF_ROUNDS) -> list[float]:
    """Milliseconds of each ``Keyring.unlock`` of one worker's sealed key (argon2id at
    the laptop's costs, the unseal and the keyring's save), as the login screen does."""
    account = vault.Account("bench-worker", LOGIN, "王芳", vault.hash_password(PASSWORD))
    vault.Keyring.load(folder).admit_all([account], vault.new_database_key())
    keyring = vault.Keyring.load(folder)
    return [_ms(lambda: keyring.unlock(LOGIN, PASSWORD)) for _ in range(rounds)]


# --- the stores -------------------------------------------------------------------------


def encrypted_copy(folder: Path, key: bytes, copy: Path) -> Path:
    """``copy``: the data folder ``folder`` with its store encrypted by ``key`` (SQLCipher's
    ``sqlcipher_export``, as a store made before encryption is sealed); made whole or
    not at all."""
    staging = Path(tempfile.mkdtemp(prefix=f".{copy.name}-", dir=copy.parent))
    try:
        shutil.copytree(folder, staging, dirs_exist_ok=True)
        backups._encrypt_file(database_path(staging), key)
        (staging / KEY_FILE).write_text(key.hex(), encoding="ascii")
        staging.rename(copy)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return copy


def cached_pair(cases: int, root: Path | None = None) -> tuple[Path, Path, bytes]:
    """The plain store of ``cases`` bulk cases (``bench.bulkdata.cached``), its encrypted
    copy (made on first use, kept beside it and named after it, so a rebuilt plain store
    gets a new copy) and the copy's key."""
    plain = bulkdata.cached(cases, root=root)
    sealed = plain.with_name(plain.name + "-sqlcipher")
    if not (sealed / KEY_FILE).exists():
        for old in plain.parent.glob(f"cases-{cases}-*-sqlcipher"):  # of an older store
            shutil.rmtree(old, ignore_errors=True)
        encrypted_copy(plain, vault.new_database_key(), sealed)
    return plain, sealed, bytes.fromhex((sealed / KEY_FILE).read_text(encoding="ascii"))


def start_pair(directory: Path, cases: int) -> tuple[Path, Path, bytes]:
    """A plain migrated store of ``cases`` sample cases in ``directory``/plain, and the
    same store encrypted by the app's own path (``open_casebook`` with a key seals a
    plain store) in ``directory``/sealed, with its key."""
    plain, sealed, key = directory / "plain", directory / "sealed", vault.new_database_key()
    sampledata.fill(plain, cases).close()
    shutil.copytree(plain, sealed)
    open_casebook(sealed, resources.sample_org_tree(), key=key).close()
    if cipher.is_plain(database_path(sealed)):
        raise RuntimeError(f"{sealed} was not encrypted")
    return plain, sealed, key


# --- what is measured -------------------------------------------------------------------


def connect_and_read(folder: Path, key: bytes | None) -> None:
    """A reader on the store and its first read (who works here), closed again."""
    with contextlib.closing(listing.connect_reader(database_path(folder), key)) as reader:
        listing.identity(reader)


def open_book(folder: Path, key: bytes | None) -> None:
    """``open_casebook`` of a migrated store (checks, revision, org tree), closed again."""
    open_casebook(folder, resources.sample_org_tree(), key=key).close()


def start(folder: Path, key: bytes | None) -> int:
    """The store side of the app's start: open the casebook, who works here, the case
    list's first page and its count; returns the count."""
    book = open_casebook(folder, resources.sample_org_tree(), key=key)
    try:
        book.identity()
        _rows, total = book.case_page(CasePage(0, PAGE))
        return total
    finally:
        book.close()


def write_events(store: Store, case_id: str, count: int) -> None:
    """``count`` events appended in one unit of work (one transaction, one commit)."""
    with store.unit_of_work() as session:
        for _ in range(count):
            append(session, case_id=case_id, type=EventType.STEP_COMPLETED, payload=PAYLOAD)


def insert_times(plain: Path, sealed: Path, key: bytes, events: int) -> tuple[Times, Times]:
    """Milliseconds of each transaction of EVENTS_PER_TRANSACTION events, ``events`` on
    each side, the two sides taking turns; the events go to the store's newest case."""
    with contextlib.closing(listing.connect_reader(database_path(plain))) as reader:
        [case] = listing.case_page(reader, CasePage(0, 1))
    stores = Store(database_path(plain)), Store(database_path(sealed), key)
    try:
        plain_side, sealed_side = (
            functools.partial(write_events, store, case.id, EVENTS_PER_TRANSACTION)
            for store in stores
        )
        return interleaved(plain_side, sealed_side, max(1, events // EVENTS_PER_TRANSACTION))
    finally:
        for store in stores:
            store.close()


Searches = dict[str, Times]


def search(reader: sqlite3.Connection, text: str) -> int:
    """The case list's first page under a search, and its count (returned)."""
    narrow = CaseFilter(text=text)
    listing.case_page(reader, CasePage(0, PAGE), narrow)
    return listing.count_cases(reader, narrow)


def search_times(plain: Path, sealed: Path, key: bytes, repeats: int) -> tuple[Searches, Searches]:
    """Milliseconds of each of caselist's searches on the app's reader connection, on
    each side: every query once on each side to warm both, then ``repeats`` times, never
    twice in a row, the sides taking turns. Raises RuntimeError if the two stores do not
    find the same number of cases."""
    texts = queries(plain)
    times: tuple[Searches, Searches] = ({t: [] for t in texts}, {t: [] for t in texts})
    readers = (listing.connect_reader(database_path(plain)),
               listing.connect_reader(database_path(sealed), key))  # fmt: skip
    try:
        found = [{text: search(reader, text) for text in texts} for reader in readers]
        for round_ in range(repeats):
            for text in texts:
                for side in (0, 1) if round_ % 2 == 0 else (1, 0):
                    times[side][text].append(_ms(functools.partial(search, readers[side], text)))
    finally:
        for reader in readers:
            reader.close()
    if found[0] != found[1]:
        raise RuntimeError(f"the encrypted copy finds otherwise: {found[0]} != {found[1]}")
    return times


# --- the run ------------------------------------------------------------------------------


def _size_mb(folder: Path) -> float:
    return round(database_path(folder).stat().st_size / 2**20, 1)


def _sqlcipher_version() -> str:
    with contextlib.closing(cipher.driver.connect(":memory:")) as connection:
        return str(connection.execute("PRAGMA cipher_version").fetchone()[0])


def _report(searches: tuple[Searches, Searches]) -> None:
    print(f"{'query':<22}{'plain ms':>10}{'sealed ms':>11}{'ratio':>7}  (medians)")
    for text, plain in searches[0].items():
        sealed = searches[1][text]
        print(f"{text:<22}{_median(plain):>10.2f}{_median(sealed):>11.2f}"
              f"{_ratio(plain, sealed):>7.2f}")  # fmt: skip


def _small_store(directory: Path, cases: int, events: int, rounds: int) -> dict[str, Any]:
    """The start and insert figures, on a store of ``cases`` sample cases made here."""
    plain, sealed, key = start_pair(directory, cases)
    counts: set[int] = set()
    started = interleaved(lambda: counts.add(start(plain, None)),
                          lambda: counts.add(start(sealed, key)), rounds)  # fmt: skip
    if counts != {cases}:
        raise RuntimeError(f"the first page counted {counts}, not {cases} cases")
    inserted = insert_times(plain, sealed, key, events)
    per_event = [[t / EVENTS_PER_TRANSACTION for t in side] for side in inserted]
    return {
        "start_cases": cases,
        "start_plain_ms": _median(started[0]),
        "start_encrypted_ms": _median(started[1]),
        "start_ratio": _ratio(*started),
        "start_ratio_target": TARGET_START,
        "events": len(inserted[0]) * EVENTS_PER_TRANSACTION,
        "events_per_transaction": EVENTS_PER_TRANSACTION,
        "insert_plain_s": round(sum(inserted[0]) / 1000, 2),
        "insert_encrypted_s": round(sum(inserted[1]) / 1000, 2),
        "insert_plain_ms_per_event": _median(per_event[0], 3),
        "insert_encrypted_ms_per_event": _median(per_event[1], 3),
        "insert_ratio": _ratio(*inserted),
    }


def _large_store(cases: int, rounds: int, repeats: int, root: Path | None) -> dict[str, Any]:
    """The open and search figures, on the cached bulk store of ``cases`` cases."""
    began = time.perf_counter()
    plain, sealed, key = cached_pair(cases, root)
    print(f"stores of {cases} cases ready in {time.perf_counter() - began:.0f} s: {sealed}")
    for folder in (plain, sealed):
        _warm(database_path(folder))  # the same warm disk cache for both sides
    connected = interleaved(lambda: connect_and_read(plain, None),
                            lambda: connect_and_read(sealed, key), rounds)  # fmt: skip
    opened = interleaved(lambda: open_book(plain, None), lambda: open_book(sealed, key), rounds)
    searches = search_times(plain, sealed, key, repeats)
    _report(searches)
    found = [[t for ts in side.values() for t in ts] for side in searches]
    return {
        "cases": cases,
        # The export writes the pages afresh, without the plain file's free ones: the
        # encrypted file can come out smaller despite SQLCipher's 80 bytes a page.
        "store_plain_mb": _size_mb(plain),
        "store_encrypted_mb": _size_mb(sealed),
        "connect_plain_ms": _median(connected[0]),
        "connect_encrypted_ms": _median(connected[1]),
        "connect_ratio": _ratio(*connected),
        "open_plain_ms": _median(opened[0]),
        "open_encrypted_ms": _median(opened[1]),
        "open_ratio": _ratio(*opened),
        "searches": len(found[0]),
        "search_plain_median_ms": _median(found[0]),
        "search_encrypted_median_ms": _median(found[1]),
        "search_ratio": _ratio(*found),
        "search_plain_p95_ms": _p95(found[0]),
        "search_encrypted_p95_ms": _p95(found[1]),
    }


def run(
    cases: int = CASES,
    events: int = EVENTS,
    start_cases: int = START_CASES,
    *,
    rounds: int = ROUNDS,
    repeats: int = REPEATS,
    kdf_rounds: int = KDF_ROUNDS,
    root: Path | None = None,
) -> dict[str, float | int | str]:
    """Measure and return the figures of ``bench/results/crypto.json``."""
    load = os.getloadavg()[0]  # other work on the machine makes every figure slower
    with tempfile.TemporaryDirectory(prefix="outpost-bench-crypto-") as scratch:
        directory = Path(scratch)
        (directory / "keyring").mkdir()
        kdf = kdf_times(directory / "keyring", kdf_rounds)
        small = _small_store(directory, start_cases, events, rounds)
    large = _large_store(cases, rounds, repeats, root)
    return {
        "sqlcipher_version": _sqlcipher_version(),
        "load_average_before": round(load, 2),
        "rounds": rounds,
        "search_repeats": repeats,
        "kdf_rounds": kdf_rounds,
        "kdf_ms": _median(kdf, 1),
        **small,
        # What a worker waits for in all at login, for the record: not in the target.
        "start_encrypted_with_kdf_ms": round(small["start_encrypted_ms"] + _median(kdf, 1), 1),
        **large,
    }
