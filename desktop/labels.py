"""Words shown for the domain's codes (statuses, roles, types, problems), translated.

The tables hold source strings, marked for pyside6-lupdate; each lookup translates,
so the words follow the language installed at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from casework.domain import DisputeType, Level, PartyRole, Priority
from casework.drafts import Problem
from casework.status import CaseStatus

if TYPE_CHECKING:
    from casework.checklists import ChecklistError


def _word(table: dict[str, object], code: str) -> str:
    # Unknown codes (e.g. from a newer release, via sync) are shown as they are.
    source = table.get(code)
    return code if source is None else QCoreApplication.translate("Labels", str(source))


_STATUS: dict[str, object] = {
    CaseStatus.REGISTERED: QT_TRANSLATE_NOOP("Labels", "Registered"),
    CaseStatus.ACCEPTED: QT_TRANSLATE_NOOP("Labels", "Accepted"),
    CaseStatus.IN_MEDIATION: QT_TRANSLATE_NOOP("Labels", "In mediation"),
    CaseStatus.AGREEMENT: QT_TRANSLATE_NOOP("Labels", "Agreement reached"),
    CaseStatus.TERMINATED: QT_TRANSLATE_NOOP("Labels", "Mediation terminated"),
    CaseStatus.PERFORMING: QT_TRANSLATE_NOOP("Labels", "Being performed"),
    CaseStatus.FOLLOWED_UP: QT_TRANSLATE_NOOP("Labels", "Followed up"),
    CaseStatus.ARCHIVED: QT_TRANSLATE_NOOP("Labels", "Archived"),
    CaseStatus.ESCALATED: QT_TRANSLATE_NOOP("Labels", "Escalated"),
    CaseStatus.RETURNED: QT_TRANSLATE_NOOP("Labels", "Returned"),
}


def status(code: str) -> str:
    """A case status in words."""
    return _word(_STATUS, code)


_ROLE: dict[str, object] = {
    PartyRole.APPLICANT: QT_TRANSLATE_NOOP("Labels", "Applicant"),
    PartyRole.RESPONDENT: QT_TRANSLATE_NOOP("Labels", "Respondent"),
}


def role(code: str) -> str:
    """A party's role in words."""
    return _word(_ROLE, code)


_DISPUTE_TYPE: dict[str, object] = {
    DisputeType.MARRIAGE_FAMILY: QT_TRANSLATE_NOOP("Labels", "Marriage and family"),
    DisputeType.NEIGHBOUR: QT_TRANSLATE_NOOP("Labels", "Neighbours"),
    DisputeType.HOUSING_HOMESTEAD: QT_TRANSLATE_NOOP("Labels", "Housing and homestead"),
    DisputeType.CONTRACT: QT_TRANSLATE_NOOP("Labels", "Contract"),
    DisputeType.BUSINESS: QT_TRANSLATE_NOOP("Labels", "Production and business"),
    DisputeType.DAMAGES: QT_TRANSLATE_NOOP("Labels", "Compensation for damage"),
    DisputeType.FOREST_LAND: QT_TRANSLATE_NOOP("Labels", "Forest and land"),
    DisputeType.EXPROPRIATION: QT_TRANSLATE_NOOP("Labels", "Land expropriation and demolition"),
    DisputeType.ENVIRONMENT: QT_TRANSLATE_NOOP("Labels", "Environmental pollution"),
    DisputeType.LABOUR: QT_TRANSLATE_NOOP("Labels", "Labour dispute"),
    DisputeType.MEDICAL: QT_TRANSLATE_NOOP("Labels", "Medical"),
    DisputeType.PROPERTY_MANAGEMENT: QT_TRANSLATE_NOOP("Labels", "Property management"),
    DisputeType.TRAFFIC: QT_TRANSLATE_NOOP("Labels", "Road traffic accident"),
    DisputeType.CONSUMER: QT_TRANSLATE_NOOP("Labels", "Consumer"),
    DisputeType.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
}


