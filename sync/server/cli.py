"""``outpost-server``: set up the store, import the org tree, enroll and revoke devices,
and serve."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import resources
from casework.directory import DirectoryError
from casework.orgtree import OrgTreeError
from sync.server.runtime import Runtime
from sync.server.services import audit, devices, directory, orgunits
from sync.server.settings import ServerSettings

Command = Callable[[ServerSettings, argparse.Namespace], int]


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


def _when(value: dt.datetime | None) -> str:
    return "-" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_init(settings: ServerSettings, _args: argparse.Namespace) -> int:
    """Create or migrate the store."""
    runtime = Runtime.open(settings)
    runtime.close()
    where = runtime.store.url.render_as_string(hide_password=True)
    print(f"The store is ready: {where}")
    return 0


def cmd_import_orgtree(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Add or update the org units of a CSV file."""
    runtime = Runtime.open(settings)
    try:
        with runtime.store.unit_of_work() as session:
            count = orgunits.import_tree(session, csv_path=args.csv, actor=_actor())
    except (OrgTreeError, OSError) as exc:
        print(f"outpost-server: cannot import {args.csv}: {exc}", file=sys.stderr)
        return 1
    finally:
        runtime.close()
    print(f"Imported {count} org units from {args.csv}")
    return 0


def cmd_import_directory(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Set the departments, mediator teams and mediators of a CSV file; they reach the
    towns' and the district's desks with their next sync."""
    runtime = Runtime.open(settings)
    try:
        with runtime.store.unit_of_work() as session:
            count = directory.import_csv(session, args.csv, actor=_actor())
    except DirectoryError as exc:
        print(f"outpost-server: cannot import {args.csv}: {exc}", file=sys.stderr)
        return 1
    finally:
        runtime.close()
    print(f"{count} directory entries changed from {args.csv}")
    return 0


def cmd_directory(settings: ServerSettings, _args: argparse.Namespace) -> int:
    """List the directory."""
    runtime = Runtime.open(settings)
    try:
        with runtime.store.reading() as session:
            entries = directory.listing(session)
    finally:
        runtime.close()
    for entry in entries:
        team = entry.team.value if entry.team else "-"
        print(f"{entry.unit}\t{entry.kind.value}\t{team}\t{entry.name}\t{entry.phone or '-'}")
    return 0


def cmd_enroll_code(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Issue a one-time enrollment code; it is shown here once and never again."""
    hours = args.hours if args.hours is not None else settings.enrollment_hours
    runtime = Runtime.open(settings)
    try:
        with runtime.store.unit_of_work() as session:
            issued = devices.issue_code(
                session,
                org_unit_code=args.unit_code,
                lifetime=dt.timedelta(hours=hours),
                actor=_actor(),
            )
    except devices.AdminError as exc:
        print(f"outpost-server: {exc}", file=sys.stderr)
        return 1
    finally:
        runtime.close()
    print(issued.code)  # alone on stdout, for scripts
    print(
        f"One-time code for {issued.org_unit_name} ({issued.org_unit_code}), "
        f"valid until {_when(issued.expires_at)}. It is not shown again.",
        file=sys.stderr,
    )
    return 0


def cmd_devices(settings: ServerSettings, _args: argparse.Namespace) -> int:
    """List every enrolled device."""
    runtime = Runtime.open(settings)
    try:
        with runtime.store.reading() as session:
            found = devices.all_devices(session)
    finally:
        runtime.close()
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
    runtime = Runtime.open(settings)
    try:
        with runtime.store.unit_of_work() as session:
            device = devices.revoke(session, device_id=args.device_id, actor=_actor())
            print(f"Revoked {device.id} ({device.name or 'unnamed'}, {device.org_unit_code})")
    except devices.AdminError as exc:
        print(f"outpost-server: {exc}", file=sys.stderr)
        return 1
    finally:
        runtime.close()
    return 0


def cmd_audit(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Show the newest administrative actions."""
    runtime = Runtime.open(settings)
    try:
        with runtime.store.reading() as session:
            for e in audit.entries(session, limit=args.limit):
                subject = " ".join(x for x in (e.org_unit_code, e.device_id) if x)
                print(f"{_when(e.at)}  {e.action:15}  {e.actor:20}  {subject}  {e.detail}")
    finally:
        runtime.close()
    return 0


def cmd_serve(settings: ServerSettings, args: argparse.Namespace) -> int:
    """Migrate the store, then serve until interrupted."""
    from sync.server.app import create_app
    from sync.server.runner import Tls, serve

    # The server's own log beside uvicorn's: refusals, suspect clocks, migrations.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = create_app(settings)  # migrates before the port is opened
    if bool(args.certfile) != bool(args.keyfile):
        print("give both --certfile and --keyfile for HTTPS", file=sys.stderr)
        return 2
    tls = Tls(args.certfile, args.keyfile) if args.certfile else None
    serve(app, host=args.host or settings.host, port=args.port or settings.port, tls=tls)
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
    p = add("serve", cmd_serve, "migrate the store and serve")
    p.add_argument("--host", default=None, help="address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default 8765)")
    p.add_argument("--training", action="store_true", help="serve as a training server")
    p.add_argument("--certfile", type=Path, help="HTTPS: the server's certificate (PEM)")
    p.add_argument("--keyfile", type=Path, help="HTTPS: the certificate's private key (PEM)")
    return parser


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
    return command(_settings(args), args)
