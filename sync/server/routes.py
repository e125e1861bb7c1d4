"""The HTTP endpoints of sync/protocol.py: thin, each one unit of work in a service."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from sync.protocol import (
    PULL_PAGE,
    AttachmentStatus,
    EnrollResponse,
    Ping,
    PullResponse,
    PushResponse,
)
from sync.server.deps import (
    ChunkBody,
    DeviceDep,
    EnrollBody,
    ProtocolHeader,
    PushBody,
    RuntimeDep,
    TrainingDep,
    check_protocol,
    require_protocol,
)
from sync.server.services import attachments, devices, pull, push

JSON = "application/json"
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]

probe = APIRouter(prefix="/v1")
api = APIRouter(prefix="/v1", dependencies=[Depends(require_protocol)])


def _json(model: BaseModel) -> Response:
    # Serialised once by pydantic; FastAPI's response_model pass would validate it again.
    return Response(model.model_dump_json(), media_type=JSON)


@probe.get("/ping", response_model=Ping)
def ping(protocol: ProtocolHeader = None) -> Response:
    """The link probe; it needs no header, but an old client that sends one is told."""
    if protocol is not None:
        check_protocol(protocol)
    return _json(Ping(server_time=dt.datetime.now(dt.UTC)))


@api.post("/enroll", response_model=EnrollResponse)
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


@api.post("/push", response_model=PushResponse)
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


@api.get("/pull", response_model=PullResponse)
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


@api.get("/attachments/{sha256}", response_model=AttachmentStatus)
def attachment_status(sha256: Sha256, device: DeviceDep, runtime: RuntimeDep) -> Response:
    """How much of an attachment the server holds."""
    with runtime.store.reading() as session:
        return _json(attachments.status(session, sha256))


@api.put("/attachments/{sha256}", response_model=AttachmentStatus)
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
