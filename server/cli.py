"""Command line: run the server, or set up estates, accounts, devices and reference data.

    python -m server [--host H] [--port N] [--workers W] [--demo]
                                                     serve (default 127.0.0.1:8000, 1 worker)
    python -m server create-estate ID NAME [--address A]
    python -m server create-account USERNAME --role R --estate ID [--estate ID ...]
                                    [--display-name N] [--password-stdin]
    python -m server create-account USERNAME --role admin --company-wide   (every estate)
    python -m server list-devices
    python -m server revoke-device DEVICE_ID
    python -m server import-rooms FILE --estate ID          (.csv or .xlsx)
    python -m server import-owners FILE --estate ID         (.csv or .xlsx)
    python -m server import-patrol FILE --estate ID         (.json)
    python -m server print-labels --estate ID --out FILE    (.pdf or .png)
    python -m server load-demo

``--demo`` (or ``ESTATE_DEMO=1``) first loads the demo estate 华夏苑 into an empty
database and prints its accounts and their well-known password; scripts/demo asks for
it. Without it nothing is loaded, and a server with no admin account says, in one line,
how to create the first one.
Settings come from the environment (server.config). Every command brings the database
schema up to date first. docs/admin.md says more.

Exit codes: 0 done; 1 an import skipped some rows (the rest was imported); 2 the
command could not be carried out (unknown estate, unreadable file, ...).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.config import Settings
from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade_to_head
from server.db.models import ROLES, Device, Estate
from server.db.types import utcnow
from server.services import accounts, demo, labels
from server.services.accounts import create_account, create_estate
from server.services.audit import log_event
from server.services.devices import list_devices
from server.services.imports.owners import import_owners
from server.services.imports.patrol import import_patrol
from server.services.imports.report import ImportFailed, ImportReport
from server.services.imports.rooms import import_rooms


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=settings.port)
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (one per core behind a proxy)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=f"load the demo estate into an empty database first (or set {demo.ASK_VARIABLE}=1)",
    )
    commands = parser.add_subparsers(dest="command")

    estate = commands.add_parser("create-estate", help="add an estate")
    estate.add_argument("estate_id")
    estate.add_argument("name")
    estate.add_argument("--address", default="")

    account = commands.add_parser("create-account", help="add an account")
    account.add_argument("username")
    account.add_argument("--role", required=True, choices=ROLES)
    account.add_argument("--estate", action="append", default=[], dest="estates")
    account.add_argument(
        "--company-wide",
        action="store_true",
        help="an admin of every estate (only with --role admin; no --estate needed)",
    )
    account.add_argument("--display-name", default="")
    account.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )

    commands.add_parser("list-devices", help="list signed-in devices")
    revoke = commands.add_parser("revoke-device", help="revoke a device's token")
    revoke.add_argument("device_id", type=int)

    for name, what in (
        ("import-rooms", "buildings, units and rooms from .csv or .xlsx"),
        ("import-owners", "the owner archive from .csv or .xlsx"),
        ("import-patrol", "checkpoints and routes from .json"),
    ):
        command = commands.add_parser(name, help=f"import {what}")
        command.add_argument("file", type=Path)
        command.add_argument("--estate", required=True)

    printing = commands.add_parser("print-labels", help="QR labels of the estate's checkpoints")
    printing.add_argument("--estate", required=True)
    printing.add_argument("--out", required=True, type=Path, help="FILE.pdf or FILE.png")

    commands.add_parser("load-demo", help="load the demo estate 华夏苑 and its accounts")
    return parser


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _serve(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve with ``workers`` processes; each builds the app from the same environment.

    ``X-Forwarded-For`` names the client only when the connection comes from one of
    ``TRUSTED_PROXIES`` (uvicorn's proxy headers); without them nobody can claim an
    address it does not connect from, which the sign-in throttle counts by.
    """
    import uvicorn

    trusted = ",".join(settings.trusted_proxies)
    uvicorn.run(
        "server.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
    )


def _create_estate(session: Session, args: argparse.Namespace) -> int:
    if session.get(Estate, args.estate_id) is not None:
        return _fail(f"项目已存在 / estate {args.estate_id} exists")
    create_estate(session, estate_id=args.estate_id, name=args.name, address=args.address)
    print(f"estate {args.estate_id} created")
    return 0


def _create_account(session: Session, args: argparse.Namespace) -> int:
    estates = list(session.scalars(select(Estate).where(Estate.id.in_(args.estates))))
    unknown = set(args.estates) - {estate.id for estate in estates}
    if unknown:
        return _fail(f"unknown estate(s): {', '.join(sorted(unknown))}")
    if args.company_wide and args.role != "admin":
        return _fail("只有管理员可以管理全公司 / only an admin can be --company-wide")
    if not estates and not args.company_wide:
        return _fail("请用 --estate 指定项目 / give the account's estate with --estate")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
    if not password:
        return _fail("a password is required")
    create_account(
        session,
        username=args.username,
        password=password,
        role=args.role,
        estates=estates,
        display_name=args.display_name,
        company_wide=args.company_wide,
    )
    print(f"account {args.username} created")
    return 0


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


