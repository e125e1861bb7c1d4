"""Words shown for the domain's codes (statuses, roles, types, problems), translated.

The tables hold source strings, marked for pyside6-lupdate; each lookup translates,
so the words follow the language installed at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from casework.domain import DisputeType, Level, PartyRole, Priority
from casework.drafts import Problem
from casework.status import CaseStatus


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
}


def event_type(code: str) -> str:
    """A history entry's kind in words."""
    return _word(_EVENT_TYPE, code)


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
