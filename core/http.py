"""The address of the person behind a request, for every per-address limit of the site: the
login lockout (django-axes), the contact form's limit, the search statistics.

Behind a reverse proxy the socket peer (REMOTE_ADDR) is the proxy, shared by every reader, so
X-Forwarded-For must be read — but only as written by proxies the site trusts, or anyone could
pick their own address. Two settings, from the environment (README, "Configuration"):

    TRUSTED_PROXIES       addresses or networks of the proxies (e.g. "10.0.0.0/8,127.0.0.1"): the
                          client is the first address, from the right, that is not one of them;
                          X-Forwarded-For is ignored when the peer is not a trusted proxy.
    TRUSTED_PROXY_COUNT   number of proxies in front of the app, when their addresses are not
                          fixed (containers): the client is that many hops from the right. Only
                          for an app that nothing reaches except through those proxies.

Neither set: the socket peer, X-Forwarded-For ignored. It lives in the lowest layer because
contributions/, search/, alerts/ and kb/ all need it.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(spec: tuple) -> tuple:
    networks = []
    for item in spec:
        try:
            networks.append(ipaddress.ip_network(str(item).strip(), strict=False))
        except ValueError:
            continue  # settings checks refuse it at startup; never trust a typo here
    return tuple(networks)


def _address(text: str):
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1: text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


UNKNOWN = "unknown"


def client_ip(request) -> str:
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return UNKNOWN
    trusted = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if not trusted and count <= 0:
        return str(peer)
    forwarded = ",".join(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-64:])  # bounded
    chain = [_address(part) for part in forwarded.split(",") if part.strip()]
    if trusted:
        current = peer
        while any(current in net for net in trusted) and chain:
            previous = chain.pop()
            if previous is None:
                break  # a malformed hop: keep the last address we could trust
            current = previous
        return str(current)
    # TRUSTED_PROXY_COUNT: the peer is the last proxy; each proxy appended one address.
    hops = [peer]
    for _ in range(count):
        if not chain:
            break
        previous = chain.pop()
        if previous is None:
            break
        hops.append(previous)
    return str(hops[-1]) if len(hops) > 1 else str(peer)


def login_ip(request) -> str | None:
    """The client address for django-axes, which writes it into an IP column (inet on
    PostgreSQL, where "unknown" is refused and the login would fail): None when unknown, as for
    a login made in code (force_login's request has no address)."""
    ip = client_ip(request)
    return None if ip == UNKNOWN else ip