def dispute_type(code: str) -> str:
    """A dispute type in words (the national mediation statistics categories)."""
    return _word(_DISPUTE_TYPE, code)


_PRIORITY: dict[str, object] = {
    Priority.ROUTINE: QT_TRANSLATE_NOOP("Labels", "Routine"),
    Priority.URGENT: QT_TRANSLATE_NOOP("Labels", "Urgent"),
    Priority.HARD: QT_TRANSLATE_NOOP("Labels", "Hard, joint handling"),
}


def priority(code: str) -> str:
    """A priority in words (小事快办、急事速办、难事联办)."""
    return _word(_PRIORITY, code)


_LEVEL: dict[str, object] = {
    Level.VILLAGE: QT_TRANSLATE_NOOP("Labels", "Village"),
    Level.TOWN: QT_TRANSLATE_NOOP("Labels", "Town"),
    Level.DISTRICT: QT_TRANSLATE_NOOP("Labels", "District"),
}


def level(code: str) -> str:
    """The handling tier in words."""
    return _word(_LEVEL, code)


_EVENT_TYPE: dict[str, object] = {
    "case.recorded": QT_TRANSLATE_NOOP("Labels", "Case recorded"),
    "case.status_changed": QT_TRANSLATE_NOOP("Labels", "Status changed"),
    "case.intake_answered": QT_TRANSLATE_NOOP("Labels", "Intake question answered"),
    "case.intake_evaluated": QT_TRANSLATE_NOOP("Labels", "Priority or proposed level changed"),
    "case.step_completed": QT_TRANSLATE_NOOP("Labels", "Process step recorded"),
    "case.attachment_added": QT_TRANSLATE_NOOP("Labels", "File attached"),
    "visit.logged": QT_TRANSLATE_NOOP("Labels", "Visit logged"),
    "visit.linked": QT_TRANSLATE_NOOP("Labels", "Patrol linked to this case"),
    "case.conflict_settled": QT_TRANSLATE_NOOP("Labels", "Conflict settled"),
    "escalation.raised": QT_TRANSLATE_NOOP("Labels", "Escalated"),
    "escalation.received": QT_TRANSLATE_NOOP("Labels", "Received by the desk"),
    "escalation.accepted": QT_TRANSLATE_NOOP("Labels", "Taken on by the desk"),
    "escalation.dispatched": QT_TRANSLATE_NOOP("Labels", "Dispatched"),
    "escalation.noted": QT_TRANSLATE_NOOP("Labels", "Handling note"),
    "escalation.closed": QT_TRANSLATE_NOOP("Labels", "Closed by the desk"),
    "escalation.returned": QT_TRANSLATE_NOOP("Labels", "Returned with instructions"),
    "case.personal_data_shown": QT_TRANSLATE_NOOP("Labels", "A party's personal data viewed"),
}


def event_type(code: str) -> str:
    """A history entry's kind in words."""
    return _word(_EVENT_TYPE, code)


# casework.masking's reveal, by the fields shown (sorted codes).
_SHOWN: dict[tuple[str, ...], object] = {
    ("id_number", "phone"): QT_TRANSLATE_NOOP(
        "Labels", "Viewed the full ID number and phone of %1"
    ),
    ("id_number",): QT_TRANSLATE_NOOP("Labels", "Viewed the full ID number of %1"),
    ("phone",): QT_TRANSLATE_NOOP("Labels", "Viewed the full phone number of %1"),
}


def personal_data_shown(payload: Mapping[str, Any]) -> str:
    """A reveal of a party's ID number or phone, as the case history tells it."""
    fields = tuple(sorted(str(f) for f in payload.get("fields") or ()))
    source, name = _SHOWN.get(fields), str(payload.get("party_name") or "")
    if source is None or not name:  # a newer kind of reveal: its kind, in words
        return event_type("case.personal_data_shown")
    return QCoreApplication.translate("Labels", str(source)).replace("%1", name)


