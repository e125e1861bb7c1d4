"""A seeded schedule of edits, syncs and link faults across three replicas (two laptops
of one village and the town's), then the faults heal: every replica must hold the same
cases and history, and the server every event exactly once."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path

import pytest

from casework.handling import IntakeBlocked, IntakeClosed
from casework.intake import Answer
from casework.process import StepRefused
from casework.status import CaseStatus, IllegalTransition
from sync.client import SyncError
from tests.server.harness import RunningServer
from tests.sync.proxy import Fault, FaultyProxy
from tests.sync.test_end_to_end import STATE, TOWN, VILLAGE, Laptop, _server_ids

STEPS = 240
FIELDS = {
    "investigate": {"findings": "已查看现场"},
    "mediate": {"held_on": "2026-11-20", "record": "调解一次"},
    "agreement": {"terms": "赔偿 500 元", "performance_deadline": "2026-12-01"},
    "termination": {"reason": "分歧较大", "other_routes_explained": "yes"},
    "performance": {"performance": "已履行"},
    "archive": {},
}
FAULTS = [
    Fault(cut_downstream_after=40), Fault(cut_upstream_after=200),
    Fault(reset=True), Fault(delay_s=0.01),
]  # fmt: skip
# What a worker may be told instead of doing a thing: part of the schedule, not a failure.
REFUSALS = (IllegalTransition, StepRefused, IntakeBlocked, IntakeClosed, LookupError)


def _act(rng: random.Random, laptop: Laptop, number: int) -> None:
    cases = sorted(laptop.case_ids())
    roll = rng.random()
    if laptop.unit == TOWN and not cases:
        return  # the town works on what the villages sent up
    if (roll < 0.25 and laptop.unit != TOWN) or not cases:
        laptop.take_in(f"第{number}件纠纷")
        return
    case_id = rng.choice(cases)
    if roll < 0.55:
        step = rng.choice(sorted(FIELDS))
        laptop.book.complete_step(case_id, step, FIELDS[step])
    elif roll < 0.7:
        laptop.book.answer_intake(case_id, {"risk": Answer(rng.choice(["none", "low", "high"]))})
    elif roll < 0.85:
        target = rng.choice([CaseStatus.ESCALATED, CaseStatus.TERMINATED, CaseStatus.RETURNED])
        laptop.book.change_status(case_id, target, "随机安排")
    else:
        laptop.book.change_status(case_id, CaseStatus.AGREEMENT, "镇里调解成功")


@pytest.mark.parametrize("seed", [11, 29])
def test_edits_syncs_and_faults_converge_with_every_event_once(
    outpost_server: RunningServer, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    proxy = FaultyProxy(("127.0.0.1", outpost_server.port))
    replicas = [
        Laptop(tmp_path / "a1", VILLAGE, "王芳"),
        Laptop(tmp_path / "a2", VILLAGE, "张伟"),
        Laptop(tmp_path / "town", TOWN, "陈主任"),
    ]
    try:
        for laptop in replicas:
            laptop.enroll(outpost_server, proxy.url)
            assert laptop.server is not None
            laptop.server.backoff.base_s = 0.001
        for number in range(STEPS):
            laptop = rng.choice(replicas)
            if rng.random() < 0.3:
                if rng.random() < 0.3:
                    proxy.inject(rng.choice(FAULTS))
                with contextlib.suppress(SyncError):  # the link failed: a later sync goes on
                    laptop.sync()
                continue
            with contextlib.suppress(*REFUSALS):
                _act(rng, laptop, number)
        proxy.inject(Fault(connections=0))  # the link heals
        for _ in range(2):
            for laptop in replicas:
                laptop.sync()
        first = replicas[0]
        for laptop in replicas:
            assert laptop.waiting() == 0
            for table in STATE:
                assert laptop.rows(table) == first.rows(table), (laptop.folder.name, table)
        server = _server_ids(outpost_server)
        assert len(server) == len(set(server)) == len(first.rows("case_events"))
        assert proxy.cut > 0 and len(first.case_ids()) > 10  # faults and work both happened
    finally:
        proxy.close()
        for laptop in replicas:
            laptop.close()
