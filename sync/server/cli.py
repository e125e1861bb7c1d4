"""``outpost-server``: set up the store, import the org tree, enroll and revoke devices,
keep the workers' accounts, and serve."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

import resources
from casework.directory import DirectoryError
from casework.orgtree import OrgTreeError
from sync.server.models import Account
from sync.server.runtime import Runtime
from sync.server.services import accounts, audit, chain, devices, directory, orgunits
from sync.server.settings import ServerSettings

Command = Callable[[ServerSettings, argparse.Namespace], int]


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


def _when(value: dt.datetime | None) -> str:
    return "-" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


class CommandFailed(Exception):
    """A command that could not be done; the message says why (and nothing was changed)."""


@contextlib.contextmanager
def _session(settings: ServerSettings, *, write: bool = False) -> Iterator[Session]:
    """The store, opened (and migrated) for one command: a unit of work committed when
    the block ends (rolled back if it raises), or a read."""
    runtime = Runtime.open(settings)
    try:
        with runtime.store.unit_of_work() if write else runtime.store.reading() as session:
            yield session
    finally:
        runtime.close()


def cmd_init(settings: ServerSettings, _args: argparse.Namespace) -> int:
    """Create or migrate the store."""
    runtime = Runtime.open(settings)
    runtime.close()
    where = runtime.store.url.render_as_string(hide_password=True)
    print(f"The store is ready: {where}")
    return 0


def cmd_import_orgtree(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Add or update the org units of a CSV file."""
    try:
        with _session(settings, write=True) as session:
            count = orgunits.import_tree(session, csv_path=args.csv, actor=_actor())
    except (OrgTreeError, OSError) as exc:
        raise CommandFailed(f"cannot import {args.csv}: {exc}") from exc
    print(f"Imported {count} org units from {args.csv}")
    return 0


