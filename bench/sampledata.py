"""Realistic sample disputes for benchmarks: Chinese names, valid ID numbers and phones,
facts for every dispute type, dates over several years, each case taken through the
intake and process checklists as far as its (random) path goes.

The disputes, the steps' fields, the paths cases take and the follow-up visits are
training mode's (casework.training); everything is recorded through the casework
services, so the events, sequence numbers and outbox rows are exactly what the app
itself writes.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy.orm import Session

import resources
from casework import handling, services
from casework.casebook import Casebook, open_casebook
from casework.checklists import Checklists
from casework.intake import Answer, clean_answers
from casework.status import CaseStatus
from casework.training import VILLAGE, _fields, _follow_up, _path, draft

__all__ = ["VILLAGE", "_fields", "_path", "draft", "fill", "record_one"]  # bench.bulkdata's


# Bench-only, unlike training's: a proposed escalation is a plain status change here
# (training raises an Escalation), as bench.bulkdata writes it row by row.
def _take_in(session: Session, case_id: str, rng: random.Random, lists: Checklists,
             at: dt.datetime) -> bool:  # fmt: skip
    """Answer the intake as a worker would; True when the case was accepted."""
    answers = clean_answers(lists.intake)
    roll = rng.random()
    if roll < 0.04:
        answers["consent"] = Answer("refused")
    elif roll < 0.07:
        answers["risk"] = Answer("high")
    outcome = handling.answer_intake(session, case_id, answers, lists, at=at)
    if not outcome.acceptable:
        services.change_status(session, case_id, CaseStatus.TERMINATED, at=at,
                               note="当事人明确拒绝调解，已告知其他救济途径")  # fmt: skip
        return False
    if outcome.propose_escalation and rng.random() < 0.6:
        services.change_status(session, case_id, CaseStatus.ESCALATED, at=at,
                               note="超出村级调处范围，报镇矛调中心")  # fmt: skip
        return False
    services.change_status(session, case_id, CaseStatus.ACCEPTED, at=at, checklists=lists)
    return True


# Bench-only, unlike training's: every case goes through intake (training leaves some
# just registered), so the benchmarks' stores keep the make-up their figures were taken on.
def record_one(session: Session, rng: random.Random, lists: Checklists, at: dt.datetime,
               end: dt.datetime) -> str:  # fmt: skip
    """Record one dispute received at ``at`` and take it as far as its path goes."""
    case_id = services.record_case(session, draft(rng), at=at, checklists=lists)
    if not _take_in(session, case_id, rng, lists, at):
        return case_id
    for number, code in enumerate(_path(rng), start=1):
        when = min(at + dt.timedelta(days=2 * number), end)
        day = when.astimezone().date()
        if code == "follow_up":
            _follow_up(session, case_id, rng, lists, day, when)
        else:
            fields = _fields(lists.process.find(code), day)
            handling.complete_step(session, case_id, code, fields, lists, at=when)
    return case_id


def fill(directory: Path, count: int, *, seed: int = 7, batch: int = 500) -> Casebook:
    """A store in ``directory`` with ``count`` cases over the last three years; returns it open."""
    rng = random.Random(seed)
    book = open_casebook(directory, resources.sample_org_tree())
    if book.identity() is None:
        book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
    lists = book.checklists
    end = dt.datetime.now(dt.UTC)
    start = end - dt.timedelta(days=3 * 365)
    moments = sorted(start + (end - start) * rng.random() for _ in range(count))
    for first in range(0, count, batch):
        with book.store.unit_of_work() as session:  # one transaction per batch: fast, whole
            for at in moments[first : first + batch]:
                record_one(session, rng, lists, at, end)
    return book
