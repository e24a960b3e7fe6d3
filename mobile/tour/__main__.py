"""``make demo``'s tablet: the app against a server, signed in as a demo account.

    python -m mobile.tour --server URL --data DIR            # the scripted tour, then exit
    python -m mobile.tour --server URL --data DIR --open     # sign in, leave the window open

The tour (mobile/tour/night_round.py) needs a display: ``scripts/demo`` runs it
under Xvfb when there is none. It prints where the screenshots are.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mobile.tour.driver import configure_kivy, start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mobile.tour", description=__doc__)
    parser.add_argument("--server", required=True, help="the server's address")
    parser.add_argument("--data", required=True, type=Path, help="the app's data folder")
    parser.add_argument("--username", default="xunluo1")
    parser.add_argument("--password", default="demo1234")
    parser.add_argument("--screenshots", type=Path, default=Path("var/screenshots/tour"))
    parser.add_argument("--open", action="store_true",
                        help="sign in, then leave the window to a person (needs a display)")
    parser.add_argument("--offscreen", action="store_true",
                        help="render without any display (SDL offscreen, Mesa)")  # fmt: skip
    args = parser.parse_args(argv)

    if args.open:
        os.environ["KIVY_NO_ARGS"] = "1"  # these arguments are not Kivy's
        sign_in_before_start(args.data, args.server, args.username, args.password)
        from mobile.app import EstateApp

        EstateApp(data_dir=str(args.data), server_url=args.server).run()
        return 0

    configure_kivy(offscreen=args.offscreen)
    from mobile.app import EstateApp
    from mobile.tour.night_round import tour

    driver = start(EstateApp(data_dir=str(args.data), server_url=args.server), args.screenshots)
    try:
        done = tour(driver, args.username, args.password)
    finally:
        driver.app.stop()
    print(f"巡查记录已同步 · the round is on the server: {done.round_id}")
    print(f"截图 {len(done.screenshots)} 张 · {len(done.screenshots)} screenshots:")
    for shot in done.screenshots:
        print(f"  {shot}")
    return 0


def sign_in_before_start(data: Path, server: str, username: str, password: str) -> None:
    """The demo account's sign-in, kept in the data folder, so the app opens on Today."""
    from mobile.services.session import Session
    from mobile.store.store import Store

    store = Store.open(data / "store")
    try:
        session = Session(data, store)
        if session.needs_sign_in:
            session.sign_in(server, username, password)
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
