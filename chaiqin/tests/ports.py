"""Loopback ports for the daemons and servers the tests start (slapd, granian, HAProxy)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A loopback port that nothing used when asked (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
