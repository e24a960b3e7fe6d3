"""throttle: everything arrives intact, only slowly.

Only lower bounds on time: they prove the throttle works, and a busy machine cannot break them.
"""

import hashlib
import time

import requests

from tests.e2e.fault_proxy import EchoUpstream, FaultProxy, pattern_bytes, throttle

RATE = 50 * 1024
BODY = 100 * 1024  # two seconds' worth at RATE


def test_a_download_is_held_to_the_rate():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(throttle(RATE))

        began = time.monotonic()
        answer = requests.get(f"{proxy.url}/bytes", params={"size": BODY}, timeout=30)

        assert time.monotonic() - began >= 1.0
        assert answer.content == pattern_bytes(BODY)
        assert proxy.stats.faults_fired["throttle"] == 1


def test_an_upload_is_held_to_the_rate():
    body = pattern_bytes(BODY)
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(throttle(RATE))

        began = time.monotonic()
        answer = requests.post(f"{proxy.url}/upload", data=body, timeout=30)

        assert time.monotonic() - began >= 1.0
        assert answer.json() == {"size": BODY, "sha256": hashlib.sha256(body).hexdigest()}
