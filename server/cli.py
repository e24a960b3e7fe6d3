"""Command line: run the server, or set up estates and accounts.

    python -m server [--host H] [--port N]          serve (default 127.0.0.1:8000)
    python -m server create-estate ID NAME [--address A]
    python -m server create-account USERNAME --role R --estate ID [--estate ID ...]
                                    [--display-name N] [--password-stdin]

Settings come from the environment (server.config). Every command brings the
database schema up to date first.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import select

from server.config import Settings
from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade_to_head
from server.db.models import ROLES, Estate
from server.services.accounts import create_account, create_estate


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m server", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=settings.port)
    commands = parser.add_subparsers(dest="command")

    estate = commands.add_parser("create-estate", help="add an estate")
    estate.add_argument("estate_id")
    estate.add_argument("name")
    estate.add_argument("--address", default="")

    account = commands.add_parser("create-account", help="add an account")
    account.add_argument("username")
    account.add_argument("--role", required=True, choices=ROLES)
    account.add_argument("--estate", action="append", required=True, dest="estates")
    account.add_argument("--display-name", default="")
    account.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    return parser


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from server.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port)


def main(argv: list[str] | None = None) -> int:
    settings = Settings.from_env()
    args = _parser(settings).parse_args(argv)
    if args.command is None:
        _serve(settings, args.host, args.port)
        return 0

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade_to_head(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            if args.command == "create-estate":
                create_estate(
                    session, estate_id=args.estate_id, name=args.name, address=args.address
                )
                print(f"estate {args.estate_id} created")
                return 0
            estates = list(session.scalars(select(Estate).where(Estate.id.in_(args.estates))))
            unknown = set(args.estates) - {estate.id for estate in estates}
            if unknown:
                print(f"unknown estate(s): {', '.join(sorted(unknown))}", file=sys.stderr)
                return 2
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\n")
            else:
                password = getpass.getpass("password: ")
            if not password:
                print("a password is required", file=sys.stderr)
                return 2
            create_account(
                session,
                username=args.username,
                password=password,
                role=args.role,
                estates=estates,
                display_name=args.display_name,
            )
            print(f"account {args.username} created")
            return 0
    finally:
        engine.dispose()
