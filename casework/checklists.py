"""The three checklists 三张清单 as data: loading, checking, and keeping the last good copy.

The files live in resources/checklists (TOML, edited by people); their shape is the
pydantic models below. A file that is malformed or inconsistent is refused with a
message naming the file, the entry and what is wrong, and the last good copy (kept in
the data directory) is used instead, so a bad edit never stops a village's work.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from casework.domain import DisputeType, Level, Priority
from casework.status import CaseStatus

log = logging.getLogger("outpost.checklists")

FILES = ("items.toml", "intake.toml", "process.toml")
# Versions name the kept copies of each file (items-2026.1.toml): no path characters.
VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$"
VERSIONS_DIR = "checklist-versions"
# Intake questions the People's Mediation Law makes necessary (identity, voluntariness,
# no other proceedings, risk): a town may add questions, not drop these.
CORE_QUESTIONS = frozenset({"identities_verified", "consent", "other_proceedings", "risk"})
# ...nor drop what the law makes of their answers: a refusal and other proceedings block
# mediation; a risk of violence makes the case urgent and calls for the police.
CORE_RULES = {
    ("consent", "refused"): frozenset({"block"}),
    ("other_proceedings", "yes"): frozenset({"block"}),
    ("risk", "high"): frozenset({"urgent", "police"}),
}
Effect = Literal["block", "urgent", "escalate", "police"]


def _twice(codes: list[str]) -> str:
    """The codes that appear more than once, for an error message ('' when none)."""
    return ", ".join(sorted({c for c in codes if codes.count(c) > 1}))


def _fault(code: str, english: str, **context: str) -> PydanticCustomError:
    # A checklist fault with a code the UI words in Chinese, and its English for the log.
    return PydanticCustomError(code, english, context)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Versioned(_Strict):
    """A checklist file: its content and the version every case records."""

    version: str = Field(pattern=VERSION_PATTERN)


class Item(_Strict):
    """One dispute type of the items catalogue 事项清单."""

    code: DisputeType
    name: str = Field(min_length=1)
    level: Level
    priority: Priority
    deadline_days: int = Field(gt=0, le=365)
    departments: list[str] = []


class ItemsCatalogue(_Versioned):
    """事项清单."""

    item: list[Item]

    @model_validator(mode="after")
    def _every_type_once(self) -> ItemsCatalogue:
        codes = [i.code for i in self.item]
        if dupes := _twice([c.value for c in codes]):
            raise _fault("types_twice", "dispute types listed twice: {codes}", codes=dupes)
        if missing := sorted(t.value for t in DisputeType if t not in codes):
            raise _fault(
                "types_missing", "dispute types missing: {codes}", codes=", ".join(missing)
            )
        return self

    def find(self, code: str) -> Item:
        """The item of a dispute type; KeyError for an unknown code."""
        for item in self.item:
            if item.code == code:
                return item
        raise KeyError(code)


class Rule(_Strict):
    """What one answer to an intake question does."""

    when: str
    effect: Effect
    reason: str = ""

    @model_validator(mode="after")
    def _blocks_say_why(self) -> Rule:
        if self.effect == "block" and not self.reason:
            raise _fault("block_without_reason", "a blocking rule needs a reason")
        return self


class Question(_Strict):
    """One question of the intake checklist 受理清单."""

    code: str = Field(pattern=r"^[a-z_]+$")
    text: str = Field(min_length=1)
    answers: list[str] = Field(min_length=2)
    note_required_when: list[str] = []
    rule: list[Rule] = []

    @model_validator(mode="after")
    def _rules_use_known_answers(self) -> Question:
        for answer in [r.when for r in self.rule] + self.note_required_when:
            if answer not in self.answers:
                raise _fault(
                    "unknown_answer", "answer '{answer}' is not one of {answers}",
                    answer=answer, answers=", ".join(self.answers),
                )  # fmt: skip
        blocking = {r.when for r in self.rule if r.effect == "block"}
        if blocking >= set(self.answers):
            raise _fault("all_answers_block", "every answer blocks: no case could ever be accepted")
        return self


class IntakeChecklist(_Versioned):
    """受理清单."""

    question: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> IntakeChecklist:
        codes = [q.code for q in self.question]
        if dupes := _twice(codes):
            raise _fault("questions_twice", "questions listed twice: {codes}", codes=dupes)
        if missing := sorted(CORE_QUESTIONS - set(codes)):
            raise _fault(
                "core_questions_missing", "questions the law requires are missing: {codes}",
                codes=", ".join(missing),
            )  # fmt: skip
        by_code = {q.code: q for q in self.question}
        for (code, answer), needed in CORE_RULES.items():
            effects = {r.effect for r in by_code[code].rule if r.when == answer}
            if lacking := sorted(needed - effects):
                raise _fault(
                    "core_rule_missing", "question '{question}': answer '{answer}' must {effects}",
                    question=code, answer=answer, effects=", ".join(lacking),
                )  # fmt: skip
        return self


class StepField(_Strict):
    """Something a worker records to complete a process step."""

    code: str = Field(pattern=r"^[a-z_]+$")
    label: str = Field(min_length=1)
    kind: Literal["text", "date", "confirm"] = "text"


class Step(_Strict):
    """One step of the process checklist 流程清单."""

    code: str = Field(pattern=r"^[a-z_]+$")
    name: str = Field(min_length=1)
    due_share: float | None = Field(default=None, ge=0, le=1)
    after_close_days: int | None = Field(default=None, ge=0)
    field: list[StepField] = []
    repeatable: bool = False
    alternative_to: str | None = None
    skipped_after: str | None = None
    # The status the case moves to when this step is done (None: it keeps its status).
    status: CaseStatus | None = None
    # May be taken as soon as the case is accepted, leaving the steps before it undone
    # (a mediation that ends before a session could be held).
    at_any_time: bool = False
    # Done by logging a visit of that kind (回访: a follow-up with its survey), not by a form.
    by_visit: Literal["follow_up"] | None = None

    @model_validator(mode="after")
    def _one_due_rule(self) -> Step:
        if (self.due_share is None) == (self.after_close_days is None):
            raise _fault("due_rule", "give exactly one of due_share and after_close_days")
        if dupes := _twice([f.code for f in self.field]):
            raise _fault("fields_twice", "fields listed twice: {codes}", codes=dupes)
        return self


class ProcessChecklist(_Versioned):
    """流程清单."""

    step: list[Step] = Field(min_length=1)

    def _statuses_follow(self) -> None:
        # Each step's status must be one the state machine can reach from an earlier one
        # (from acceptance at first): a step no case could ever take is refused now.
        from casework.status import TRANSITIONS

        reached = {CaseStatus.ACCEPTED}
        for step in self.step:
            target = step.status
            if target is None:
                continue
            if not any(target is s or target in TRANSITIONS[s] for s in reached):
                raise _fault(
                    "unreachable_status", "step '{step}': no case can become '{status}' here",
                    step=step.code, status=target.value,
                )  # fmt: skip
            reached.add(target)

    def find(self, code: str) -> Step:
        """The step of that code; KeyError for an unknown one."""
        for step in self.step:
            if step.code == code:
                return step
        raise KeyError(code)

    @model_validator(mode="after")
    def _references_resolve(self) -> ProcessChecklist:
        codes = [s.code for s in self.step]
        if dupes := _twice(codes):
            raise _fault("steps_twice", "steps listed twice: {codes}", codes=dupes)
        by_code = {s.code: s for s in self.step}
        for step in self.step:
            for other in (step.alternative_to, step.skipped_after):
                if other is not None and other not in codes:
                    raise _fault(
                        "unknown_step", "step '{step}' refers to unknown step '{other}'",
                        step=step.code, other=other,
                    )  # fmt: skip
            partner = by_code.get(step.alternative_to or "")
            if partner is not None and partner.alternative_to != step.code:
                raise _fault(
                    "partners", "steps '{step}' and '{other}' must name each other",
                    step=step.code, other=partner.code,
                )  # fmt: skip
        self._statuses_follow()
        shares = [s.due_share for s in self.step if s.due_share is not None]
        if shares != sorted(shares):
            raise _fault("due_order", "due_share must not decrease from one step to the next")
        return self


@dataclasses.dataclass(frozen=True)
class Checklists:
    """The three checklists in force, and any file that was refused (its error)."""

    items: ItemsCatalogue
    intake: IntakeChecklist
    process: ProcessChecklist
    refused: list[ChecklistError] = dataclasses.field(default_factory=list)


class ChecklistError(ValueError):
    """A checklist file is malformed: which file, which entry, what fault (a code, its
    context and its English wording, which is also the message)."""

    def __init__(
        self, file: str, entry: str, problem: str, english: str, context: dict[str, Any]
    ) -> None:
        self.file = file
        self.entry = entry
        self.problem = problem
        self.context = context
        super().__init__(": ".join(part for part in (file, entry, english) if part))


_MODELS: dict[str, type[_Versioned]] = {
    "items.toml": ItemsCatalogue,
    "intake.toml": IntakeChecklist,
    "process.toml": ProcessChecklist,
}


def _entry(data: object, loc: tuple[int | str, ...]) -> str:
    # Name the entry by its code where the location points into a list of entries.
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
            code = node.get("code") if isinstance(node, dict) else None
            parts.append(f"{code!r}" if code else f"#{key + 1}")
        elif isinstance(node, dict) and key in node:
            node = node[key]
            parts.append(str(key))
        else:
            parts.append(str(key))
    return " ".join(parts) or "file"


def _read_checked(path: Path, name: str = "") -> tuple[bytes, _Versioned]:
    """The file's bytes and their checked content (as the checklist ``name``, by default
    the file's own name); raises ChecklistError naming the fault."""
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        context = {"detail": str(exc)}
        raise ChecklistError(
            path.name, "", "unreadable", f"cannot be read: {exc}", context
        ) from exc
    try:
        return raw, _MODELS[name or path.name].model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ChecklistError(
            path.name, _entry(data, tuple(first["loc"])), first["type"], first["msg"],
            {k: str(v) for k, v in first.get("ctx", {}).items()},
        ) from exc  # fmt: skip


