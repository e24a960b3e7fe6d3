"""Several server workers doing the same thing at the same moment, for race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from server.db.engine import make_engine, make_session_factory


def at_once(
    database_url: str,
    times: int,
    load: Callable[[Session], Any],
    act: Callable[[Session, Any], Any],
) -> list[Any]:
    """Run ``act(session, load(session))`` in ``times`` threads, each with a session of
    its own on the engine a server would use, all released together once ``load`` is
    done. Returns what each ``act`` returned or raised, in the order they finished."""
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    start = threading.Barrier(times)
    outcomes: list[Any] = []

    def worker() -> None:
        with sessions() as session:
            loaded = load(session)
            session.commit()  # end the read, so no worker holds a lock at the barrier
            start.wait()
            try:
                outcomes.append(act(session, loaded))
            except Exception as error:  # noqa: BLE001 - the test asserts on it
                outcomes.append(error)

    threads = [threading.Thread(target=worker) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    engine.dispose()
    return outcomes
