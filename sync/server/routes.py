"""The HTTP endpoints of sync/protocol.py: thin, each one unit of work in a service."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from sync.protocol import (
    MAX_EVENTS_PER_PUSH,
    PULL_PAGE,
    AccountsResponse,
    AccountWire,
    AttachmentStatus,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    PasswordChange,
    Ping,
    PullResponse,
    PushResponse,
    WireEvent,
)
from sync.server.deps import (
    ChunkBody,
    DeviceDep,
    EnrollBody,
    PasswordBody,
    ProtocolHeader,
    PushBody,
    RuntimeDep,
    TrainingDep,
    check_protocol,
    enroll_allowed,
    require_protocol,
)
from sync.server.services import accounts, attachments, devices, pull, push

JSON = "application/json"
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
AccountId = Annotated[
    str, Path(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]

# The refusals, as the OpenAPI schema declares them: every one an ErrorBody.
_REFUSALS = {
    400: "The request is malformed: a header, a parameter or the body.",
    401: "No device token, or an unknown or revoked one.",
    403: "Refused: a bad enrollment code, training data, a disabled account.",
    404: "Not in this device's scope.",
    409: "In conflict with what the server holds.",
    413: "The body is larger than the server accepts.",
    422: "An attachment's bytes do not hash to its name.",
    426: "The client is older than the server serves.",
    429: "Too many requests; try again after Retry-After seconds.",
}
# Bodies read by a dependency (bodies.read_body, capped) rather than by FastAPI: the app
# adds their schemas to the OpenAPI components (app.py).
BODY_MODELS: tuple[type[BaseModel], ...] = (EnrollRequest, WireEvent, PasswordChange)
# A push as the server reads it: an item that is not a valid WireEvent is answered
# `rejected` on its own (bodies.push_items), so one bad event never blocks the outbox
# behind it; only the envelope and the count are the request's.
PUSH_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {
            "type": "array",
            "maxItems": MAX_EVENTS_PER_PUSH,
            "items": {"anyOf": [{"$ref": "#/components/schemas/WireEvent"}, {}]},
        }
    },
}


_RETRY_AFTER = {
    "Retry-After": {"description": "Whole seconds to wait.", "schema": {"type": "integer"}}
}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    declared: dict[int | str, dict[str, Any]] = {}
    for status in sorted({400, 426, *statuses}):
        declared[status] = {"model": ErrorBody, "description": _REFUSALS[status]}
        if status == 429:
            declared[status]["headers"] = _RETRY_AFTER
    return declared


def _device_errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return _errors(401, 429, *statuses)


def _body(schema: type[BaseModel] | dict[str, Any] | None) -> dict[str, Any]:
    if schema is None:  # an attachment chunk
        media = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
    elif isinstance(schema, dict):
        media = {JSON: {"schema": schema}}
    else:
        media = {JSON: {"schema": {"$ref": f"#/components/schemas/{schema.__name__}"}}}
    return {"requestBody": {"required": True, "content": media}}


probe = APIRouter(prefix="/v1")
api = APIRouter(prefix="/v1", dependencies=[Depends(require_protocol)])


def _json(model: BaseModel) -> Response:
    # Serialised once by pydantic; FastAPI's response_model pass would validate it again.
    return Response(model.model_dump_json(), media_type=JSON)


@probe.get("/ping", response_model=Ping, responses=_errors())
def ping(protocol: ProtocolHeader = None) -> Response:
    """The link probe; it needs no header, but an old client that sends one is told."""
    if protocol is not None:
        check_protocol(protocol)
    return _json(Ping(server_time=dt.datetime.now(dt.UTC)))


@api.post(
    "/enroll",
    response_model=EnrollResponse,
    dependencies=[Depends(enroll_allowed)],
    responses=_errors(403, 409, 413, 429),
    openapi_extra=_body(EnrollRequest),
)
def enroll(body: EnrollBody, runtime: RuntimeDep) -> Response:
    """Enroll a device with a one-time code."""
    with runtime.store.unit_of_work() as session:
        answer = devices.enroll(
            session,
            request=body,
            server_training=runtime.settings.training,
            server_hlc=runtime.clock.now(),
        )
    return _json(answer)


@api.post(
    "/push",
    response_model=PushResponse,
    responses=_device_errors(413),
    openapi_extra=_body(PUSH_BODY),
)
def push_events(
    device: DeviceDep, items: PushBody, training: TrainingDep, runtime: RuntimeDep
) -> Response:
    """Store a batch of events; one answer per event, committed before it is sent."""
    refused = (training or device.training) and not runtime.settings.training
    with runtime.store.unit_of_work() as session:
        answer = push.push(
            session, device=device, items=items, training_refused=refused, clock=runtime.clock
        )
    return _json(answer)


@api.get("/pull", response_model=PullResponse, responses=_device_errors())
def pull_events(
    device: DeviceDep,
    runtime: RuntimeDep,
    cursor: Annotated[int, Query()] = 0,
    limit: Annotated[int, Query(ge=1)] = PULL_PAGE,
) -> Response:
    """A page of the device's scope after ``cursor``."""
    with runtime.store.reading() as session:
        body = pull.pull(
            session, device=device, cursor=cursor, limit=limit, server_hlc=runtime.clock.now()
        )
    return Response(body, media_type=JSON)


@api.get("/attachments/{sha256}", response_model=AttachmentStatus, responses=_device_errors())
def attachment_status(sha256: Sha256, device: DeviceDep, runtime: RuntimeDep) -> Response:
    """How much of an attachment the server holds."""
    with runtime.store.reading() as session:
        return _json(attachments.status(session, sha256))


@api.put(
    "/attachments/{sha256}",
    response_model=AttachmentStatus,
    responses=_device_errors(409, 413, 422),
    openapi_extra=_body(None),
)
def attachment_chunk(
    sha256: Sha256,
    device: DeviceDep,
    chunk: ChunkBody,
    runtime: RuntimeDep,
    offset: Annotated[int, Query(ge=0)],
    total: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    """Append a chunk at ``offset``; ``total`` (the file's size) lets a bad file be caught."""
    with runtime.store.unit_of_work() as session:
        appended = attachments.append(
            session,
            runtime.files,
            sha256=sha256,
            offset=offset,
            chunk=chunk,
            total=total,
            device_id=device.id,
        )
    return _json(appended.answer())


@api.get("/accounts", response_model=AccountsResponse, responses=_device_errors())
def account_list(device: DeviceDep, runtime: RuntimeDep) -> Response:
    """The workers' accounts of the device's unit and the units below it."""
    with runtime.store.reading() as session:
        return _json(accounts.accounts_for_device(session, device))


@api.post(
    "/accounts/{account_id}/password",
    response_model=AccountWire,
    responses=_device_errors(403, 404, 409, 413),
    openapi_extra=_body(PasswordChange),
)
def change_password(
    account_id: AccountId, device: DeviceDep, change: PasswordBody, runtime: RuntimeDep
) -> Response:
    """A worker's own password change from a laptop; answers the account as now stored."""
    with runtime.store.unit_of_work() as session:
        stored = accounts.change_password_from_device(session, device, account_id, change)
    return _json(stored)
