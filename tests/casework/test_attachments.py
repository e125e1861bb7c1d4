"""Attachments: kept once by content hash, checked for size and type before copying."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from casework import attachments
from casework.attachments import AttachmentRefused, Refusal
from casework.casebook import Casebook
from tests.conftest import neighbour_dispute

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(64)


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_a_photo_is_kept_by_its_hash_and_listed_on_the_case(
    casebook: Casebook, tmp_path: Path
) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    photo = _file(tmp_path, "现场照片.png", PNG)
    casebook.add_attachment(case_id, photo)
    [row] = casebook.case_detail(case_id).attachments
    digest = hashlib.sha256(PNG).hexdigest()
    assert (row.file_name, row.media_type, row.size, row.sha256) == (
        "现场照片.png",
        "image/png",
        len(PNG),
        digest,
    )
    stored = casebook.attachment_path(digest)
    assert stored.read_bytes() == PNG
    history = casebook.case_detail(case_id).history
    assert history[-1].type == "case.attachment_added" and history[-1].payload["sha256"] == digest


def test_the_same_file_twice_is_kept_once(casebook: Casebook, tmp_path: Path) -> None:
    first = casebook.record_case(neighbour_dispute())
    second = casebook.record_case(neighbour_dispute("另一件"))
    for case_id in (first, first, second):
        casebook.add_attachment(case_id, _file(tmp_path, "协议.pdf", PDF))
    assert len(casebook.case_detail(first).attachments) == 1
    assert len(casebook.case_detail(second).attachments) == 1
    folder = attachments.folder_of(casebook.path.parent)
    assert [p.name for p in folder.rglob("*") if p.is_file()] == [hashlib.sha256(PDF).hexdigest()]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("程序.exe", b"MZ\x90\x00" + bytes(200), Refusal.TYPE_NOT_ALLOWED),
        ("照片.jpg", b"plain text pretending to be a photo", Refusal.TYPE_NOT_ALLOWED),
        ("空.png", b"", Refusal.EMPTY),
    ],
)
def test_files_a_case_should_not_hold_are_refused_before_copying(
    casebook: Casebook, tmp_path: Path, name: str, content: bytes, reason: Refusal
) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    with pytest.raises(AttachmentRefused) as caught:
        casebook.add_attachment(case_id, _file(tmp_path, name, content))
    assert caught.value.reason is reason
    assert casebook.case_detail(case_id).attachments == []
    folder = attachments.folder_of(casebook.path.parent)
    assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))


def test_a_file_over_the_size_limit_is_refused(casebook: Casebook, tmp_path: Path) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    big = _file(tmp_path, "录像.mp4", PNG)
    with big.open("r+b") as handle:
        handle.truncate(attachments.MAX_BYTES + 1)  # sparse: no 20 MB written to disk
    with pytest.raises(AttachmentRefused) as caught:
        casebook.add_attachment(case_id, big)
    assert caught.value.reason is Refusal.TOO_LARGE


def test_a_file_that_vanished_is_explained(casebook: Casebook, tmp_path: Path) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    with pytest.raises(AttachmentRefused) as caught:
        casebook.add_attachment(case_id, tmp_path / "已删除.png")
    assert caught.value.reason is Refusal.UNREADABLE