def load_file(path: Path) -> _Versioned:
    """Read and check one checklist file; raises ChecklistError naming what is wrong."""
    return _read_checked(path)[1]


class ChecklistsUnavailable(ValueError):
    """A file was refused and no good copy of it exists: intake cannot run."""

    def __init__(self, errors: list[ChecklistError]) -> None:
        self.errors = errors
        super().__init__("; ".join(map(str, errors)))


def _keep(target: Path, raw: bytes) -> None:
    # The very bytes that were checked, put in place whole (a crash mid-copy or an edit
    # made meanwhile never leaves an unchecked or truncated "last good" file).
    staging = target.with_name(target.name + ".new")
    try:
        staging.write_bytes(raw)
        os.replace(staging, target)
    except OSError as exc:
        log.warning("could not keep %s as the last good copy: %s", target.name, exc)


def load(source: Path, last_good: Path) -> Checklists:
    """The checklists from ``source``, each file falling back to its last good copy.

    A file that loads becomes the last good copy in ``last_good``; one that does not is
    reported in ``refused`` and its last good copy used. If a refused file has no good
    copy, ChecklistsUnavailable says which (the good files are still kept).
    """
    last_good.mkdir(parents=True, exist_ok=True)
    loaded: dict[str, _Versioned] = {}
    refused: list[ChecklistError] = []
    unusable: list[ChecklistError] = []
    for name in FILES:
        try:
            raw, loaded[name] = _read_checked(source / name)
        except ChecklistError as error:
            log.error("checklist refused: %s", error)
            refused.append(error)
            try:
                loaded[name] = load_file(last_good / name)
            except ChecklistError:
                unusable.append(error)
        else:
            _keep(last_good / name, raw)
            _keep_version(last_good.parent / VERSIONS_DIR, name, loaded[name], raw)
    if unusable:
        raise ChecklistsUnavailable(unusable)
    items, intake, process = (loaded[n] for n in FILES)
    assert isinstance(items, ItemsCatalogue)
    assert isinstance(intake, IntakeChecklist)
    assert isinstance(process, ProcessChecklist)
    return Checklists(items, intake, process, refused)


