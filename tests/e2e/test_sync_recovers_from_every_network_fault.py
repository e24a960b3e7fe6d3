"""Whatever the network does to a pass, the next pass completes it: every record on the
server exactly once, identical, every photo byte-identical, nothing left pending."""

import pytest
from exactly_once import assert_delivered_exactly_once
from fault_proxy import (
    captive_portal,
    cut_response_after_commit,
    http_error,
    refuse,
    reset_mid_request,
    reset_mid_response,
    stall,
)
from faulty_transport import FaultAt

from sync.errors import BadResponse, ServerError, SyncError, Unreachable
from tests.e2e.conftest import BIG, SMALL

pytestmark = pytest.mark.tablet_side

# The stalled call alone times out after STALLED_CALL_TIMEOUT_S; every other call keeps
# the tablet's generous timeout, which a busy machine never reaches.
STALL_S, STALLED_CALL_TIMEOUT_S = 5, 1.0
FAULTS = {
    "reset mid request": (reset_mid_request(300), Unreachable),
    "reset mid response": (reset_mid_response(40), Unreachable),
    "response cut after the server committed": (cut_response_after_commit(), Unreachable),
    "stall past the timeout": (stall(STALL_S), Unreachable),
    "500": (http_error(500), ServerError),
    "503": (http_error(503), ServerError),
    "captive portal": (captive_portal(), BadResponse),
    "connection refused": (refuse(), Unreachable),
}
CALLS = ["pull", "push", "photo_status", "upload_photos", "upload_photo"]


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("fault_name", FAULTS)
def test_fault_during_a_pass_is_healed_by_the_next(tablet, proxy, real_server, fault_name, call):
    fault, error = FAULTS[fault_name]
    for n in range(12):
        tablet.record(n, photos=1 if n in (0, 11) else 0, photo_size=BIG if n == 11 else SMALL)
    engine = tablet.engine
    engine.transport = FaultAt(
        tablet.transport, proxy, call, fault, nth=2 if call == "push" else 1,
        read_timeout=STALLED_CALL_TIMEOUT_S if fault_name == "stall past the timeout" else None,
    )  # fmt: skip

    with pytest.raises(error):
        engine.run_once()
    assert engine.transport.fired
    assert isinstance(engine.status.last_error.zh, str)

    engine.run_once()

    assert_delivered_exactly_once(tablet.store, real_server)


def test_a_pass_that_fails_again_and_again_loses_nothing(tablet, proxy, real_server):
    for n in range(5):
        tablet.record(n, photos=1)
    for fault in [reset_mid_response(100), http_error(503), cut_response_after_commit()]:
        proxy.inject(fault, times=None)
        for _ in range(2):
            with pytest.raises(SyncError):
                tablet.engine.run_once()
        proxy.clear()

    tablet.engine.run_once()

    assert_delivered_exactly_once(tablet.store, real_server)
