"""Attachments: chunks appended at the held offset, resumed after a cut, checked by hash."""

from __future__ import annotations

import hashlib
import os
import socket

import requests

from sync.protocol import MAX_CHUNK_BYTES, AttachmentStatus, ErrorBody, ErrorCode
from tests.server.harness import EnrolledDevice, RunningServer


def _put(
    server: RunningServer,
    device: EnrolledDevice,
    sha: str,
    offset: int,
    chunk: bytes,
    total: int | None = None,
) -> requests.Response:
    params = {"offset": offset} | ({} if total is None else {"total": total})
    return requests.put(
        f"{server.url}/v1/attachments/{sha}",
        params=params,
        data=chunk,
        headers={**device.headers, "Content-Type": "application/octet-stream"},
        timeout=30,
    )


def _status(server: RunningServer, device: EnrolledDevice, sha: str) -> AttachmentStatus:
    answer = requests.get(f"{server.url}/v1/attachments/{sha}", headers=device.headers)
    assert answer.status_code == 200, answer.text
    return AttachmentStatus.model_validate_json(answer.content)


def test_an_upload_cut_at_any_byte_resumes_where_it_stopped(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    assert _status(shared_server, village_a1, sha) == AttachmentStatus(
        sha256=sha, received=0, complete=False
    )
    assert _put(shared_server, village_a1, sha, 0, data[:123_457]).status_code == 200
    # The link dropped here; the laptop asks what the server holds and goes on from it.
    held = _status(shared_server, village_a1, sha).received
    assert held == 123_457
    middle = _put(shared_server, village_a1, sha, held, data[held:250_000], total=len(data))
    assert AttachmentStatus.model_validate_json(middle.content).complete is False
    last = _put(shared_server, village_a1, sha, 250_000, data[250_000:], total=len(data))
    assert AttachmentStatus.model_validate_json(last.content) == AttachmentStatus(
        sha256=sha, received=len(data), complete=True
    )
    stored = shared_server.runtime.files.final(sha)
    assert stored.read_bytes() == data
    # The last chunk again (its answer was lost): the file is whole, nothing changes.
    again = _put(shared_server, village_a1, sha, 250_000, data[250_000:])
    assert AttachmentStatus.model_validate_json(again.content).complete


def test_a_chunk_at_the_wrong_offset_is_told_what_is_held(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    data = os.urandom(10_000)
    sha = hashlib.sha256(data).hexdigest()
    _put(shared_server, village_a1, sha, 0, data[:4_000])
    answer = _put(shared_server, village_a1, sha, 6_000, data[6_000:])
    assert answer.status_code == 409
    body = ErrorBody.model_validate_json(answer.content)
    assert (body.error, body.detail) == (ErrorCode.OFFSET_MISMATCH, {"received": 4_000})


def test_bytes_that_do_not_hash_to_the_name_are_discarded(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    data = os.urandom(5_000)
    sha = hashlib.sha256(b"something else").hexdigest()
    _put(shared_server, village_a1, sha, 0, data[:3_000], total=len(data))
    answer = _put(shared_server, village_a1, sha, 3_000, data[3_000:], total=len(data))
    assert answer.status_code == 422
    assert ErrorBody.model_validate_json(answer.content).error is ErrorCode.HASH_MISMATCH
    assert _status(shared_server, village_a1, sha).received == 0
    assert not list(shared_server.runtime.files.folder.glob(f"*/{sha}*"))


def test_a_chunk_over_the_cap_is_a_413_and_a_bad_name_a_400(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    sha = hashlib.sha256(b"x").hexdigest()
    big = _put(shared_server, village_a1, sha, 0, b"x" * (MAX_CHUNK_BYTES + 1))
    assert big.status_code == 413
    bad = _put(shared_server, village_a1, "NOT-A-HASH", 0, b"x")
    assert bad.status_code == 400
    assert ErrorBody.model_validate_json(bad.content).error is ErrorCode.BAD_REQUEST


def test_an_empty_file_is_complete_at_once(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    sha = hashlib.sha256(b"").hexdigest()
    answer = _put(shared_server, village_a1, sha, 0, b"", total=0)
    assert AttachmentStatus.model_validate_json(answer.content).complete


def test_a_chunk_cut_in_the_middle_of_its_body_adds_nothing(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    data = os.urandom(200_000)
    sha = hashlib.sha256(data).hexdigest()
    _put(shared_server, village_a1, sha, 0, data[:50_000])
    head = (
        f"PUT /v1/attachments/{sha}?offset=50000 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in village_a1.headers.items())
        + f"Content-Length: {len(data) - 50_000}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", shared_server.port)) as link:
        link.sendall(head.encode() + data[50_000:123_457])  # and the link drops
    assert _status(shared_server, village_a1, sha).received == 50_000
    last = _put(shared_server, village_a1, sha, 50_000, data[50_000:], total=len(data))
    assert AttachmentStatus.model_validate_json(last.content).complete
