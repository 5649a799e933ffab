"""The address a request came from, for the log-in limit and the punch page's allowed networks.

`X-Forwarded-For` is written by whoever sends the request, so it is believed only when the
direct peer (REMOTE_ADDR) is one of the agency's own reverse proxies (settings
CHAIQIN_TRUSTED_PROXIES, env TRUSTED_PROXIES: addresses or networks). The client is then the
right-most hop that is not a trusted proxy: hops to its left were written by the client itself.
Without trusted proxies the header is ignored, so nobody clocks in "from the office" by typing it.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip())


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in n for n in networks)


def client_ip(request) -> str | None:
    peer = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "CHAIQIN_TRUSTED_PROXIES", ())))
    if peer is None or not networks or not _trusted(peer, networks):
        return peer
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer
