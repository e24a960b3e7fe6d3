"""Aim a proxy fault at one particular call of a sync pass.

The proxy's faults hit "the next request"; ``FaultAt`` queues the fault just
before the chosen call (the ``nth`` time it is made), so a test can say "reset
the connection in the middle of the push" rather than count requests.
"""

from __future__ import annotations


class FaultAt:
    def __init__(self, transport, proxy, call: str, fault, nth: int = 1):
        self._transport = transport
        self._proxy = proxy
        self._call = call
        self._fault = fault
        self._countdown = nth
        self.fired = False

    def __getattr__(self, name):
        attribute = getattr(self._transport, name)
        if name != self._call or not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            self._countdown -= 1
            if self._countdown == 0:
                self._proxy.inject(self._fault)
                self.fired = True
            return attribute(*args, **kwargs)

        return call
