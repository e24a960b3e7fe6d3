"""Aim a proxy fault at one particular call of a sync pass.

The proxy's faults hit "the next request"; ``FaultAt`` queues the fault just
before the chosen call (the ``nth`` time it is made), so a test can say "reset
the connection in the middle of the push" rather than count requests.

``read_timeout`` shortens the transport's read timeout for that one call only (for
a stall that should outlast it), so that every other call of the pass keeps a
timeout generous enough for a busy machine.
"""

from __future__ import annotations

from dataclasses import replace


class FaultAt:
    def __init__(
        self, transport, proxy, call: str, fault, nth: int = 1, read_timeout: float | None = None
    ):
        self._transport = transport
        self._proxy = proxy
        self._call = call
        self._fault = fault
        self._countdown = nth
        self._read_timeout = read_timeout
        self.fired = False

    def __getattr__(self, name):
        attribute = getattr(self._transport, name)
        if name != self._call or not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            self._countdown -= 1
            if self._countdown != 0:
                return attribute(*args, **kwargs)
            self._proxy.inject(self._fault)
            self.fired = True
            settings = self._transport.settings
            if self._read_timeout is not None:
                self._transport.settings = replace(settings, read_timeout=self._read_timeout)
            try:
                return attribute(*args, **kwargs)
            finally:
                self._transport.settings = settings

        return call