def cmd_import_directory(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Set the departments, mediator teams and mediators of a CSV file; they reach the
    towns' and the district's desks with their next sync."""
    try:
        with _session(settings, write=True) as session:
            count = directory.import_csv(session, args.csv, actor=_actor())
    except DirectoryError as exc:
        raise CommandFailed(f"cannot import {args.csv}: {exc}") from exc
    print(f"{count} directory entries changed from {args.csv}")
    return 0


def cmd_directory(settings: ServerSettings, _args: argparse.Namespace) -> int:
    """List the directory."""
    with _session(settings) as session:
        entries = directory.listing(session)
    for entry in entries:
        team = entry.team.value if entry.team else "-"
        print(f"{entry.unit}\t{entry.kind.value}\t{team}\t{entry.name}\t{entry.phone or '-'}")
    return 0


def cmd_enroll_code(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Issue a one-time enrollment code; it is shown here once and never again."""
    hours = args.hours if args.hours is not None else settings.enrollment_hours
    with _session(settings, write=True) as session:
        issued = devices.issue_code(
            session, org_unit_code=args.unit_code, lifetime=dt.timedelta(hours=hours),
            actor=_actor(),
        )  # fmt: skip
    print(issued.code)  # alone on stdout, for scripts
    print(
        f"One-time code for {issued.org_unit_name} ({issued.org_unit_code}), "
        f"valid until {_when(issued.expires_at)}. It is not shown again.",
        file=sys.stderr,
    )
    return 0


def cmd_devices(settings: ServerSettings, _args: argparse.Namespace) -> int:
    """List every enrolled device."""
    with _session(settings) as session:
        found = devices.all_devices(session)
    print(f"{'device id':36}  {'unit':14}  {'role':8}  {'enrolled':16}  {'last seen':16}  state")
    for d in found:
        state = "revoked " + _when(d.revoked_at) if d.revoked_at else "active"
        state += " (training)" if d.training else ""
        print(
            f"{d.id:36}  {d.org_unit_code:14}  {d.role:8}  {_when(d.created_at):16}  "
            f"{_when(d.last_seen_at):16}  {state}  {d.name}"
        )
    return 0


def cmd_revoke(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Refuse a device's token from now on."""
    with _session(settings, write=True) as session:
        device = devices.revoke(session, device_id=args.device_id, actor=_actor())
        said = f"Revoked {device.id} ({device.name or 'unnamed'}, {device.org_unit_code})"
    print(said)
    return 0


def cmd_audit(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Show the newest administrative actions."""
    with _session(settings) as session:
        for e in audit.entries(session, limit=args.limit):
            subject = " ".join(x for x in (e.org_unit_code, e.device_id) if x)
            print(f"{_when(e.at)}  {e.action:16}  {e.actor:20}  {subject}  {e.detail}")
    return 0


def cmd_chain_breaks(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Show the flaws found in devices' hash chains, newest first."""
    with _session(settings) as session:
        found = chain.breaks(session, limit=args.limit)
        print(f"{'found':16}  {'device id':36}  {'seq':>8}  {'kind':10}  detail")
        for b in found:
            resolved = f" (resolved {_when(b.resolved_at)})" if b.resolved_at else ""
            print(
                f"{_when(b.found_at):16}  {b.device_id:36}  {b.device_seq:>8}  {b.kind:10}  "
                f"{b.detail}{resolved}"
            )
    if not found:
        print("No breaks found in any device's chain.", file=sys.stderr)
    return 0


def _password(args: argparse.Namespace) -> str:
    """The new password: one line of standard input, or typed twice at the console."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("The same again: ") != first:
        raise CommandFailed("the two passwords differ; nothing was changed")
    return first


def cmd_add_account(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Create a worker's account; it reaches the unit's laptops with their next sync."""
    password = _password(args)
    with _session(settings, write=True) as session:
        account = accounts.create(
            session, login=args.login, name=args.name, org_unit_code=args.unit,
            password=password, actor=_actor(),
        )  # fmt: skip
        said = f"Account {account.login} ({account.name}) created for {account.org_unit_code}"
    print(said)
    return 0


AccountChange = Callable[[Session], Account]


def _change_account(settings: ServerSettings, change: AccountChange, done: str) -> int:
    # One administrative change in one transaction, then one line saying what was done.
    with _session(settings, write=True) as session:
        account = change(session)
        said = done.format(login=account.login, name=account.name)
    print(said)
    return 0


def cmd_set_password(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Set a worker's password (a forgotten one); it stands against older laptop changes."""
    password = _password(args)
    return _change_account(
        settings,
        lambda s: accounts.set_password(s, login=args.login, password=password, actor=_actor()),
        "New password set for {login} ({name})",
    )


def cmd_disable_account(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Stop a worker logging in (on each laptop once it has synced)."""
    return _change_account(
        settings,
        lambda s: accounts.disable(s, login=args.login, actor=_actor()),
        "Account {login} ({name}) is disabled",
    )


def cmd_enable_account(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Let a disabled worker log in again."""
    return _change_account(
        settings,
        lambda s: accounts.enable(s, login=args.login, actor=_actor()),
        "Account {login} ({name}) is enabled",
    )


def cmd_accounts(settings: ServerSettings, args: argparse.Namespace) -> int:
    """List the workers' accounts (of one unit and the units below it)."""
    with _session(settings) as session:
        found = accounts.all_accounts(session, unit_code=args.unit)
        print(f"{'login':20}  {'unit':14}  {'state':8}  {'password set':16}  name")
        for a in found:
            state = "disabled" if a.disabled else "active"
            print(
                f"{a.login:20}  {a.org_unit_code:14}  {state:8}  "
                f"{_when(a.password_changed_at):16}  {a.name}"
            )
    return 0


def cmd_serve(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Migrate the store, then serve until interrupted."""
    from sync.server.app import create_app
    from sync.server.runner import Tls, serve

    if bool(args.certfile) != bool(args.keyfile):
        raise CommandFailed("give both --certfile and --keyfile for HTTPS")
    tls = Tls(args.certfile, args.keyfile) if args.certfile else Tls.of(settings)
    if tls is not None and tls.missing():
        raise CommandFailed(f"no such file for HTTPS: {', '.join(map(str, tls.missing()))}")
    # The server's own log beside uvicorn's: refusals, suspect clocks, migrations.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = create_app(settings)  # migrates before the port is opened
    serve(
        app, host=args.host or settings.host, port=args.port or settings.port, tls=tls,
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )  # fmt: skip
    return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="data folder")
    common.add_argument(
        "--database-url", default=argparse.SUPPRESS, help="SQLAlchemy URL (default: SQLite)"
    )
    parser = argparse.ArgumentParser(
        prog="outpost-server", description="The Outpost town server.", parents=[common]
    )
    sub = parser.add_subparsers(required=True, metavar="command")

    def add(name: str, command: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(command=command)
        return p

    add("init", cmd_init, "create or migrate the store")
    p = add("import-orgtree", cmd_import_orgtree, "import the org tree from a CSV file")
    p.add_argument("csv", nargs="?", type=Path, default=resources.sample_org_tree())
    p = add(
        "import-directory",
        cmd_import_directory,
        "import the departments and mediator teams from a CSV file",
    )
    p.add_argument("csv", nargs="?", type=Path, default=resources.sample_directory())
    add("directory", cmd_directory, "list the departments, mediator teams and mediators")
    p = add("enroll-code", cmd_enroll_code, "issue a one-time enrollment code for a unit")
    p.add_argument("unit_code")
    p.add_argument("--hours", type=float, default=None, help="validity (default 24)")
    add("devices", cmd_devices, "list the enrolled devices")
    p = add("revoke", cmd_revoke, "revoke a device's token")
    p.add_argument("device_id")
    p = add("audit", cmd_audit, "show the audit log of administrative actions")
    p.add_argument("--limit", type=int, default=50)
    p = add("chain-breaks", cmd_chain_breaks, "show the flaws found in devices' hash chains")
    p.add_argument("--limit", type=int, default=100)
    _account_commands(add)
    p = add("serve", cmd_serve, "migrate the store and serve")
    p.add_argument("--host", default=None, help="address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default 8765)")
    p.add_argument("--training", action="store_true", help="serve as a training server")
    p.add_argument("--certfile", type=Path, help="HTTPS: the server's certificate (PEM)")
    p.add_argument("--keyfile", type=Path, help="HTTPS: the certificate's private key (PEM)")
    return parser


def _account_commands(add: Callable[[str, Command, str], argparse.ArgumentParser]) -> None:
    def with_password(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--password-stdin", action="store_true",
            help="read the password from the first line of standard input (scripts)",
        )  # fmt: skip

    p = add("add-account", cmd_add_account, "create a worker's account")
    p.add_argument("--unit", required=True, help="the worker's village, town or district code")
    p.add_argument("--login", required=True)
    p.add_argument("--name", required=True, help="the worker's name as shown")
    with_password(p)
    p = add("set-password", cmd_set_password, "set a worker's password")
    p.add_argument("--login", required=True)
    with_password(p)
    p = add("disable-account", cmd_disable_account, "stop a worker logging in")
    p.add_argument("--login", required=True)
    p = add("enable-account", cmd_enable_account, "let a disabled worker log in again")
    p.add_argument("--login", required=True)
    p = add("accounts", cmd_accounts, "list the workers' accounts")
    p.add_argument("--unit", default=None, help="only this unit and the units below it")


def _settings(args: argparse.Namespace) -> ServerSettings:
    given: dict[str, Any] = {
        key: getattr(args, key) for key in ("data_dir", "database_url") if hasattr(args, key)
    }
    if getattr(args, "training", False):
        given["training"] = True
    return ServerSettings(**given)


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; the exit status says whether it worked."""
    args = _parser().parse_args(argv)
    command: Command = args.command
    try:
        settings = _settings(args)
    except ValidationError as exc:
        print(f"outpost-server: the settings are not usable:\n{exc}", file=sys.stderr)
        return 2
    try:
        return command(settings, args)
    except (CommandFailed, devices.AdminError) as exc:
        print(f"outpost-server: {exc}", file=sys.stderr)
        return 1
