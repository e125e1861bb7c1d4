"""`outpost-server` subcommands, run in-process through main(argv)."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from pathlib import Path

import argon2
import pytest
import requests

from sync.protocol import EnrollResponse
from sync.server.app import create_app
from sync.server.cli import main
from sync.server.models import ChainBreak
from sync.server.runner import BackgroundServer
from sync.server.services import accounts, audit
from sync.server.settings import ServerSettings
from tests.server.harness import HEADERS, Administrator

VILLAGE = "320509003001"  # 开弦弓村 in the sample tree


def _argv(settings: ServerSettings, *command: str) -> list[str]:
    argv = ["--data-dir", str(settings.data_dir)]
    if settings.database_url:
        argv += ["--database-url", settings.database_url]
    return [*argv, *command]


def _run(
    settings: ServerSettings, capsys: pytest.CaptureFixture[str], *command: str
) -> tuple[int, str, str]:
    status = main(_argv(settings, *command))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_console_sets_up_enrolls_lists_and_revokes(
    server_settings: ServerSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(server_settings, capsys, "init")
    assert status == 0 and "ready" in out
    status, out, _ = _run(server_settings, capsys, "import-orgtree")
    assert status == 0 and "Imported 38 org units" in out
    status, out, err = _run(server_settings, capsys, "enroll-code", VILLAGE, "--hours", "2")
    code = out.strip()
    assert status == 0 and len(code) == 14 and "开弦弓村" in err

    device_id = str(uuid.uuid4())
    with BackgroundServer(create_app(server_settings)) as server:
        body = {"code": code, "device_id": device_id, "device_name": "开弦弓村笔记本"}
        answer = requests.post(f"{server.url}/v1/enroll", json=body, headers=HEADERS)
        token = EnrollResponse.model_validate_json(answer.content).token
        status, out, _ = _run(server_settings, capsys, "devices")
        assert status == 0 and device_id in out and "active" in out
        assert _run(server_settings, capsys, "revoke", device_id)[0] == 0
        refused = requests.get(
            f"{server.url}/v1/pull", headers={**HEADERS, "Authorization": f"Bearer {token}"}
        )
        assert refused.status_code == 401
    status, out, _ = _run(server_settings, capsys, "devices")
    assert "revoked" in out

    admin = Administrator(server_settings)
    with admin.runtime.store.reading() as session:
        actions = [e.action for e in audit.entries(session)]
    admin.close()
    assert actions == ["revoke", "enroll", "code_issued", "import_orgtree"]
    status, out, _ = _run(server_settings, capsys, "audit")
    assert status == 0 and "code_issued" in out


def test_the_console_says_what_it_cannot_do(
    server_settings: ServerSettings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _run(server_settings, capsys, "import-orgtree")
    status, _, err = _run(server_settings, capsys, "enroll-code", "32050900300101")
    assert status == 1 and "is a grid" in err
    status, _, err = _run(server_settings, capsys, "enroll-code", "999")
    assert status == 1 and "no org unit" in err
    status, _, err = _run(server_settings, capsys, "revoke", str(uuid.uuid4()))
    assert status == 1 and "no device" in err
    broken = tmp_path / "broken.csv"
    broken.write_text("code,name,level,parent_code\n1,某镇,town,\n", encoding="utf-8")
    status, _, err = _run(server_settings, capsys, "import-orgtree", str(broken))
    assert status == 1 and "parent" in err


def test_the_directory_is_imported_listed_updated_and_withdrawn(
    server_settings: ServerSettings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import resources

    for command in ("init", "import-orgtree"):
        assert _run(server_settings, capsys, command)[0] == 0
    status, out, _ = _run(server_settings, capsys, "import-directory")
    assert status == 0 and out.startswith("36 directory entries changed")
    status, out, _ = _run(server_settings, capsys, "directory")
    assert "320509003\tmediator\tprofessional\t姚建平\t13612340001" in out.splitlines()
    assert _run(server_settings, capsys, "import-directory")[1].startswith("0 directory")
    # 姚建平 left the town's team: the file without him withdraws him, once.
    lines = resources.sample_directory().read_text(encoding="utf-8").splitlines()
    edited = tmp_path / "directory.csv"
    edited.write_text("\n".join(x for x in lines if "姚建平" not in x) + "\n", encoding="utf-8")
    status, out, _ = _run(server_settings, capsys, "import-directory", str(edited))
    assert status == 0 and out.startswith("1 directory entries changed")
    assert "姚建平" not in _run(server_settings, capsys, "directory")[1]
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_code,kind,team,name,phone\n320509003001,department,,村委会,\n")
    status, _, err = _run(server_settings, capsys, "import-directory", str(bad))
    assert status == 1 and "only towns and the district keep a directory" in err


def _with_stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_the_console_keeps_the_workers_accounts(
    server_settings: ServerSettings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _run(server_settings, capsys, "import-orgtree")[0] == 0
    _with_stdin(monkeypatch, "qidu-2026-spring\n")
    add = ("add-account", "--unit", VILLAGE, "--login", "wangfang", "--name", "王芳")
    status, out, _ = _run(server_settings, capsys, *add, "--password-stdin")
    assert status == 0 and "wangfang (王芳) created for 320509003001" in out
    _with_stdin(monkeypatch, "another-password\n")
    status, out, _ = _run(server_settings, capsys, "add-account", "--unit", "320509003002",
                          "--login", "liming", "--name", "李明", "--password-stdin")  # fmt: skip
    assert status == 0

    status, out, _ = _run(server_settings, capsys, "accounts", "--unit", VILLAGE)
    assert status == 0 and "wangfang" in out and "王芳" in out and "liming" not in out
    assert "qidu-2026-spring" not in out
    _with_stdin(monkeypatch, "reset-by-admin\n")
    set_password = ("set-password", "--login", "wangfang", "--password-stdin")
    assert _run(server_settings, capsys, *set_password)[0] == 0
    assert _run(server_settings, capsys, "disable-account", "--login", "wangfang")[0] == 0
    [line] = [x for x in _run(server_settings, capsys, "accounts")[1].splitlines() if "wang" in x]
    assert "disabled" in line
    assert _run(server_settings, capsys, "enable-account", "--login", "wangfang")[0] == 0

    admin = Administrator(server_settings)
    with admin.runtime.store.reading() as session:
        [account] = [a for a in accounts.all_accounts(session) if a.login == "wangfang"]
        assert not account.disabled
        assert argon2.PasswordHasher().verify(account.password_hash, "reset-by-admin")
        actions = [(e.action, e.detail) for e in audit.entries(session)][:4]
    admin.close()
    assert actions == [
        ("account_enabled", "wangfang"),
        ("account_disabled", "wangfang"),
        ("password_set", "wangfang"),
        ("account_created", "liming 李明"),
    ]
    status, out, _ = _run(server_settings, capsys, "audit")
    assert "account_disabled" in out and "cli" in out


def test_the_console_refuses_a_bad_account_in_words(
    server_settings: ServerSettings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _run(server_settings, capsys, "import-orgtree")
    add = ("add-account", "--login", "wangfang", "--name", "王芳", "--password-stdin")
    _with_stdin(monkeypatch, "short\n")
    status, _, err = _run(server_settings, capsys, *add, "--unit", VILLAGE)
    assert status == 1 and "at least 8 characters" in err
    _with_stdin(monkeypatch, "qidu-2026-spring\n")
    status, _, err = _run(server_settings, capsys, *add, "--unit", "32050900300101")
    assert status == 1 and "is a grid" in err
    status, _, err = _run(server_settings, capsys, "disable-account", "--login", "nobody")
    assert status == 1 and "no account with the login 'nobody'" in err
    # Typed at the console: twice, and two different passwords change nothing.
    typed = iter(["qidu-2026-spring", "qidu-2026-sprinG"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(typed))
    status, _, err = _run(server_settings, capsys, *add[:-1], "--unit", VILLAGE)
    assert status == 1 and "the two passwords differ" in err
    assert "wangfang" not in _run(server_settings, capsys, "accounts")[1]


def test_the_console_lists_the_breaks_found_in_chains(
    server_settings: ServerSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(server_settings, capsys, "chain-breaks")
    assert status == 0 and "No breaks" in err
    admin = Administrator(server_settings)
    now = dt.datetime.now(dt.UTC)
    device = str(uuid.uuid4())
    with admin.runtime.store.unit_of_work() as session:
        for seq, kind, ago in ((7, "gap", 2), (12, "altered", 1)):
            session.add(
                ChainBreak(
                    device_id=device,
                    event_id=str(uuid.uuid4()),
                    device_seq=seq,
                    kind=kind,
                    detail=f"seq {seq}",
                    found_at=now - dt.timedelta(hours=ago),
                    resolved_at=None,
                )
            )
    admin.close()
    status, out, _ = _run(server_settings, capsys, "chain-breaks")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 3  # a header, then the newest first
    assert device in lines[1] and "altered" in lines[1] and "seq 12" in lines[1]
    assert "gap" in lines[2] and "7" in lines[2]