_PROBLEM: dict[str, object] = {
    Problem.REQUIRED: QT_TRANSLATE_NOOP("Labels", "Required."),
    Problem.TOO_LONG: QT_TRANSLATE_NOOP("Labels", "Too long; please shorten it."),
    Problem.UNKNOWN_CHOICE: QT_TRANSLATE_NOOP("Labels", "Please choose from the list."),
    Problem.NO_APPLICANT: QT_TRANSLATE_NOOP("Labels", "At least one party must be an applicant."),
    Problem.PHONE_INVALID: QT_TRANSLATE_NOOP(
        "Labels",
        "Not a valid phone number: use an 11-digit mobile number or a landline with area code.",
    ),
    Problem.ID_LENGTH: QT_TRANSLATE_NOOP("Labels", "An ID number has 18 characters."),
    Problem.ID_FORMAT: QT_TRANSLATE_NOOP(
        "Labels", "An ID number is 17 digits followed by a digit or X."
    ),
    Problem.ID_REGION: QT_TRANSLATE_NOOP("Labels", "The first two digits are not a province code."),
    Problem.ID_BIRTH_DATE: QT_TRANSLATE_NOOP(
        "Labels", "Digits 7 to 14 are not a real date of birth."
    ),
    Problem.ID_CHECKSUM: QT_TRANSLATE_NOOP(
        "Labels", "The check digit does not match; please check the number."
    ),
    Problem.DATE_IN_FUTURE: QT_TRANSLATE_NOOP("Labels", "This date has not come yet."),
    Problem.NOT_AFTER_VISIT: QT_TRANSLATE_NOOP(
        "Labels", "The next visit must come after this one."
    ),
    Problem.CASE_REQUIRED: QT_TRANSLATE_NOOP(
        "Labels", "A follow-up visit belongs to a case: choose the case."
    ),
}


def problem(code: Problem) -> str:
    """What is wrong with a field, said so the worker can fix it."""
    return _word(_PROBLEM, code)


# Codes of casework.visits, process and attachments, as text: those modules load the
# ORM, which this module must not pull in before the first rows are shown.
_VISIT_KIND: dict[str, object] = {
    "patrol": QT_TRANSLATE_NOOP("Labels", "Grid patrol"),
    "home_visit": QT_TRANSLATE_NOOP("Labels", "Home visit"),
    "appointment": QT_TRANSLATE_NOOP("Labels", "Appointment"),
    "joint_consultation": QT_TRANSLATE_NOOP("Labels", "Joint consultation"),
    "follow_up": QT_TRANSLATE_NOOP("Labels", "Follow-up visit"),
}
VISIT_KINDS = tuple(_VISIT_KIND)


def visit_kind(code: str) -> str:
    """A kind of visit in words (网格巡查、上门听诊、预约接诊、联合会诊、回访)."""
    return _word(_VISIT_KIND, code)


_SATISFACTION: dict[str, object] = {
    "satisfied": QT_TRANSLATE_NOOP("Labels", "Satisfied"),
    "basically_satisfied": QT_TRANSLATE_NOOP("Labels", "Basically satisfied"),
    "unsatisfied": QT_TRANSLATE_NOOP("Labels", "Not satisfied"),
}
SATISFACTIONS = tuple(_SATISFACTION)


def satisfaction(code: str) -> str:
    """An answer of the follow-up survey in words."""
    return _word(_SATISFACTION, code)


_SURVEY: dict[str, object] = {
    "attitude": QT_TRANSLATE_NOOP("Labels", "Attitude of the mediators"),
    "procedure": QT_TRANSLATE_NOOP("Labels", "Proper procedure"),
    "effect": QT_TRANSLATE_NOOP("Labels", "Effect of the mediation"),
}
SURVEY_QUESTIONS = tuple(_SURVEY)


def survey_question(code: str) -> str:
    """A question of the follow-up survey (调处态度、调处规范、调处效果)."""
    return _word(_SURVEY, code)


