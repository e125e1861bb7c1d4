"""The case-list benchmark's bulk data is what the app itself would hold and show."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import resources
from bench import bulkdata, caselist
from casework import cipher, listing
from casework.casebook import Casebook, open_casebook
from casework.drafts import CaseDraft, PartyDraft, validate
from casework.rows import CaseFilter, CasePage
from casework.status import TRANSITIONS, CaseStatus

CASES = 300


@pytest.fixture(scope="module")
def bulk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Casebook]:
    """A store of CASES bulk-made cases, opened as the app opens it."""
    folder = tmp_path_factory.mktemp("bulk")
    bulkdata.build(folder, CASES, seed=5)
    book = open_casebook(folder, resources.sample_org_tree())
    yield book
    book.close()


def _ids(connection: sqlite3.Connection, sql: str, *params: str) -> set[str]:
    return {case_id for (case_id,) in connection.execute(sql, params)}


def test_the_list_shows_every_case_once_newest_first(bulk: Casebook) -> None:
    rows, total = bulk.case_page(CasePage(0, 500))
    assert total == CASES and len({r.number for r in rows}) == CASES
    assert [r.created_at for r in rows] == sorted((r.created_at for r in rows), reverse=True)
    assert all(r.parties and r.due_on for r in rows)
    statuses = {r.status for r in rows}
    assert {"archived", "terminated", "accepted", "escalated", "in_mediation"} <= statuses
    assert {r.priority for r in rows} == {"routine", "urgent", "hard"}


def test_each_case_has_the_history_the_services_would_have_written(bulk: Casebook) -> None:
    rows, _ = bulk.case_page(CasePage(0, 40))
    for row in rows:
        detail = bulk.case_detail(row.id)
        recorded = detail.history[0]
        assert recorded.type == "case.recorded" and recorded.payload["number"] == row.number
        parties = [PartyDraft(p["name"], p["role"], p["id_number"], p["phone"], p["address"])
                   for p in recorded.payload["parties"]]  # fmt: skip
        draft = CaseDraft(detail.dispute_type, detail.facts, detail.claims, parties)
        assert validate(draft) == []
        status = CaseStatus.REGISTERED
        for event in detail.history[1:]:
            if event.type == "case.status_changed":
                assert CaseStatus(event.payload["to"]) in TRANSITIONS[status]
                status = CaseStatus(event.payload["to"])
        assert status.value == detail.status
        assert detail.steps and detail.steps[0].state == "done"  # 登记 is done on recording
    with contextlib.closing(cipher.connect(bulk.path, None)) as connection:
        events, queued, seqs = connection.execute(
            "SELECT count(*), (SELECT count(*) FROM outbox), count(DISTINCT device_seq) "
            "FROM case_events"
        ).fetchone()
        last_seq = connection.execute("SELECT last_seq FROM devices").fetchone()[0]
    assert events == queued == seqs == last_seq > CASES


def test_searches_find_what_the_generated_rows_hold(bulk: Casebook) -> None:
    with contextlib.closing(cipher.connect(bulk.path, None)) as connection:
        expected = {
            "王": _ids(connection, "SELECT case_id FROM parties WHERE name LIKE '%王%'"),
            "王伟": _ids(connection, "SELECT case_id FROM parties WHERE name LIKE '%王伟%'"),
            "庙港社区": _ids(connection, "SELECT case_id FROM parties WHERE address LIKE ?",
                             "%庙港社区%"),
            "空调外机": _ids(connection, "SELECT id FROM cases WHERE facts LIKE '%空调外机%'"),
        }  # fmt: skip
    assert len(expected["王伟"]) > CASES // 20  # a common name: many cases
    for text, ids in expected.items():
        rows, total = bulk.case_page(CasePage(0, 500), CaseFilter(text=text))
        assert {r.id for r in rows} == ids and total == len(ids), text
    for text in caselist.queries(bulk.path.parent):
        rows, total = bulk.case_page(CasePage(0, 500), CaseFilter(text=text))
        assert total == len(rows)
        assert (total == 0) == (text == "欧阳修远"), text


def test_the_reader_and_the_count_agree_under_every_filter(bulk: Casebook) -> None:
    connection = listing.connect_reader(bulk.path)
    try:
        for status in ("archived", "accepted", "escalated"):
            narrow = CaseFilter(text="王", statuses=(status,))
            rows = listing.case_page(connection, CasePage(0, 500), narrow)
            assert listing.count_cases(connection, narrow) == len(rows) > 0
            assert {r.status for r in rows} == {status}
    finally:
        connection.close()


def test_a_built_store_is_kept_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = bulkdata.cached(5, root=tmp_path)
    monkeypatch.setattr(bulkdata, "build", lambda *a, **k: pytest.fail("built again"))
    assert bulkdata.cached(5, root=tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no staging left behind