def _version_path(folder: Path, name: str, version: str) -> Path:
    return folder / f"{Path(name).stem}-{version}.toml"


def _keep_version(folder: Path, name: str, checked: _Versioned, raw: bytes) -> None:
    # Every version ever used stays readable: a case is run against the version it was
    # taken in under, whatever the files say now.
    version = checked.version
    target = _version_path(folder, name, version)
    if target.exists():
        if target.read_bytes() != raw:
            log.warning(
                "%s changed without a new version (still %s): cases taken in under %s keep "
                "its first text; raise the version when editing", name, version, version,
            )  # fmt: skip
        return
    folder.mkdir(parents=True, exist_ok=True)
    _keep(target, raw)


class Archive:
    """The kept versions of the checklist files, to run each case against its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._found: dict[tuple[str, str], _Versioned | None] = {}

    def _find(self, name: str, version: str) -> _Versioned | None:
        key = (name, version)
        if key not in self._found:
            try:
                self._found[key] = _read_checked(_version_path(self.folder, name, version), name)[1]
            except ChecklistError as error:  # never kept here (e.g. made on another laptop)
                log.info("checklist %s version %s not kept here: %s", name, version, error)
                self._found[key] = None
        return self._found[key]

    def lists_for(
        self,
        current: Checklists,
        items: str | None,
        intake: str | None,
        process: str | None,
    ) -> Checklists:
        """The checklists of the given versions, each falling back to the current one
        when it is the current one, unknown, or not kept on this laptop."""
        chosen: list[_Versioned] = []
        for name, version, now in (("items.toml", items, current.items),
                                   ("intake.toml", intake, current.intake),
                                   ("process.toml", process, current.process)):  # fmt: skip
            kept = None if version in (None, now.version) else self._find(name, str(version))
            chosen.append(kept or now)
        found_items, found_intake, found_process = chosen
        assert isinstance(found_items, ItemsCatalogue)
        assert isinstance(found_intake, IntakeChecklist)
        assert isinstance(found_process, ProcessChecklist)
        return Checklists(found_items, found_intake, found_process, current.refused)