_ANSWER: dict[str, object] = {
    "yes": QT_TRANSLATE_NOOP("Labels", "Yes"),
    "no": QT_TRANSLATE_NOOP("Labels", "No"),
    "all_agree": QT_TRANSLATE_NOOP("Labels", "All parties agree"),
    "undecided": QT_TRANSLATE_NOOP("Labels", "Not yet decided"),
    "refused": QT_TRANSLATE_NOOP("Labels", "A party refuses"),
    "none": QT_TRANSLATE_NOOP("Labels", "No risk"),
    "low": QT_TRANSLATE_NOOP("Labels", "Low risk"),
    "high": QT_TRANSLATE_NOOP("Labels", "High risk (violence or crime)"),
    "listed": QT_TRANSLATE_NOOP("Labels", "Listed"),
    "none_yet": QT_TRANSLATE_NOOP("Labels", "None yet"),
}


def answer(code: str) -> str:
    """An intake answer in words (answers a checklist adds are shown as written)."""
    return _word(_ANSWER, code)


_STEP_STATE: dict[str, object] = {
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    "open": QT_TRANSLATE_NOOP("Labels", "To do"),
    "not_needed": QT_TRANSLATE_NOOP("Labels", "Not needed"),
}


def step_state(code: str) -> str:
    """Where a process step stands, in words."""
    return _word(_STEP_STATE, code)


_STEP_REFUSAL: dict[str, object] = {
    "not_accepted": QT_TRANSLATE_NOOP(
        "Labels", "The case has not been accepted yet: finish the intake checklist first."
    ),
    "earlier_open": QT_TRANSLATE_NOOP("Labels", "An earlier step is not done yet: %1."),
    "already_done": QT_TRANSLATE_NOOP("Labels", "This step has already been recorded."),
    "not_needed": QT_TRANSLATE_NOOP(
        "Labels", "This step is not needed any more (its alternative was taken)."
    ),
    "missing_fields": QT_TRANSLATE_NOOP("Labels", "Please fill in: %1."),
    "unknown_step": QT_TRANSLATE_NOOP("Labels", "This case has no such step."),
}


def step_refusal(code: str, detail: str = "") -> str:
    """Why a step cannot be recorded now, in words."""
    return _word(_STEP_REFUSAL, code).replace("%1", detail)


_ATTACHMENT_REFUSAL: dict[str, object] = {
    "unreadable": QT_TRANSLATE_NOOP("Labels", "The file could not be read."),
    "empty": QT_TRANSLATE_NOOP("Labels", "The file is empty."),
    "too_large": QT_TRANSLATE_NOOP(
        "Labels", "The file is larger than 20 MB; please attach a smaller copy."
    ),
    "type_not_allowed": QT_TRANSLATE_NOOP(
        "Labels",
        "Only photos, scans (PDF), documents, voice recordings and short videos can be attached.",
    ),
}


def attachment_refusal(code: str) -> str:
    """Why a file was not attached, in words."""
    return _word(_ATTACHMENT_REFUSAL, code)