def _list_devices(session: Session, args: argparse.Namespace) -> int:
    devices = list_devices(session)
    now = utcnow()
    print(f"{'id':>4}  {'username':<12} {'device':<20} {'signed in':<16} {'last seen':<16} state")
    for device in devices:
        if device.revoked_at is not None:
            state = f"revoked {_when(device.revoked_at)}"
        elif device.expires_at <= now:
            state = "expired"
        else:
            state = f"active until {_when(device.expires_at)}"
        print(
            f"{device.id:>4}  {device.account.username:<12} {device.name:<20} "
            f"{_when(device.created_at):<16} {_when(device.last_seen_at):<16} {state}"
        )
    print(f"{len(devices)} device(s); times in UTC")
    return 0


def _revoke_device(session: Session, args: argparse.Namespace) -> int:
    device = session.get(Device, args.device_id)
    if device is None:
        return _fail(f"找不到设备 / no device {args.device_id}")
    if device.revoked_at is not None:
        print(f"device {device.id} was already revoked at {_when(device.revoked_at)} UTC")
        return 0
    device.revoked_at = utcnow()
    log_event(
        session,
        action="device_revoked",
        username=None,
        device_id=device.id,
        detail={"device_account_id": device.account_id, "via": "cli"},
    )
    session.commit()
    print(f"device {device.id} ({device.account.username}, {device.name}) revoked")
    return 0


def _importer(function: Callable[..., ImportReport]):
    def run(session: Session, args: argparse.Namespace) -> int:
        if not args.file.is_file():
            return _fail(f"找不到文件 / no such file: {args.file}")
        try:
            report = function(session, path=args.file, estate_id=args.estate)
        except ImportFailed as failed:
            session.rollback()
            return _fail(f"{failed.text.zh}\n{failed.text.en}")
        print("\n".join(report.lines()))
        return 1 if report.problems else 0

    return run


def _print_labels(session: Session, args: argparse.Namespace) -> int:
    try:
        written = labels.print_labels(session, estate_id=args.estate, out=args.out)
    except (labels.NoLabels, ValueError) as exc:
        return _fail(str(exc))
    for path in written:
        print(f"labels written to {path}")
    return 0


def _load_demo(session: Session, args: argparse.Namespace) -> int:
    if not demo.database_is_empty(session):
        return _fail(
            "数据库不是空的，演示项目只能载入空数据库 / the demo loads into an empty database only"
        )
    print("\n".join(demo.load_demo(session).lines()))
    return 0


COMMANDS: dict[str, Callable[[Session, argparse.Namespace], int]] = {
    "create-estate": _create_estate,
    "create-account": _create_account,
    "list-devices": _list_devices,
    "revoke-device": _revoke_device,
    "import-rooms": _importer(import_rooms),
    "import-owners": _importer(import_owners),
    "import-patrol": _importer(import_patrol),
    "print-labels": _print_labels,
    "load-demo": _load_demo,
}


def _prepare(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade_to_head(settings.database_url)


def _demo_on_first_start(settings: Settings) -> None:
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            loaded = demo.load_if_empty(session)
    except IntegrityError:
        # Another server process starting at the same moment is loading it.
        print("演示项目由另一进程载入 / the demo is being loaded by another process", flush=True)
        return
    finally:
        engine.dispose()
    if loaded is not None:
        print("\n".join(loaded.lines()), flush=True)


FIRST_ADMIN_HINT = (
    "还没有管理员账号，请先创建 / no admin account yet; create the first one with: "
    "python -m server create-account NAME --role admin --company-wide "
    "(docs/admin.md, docs/deployment.md)"
)


def _tell_if_no_admin(settings: Settings) -> None:
    """One line on how to create the first admin, when a server starts without one."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            if not accounts.has_an_admin(session):
                print(FIRST_ADMIN_HINT, file=sys.stderr, flush=True)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """``environ``: where a command's settings come from, when not this process's
    environment (the end-to-end tests run commands in their own process for a server
    started with variables of its own). Serving reads this process's environment, as
    the workers it starts do."""
    settings = Settings.from_env(environ)
    args = _parser(settings).parse_args(argv)
    if args.command is None:
        _prepare(settings)
        if args.demo or demo.requested(dict(os.environ)):
            _demo_on_first_start(settings)
        _tell_if_no_admin(settings)
        _serve(settings, args.host, args.port, args.workers)
        return 0

    _prepare(settings)
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            return COMMANDS[args.command](session, args)
    finally:
        engine.dispose()