# What can be wrong in a checklist file: pydantic's own fault types, then ours
# (casework.checklists). %1, %2: the fault's context, as named in _CHECKLIST_CONTEXT.
_CHECKLIST_FAULT: dict[str, object] = {
    "unreadable": QT_TRANSLATE_NOOP("Labels", "the file cannot be read as TOML (%1)"),
    "missing": QT_TRANSLATE_NOOP("Labels", "a required entry is missing"),
    "extra_forbidden": QT_TRANSLATE_NOOP("Labels", "this entry is not known"),
    "string_too_short": QT_TRANSLATE_NOOP("Labels", "must not be empty"),
    "too_short": QT_TRANSLATE_NOOP("Labels", "needs at least %1 entries"),
    "greater_than": QT_TRANSLATE_NOOP("Labels", "must be greater than %1"),
    "greater_than_equal": QT_TRANSLATE_NOOP("Labels", "must be at least %1"),
    "less_than_equal": QT_TRANSLATE_NOOP("Labels", "must be at most %1"),
    "int_parsing": QT_TRANSLATE_NOOP("Labels", "must be a whole number"),
    "int_type": QT_TRANSLATE_NOOP("Labels", "must be a whole number"),
    "float_parsing": QT_TRANSLATE_NOOP("Labels", "must be a number"),
    "string_type": QT_TRANSLATE_NOOP("Labels", "must be text in quotes"),
    "list_type": QT_TRANSLATE_NOOP("Labels", "must be a list in [ ]"),
    "bool_parsing": QT_TRANSLATE_NOOP("Labels", "must be true or false"),
    "enum": QT_TRANSLATE_NOOP("Labels", "must be one of: %1"),
    "literal_error": QT_TRANSLATE_NOOP("Labels", "must be one of: %1"),
    "string_pattern_mismatch": QT_TRANSLATE_NOOP(
        "Labels", "codes use lower-case letters and underscores only"
    ),
    "types_twice": QT_TRANSLATE_NOOP("Labels", "dispute types listed twice: %1"),
    "types_missing": QT_TRANSLATE_NOOP("Labels", "dispute types missing: %1"),
    "block_without_reason": QT_TRANSLATE_NOOP("Labels", "a blocking rule needs a reason"),
    "unknown_answer": QT_TRANSLATE_NOOP("Labels", "the answer %1 is not one of: %2"),
    "all_answers_block": QT_TRANSLATE_NOOP(
        "Labels", "every answer blocks, so no case could ever be accepted"
    ),
    "questions_twice": QT_TRANSLATE_NOOP("Labels", "questions listed twice: %1"),
    "core_questions_missing": QT_TRANSLATE_NOOP(
        "Labels", "questions the People's Mediation Law requires are missing: %1"
    ),
    "due_rule": QT_TRANSLATE_NOOP("Labels", "give exactly one of due_share and after_close_days"),
    "fields_twice": QT_TRANSLATE_NOOP("Labels", "fields listed twice: %1"),
    "steps_twice": QT_TRANSLATE_NOOP("Labels", "steps listed twice: %1"),
    "unknown_step": QT_TRANSLATE_NOOP("Labels", "step %1 refers to a step that does not exist: %2"),
    "partners": QT_TRANSLATE_NOOP("Labels", "steps %1 and %2 must name each other as alternatives"),
    "core_rule_missing": QT_TRANSLATE_NOOP(
        "Labels", "question %1: the answer %2 must keep the rule the law requires (%3)"
    ),
    "unreachable_status": QT_TRANSLATE_NOOP("Labels", "step %1: no case can become %2 here"),
    "due_order": QT_TRANSLATE_NOOP(
        "Labels", "due_share must not decrease from one step to the next"
    ),
}
_CHECKLIST_CONTEXT = {
    "unreadable": ("detail",), "too_short": ("min_length",), "greater_than": ("gt",),
    "greater_than_equal": ("ge",), "less_than_equal": ("le",), "enum": ("expected",),
    "literal_error": ("expected",), "types_twice": ("codes",), "types_missing": ("codes",),
    "unknown_answer": ("answer", "answers"), "questions_twice": ("codes",),
    "core_questions_missing": ("codes",), "fields_twice": ("codes",), "steps_twice": ("codes",),
    "unknown_step": ("step", "other"), "partners": ("step", "other"),
    "core_rule_missing": ("question", "answer", "effects"),
    "unreachable_status": ("step", "status"),
}  # fmt: skip


def checklist_error(error: ChecklistError) -> str:
    """A refused checklist file in words: the file, the entry, what is wrong."""
    if error.problem in _CHECKLIST_FAULT:
        text = _word(_CHECKLIST_FAULT, error.problem)
        for number, key in enumerate(_CHECKLIST_CONTEXT.get(error.problem, ()), start=1):
            text = text.replace(f"%{number}", error.context.get(key, ""))
    else:  # a fault this table does not know: pydantic's English says it
        text = str(error).rsplit(": ", 1)[-1]
    where = error.entry if error.entry and error.entry != "file" else ""
    return (
        QCoreApplication.translate("Labels", "%1: %2: %3")
        .replace("%1", error.file)
        .replace("%2", where or QCoreApplication.translate("Labels", "whole file"))
        .replace("%3", text)
    )


_ESCALATION_STATE: dict[str, object] = {
    "sent": QT_TRANSLATE_NOOP("Labels", "Sent, not yet received"),
    "received": QT_TRANSLATE_NOOP("Labels", "Received, awaiting acceptance"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Taken on, not yet dispatched"),
    "dispatched": QT_TRANSLATE_NOOP("Labels", "Dispatched, being handled"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
    "returned": QT_TRANSLATE_NOOP("Labels", "Returned to the level below"),
    "forwarded": QT_TRANSLATE_NOOP("Labels", "Escalated to the district"),
}


def escalation_state(code: str) -> str:
    """Where an escalation stands, in words."""
    return _word(_ESCALATION_STATE, code)


_URGENCY: dict[str, object] = {
    "routine": QT_TRANSLATE_NOOP("Labels", "Routine (accept within a day)"),
    "urgent": QT_TRANSLATE_NOOP("Labels", "Urgent (accept within 4 hours)"),
}


def urgency(code: str) -> str:
    """An escalation's urgency in words."""
    return _word(_URGENCY, code)


_ENTRY_KIND: dict[str, object] = {
    "department": QT_TRANSLATE_NOOP("Labels", "Department"),
    "team": QT_TRANSLATE_NOOP("Labels", "Mediator team"),
    "mediator": QT_TRANSLATE_NOOP("Labels", "Mediator"),
    "professional": QT_TRANSLATE_NOOP("Labels", "Professional"),
    "part_time": QT_TRANSLATE_NOOP("Labels", "Part-time"),
    "invited": QT_TRANSLATE_NOOP("Labels", "Invited"),
}


def directory_word(code: str) -> str:
    """A directory entry's kind, or a team's kind, in words."""
    return _word(_ENTRY_KIND, code)


_ESCALATION_REFUSAL: dict[str, object] = {
    "not_set_up": QT_TRANSLATE_NOOP("Labels", "This laptop is not set up yet."),
    "not_open": QT_TRANSLATE_NOOP("Labels", "Only a case still being handled can be escalated."),
    "top_level": QT_TRANSLATE_NOOP("Labels", "The district is the last level: it cannot escalate."),
    "no_higher_level": QT_TRANSLATE_NOOP("Labels", "There is no higher level in the org tree."),
    "not_in_hand": QT_TRANSLATE_NOOP(
        "Labels", "Accept the escalation first; this is not possible before."
    ),
    "not_addressed_here": QT_TRANSLATE_NOOP(
        "Labels", "This escalation was sent to another desk; only that desk can act on it."
    ),
    "not_waiting": QT_TRANSLATE_NOOP("Labels", "This escalation has been accepted already."),
    "finished": QT_TRANSLATE_NOOP("Labels", "This escalation is finished already."),
    "reason_missing": QT_TRANSLATE_NOOP("Labels", "Please give the reason for escalating."),
    "text_missing": QT_TRANSLATE_NOOP("Labels", "Please write what was done."),
    "summary_missing": QT_TRANSLATE_NOOP("Labels", "Please write the outcome."),
    "instructions_missing": QT_TRANSLATE_NOOP("Labels", "Please write what the village should do."),
    "assignee_missing": QT_TRANSLATE_NOOP("Labels", "Please choose who takes the case."),
    "present_missing": QT_TRANSLATE_NOOP("Labels", "A joint consultation names who took part."),
}


def escalation_refusal(code: str) -> str:
    """Why a desk act or an escalation cannot be done, in words."""
    if code.endswith("_too_long"):
        return QCoreApplication.translate("Labels", "Too long; please shorten it.")
    return _word(_ESCALATION_REFUSAL, code)
