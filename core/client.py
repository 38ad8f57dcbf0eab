"""Whose request is this? The one answer used for sign-in lockouts (django-axes),
password-reset limits and API quotas.

A proxy appends the address it received the request from to ``X-Forwarded-For``
(nginx's ``$proxy_add_x_forwarded_for``), so the header reads
``<whatever the client sent>, <client>, <proxy 1>, …`` with the nearest proxy in
``REMOTE_ADDR``. Everything left of what our own proxies added is the client's to
write, and forgeable. So we walk from the right, past the proxies we trust, and take
the first address none of them vouches for:

- ``TRUSTED_PROXIES=1`` (a count): the address the nearest proxy saw;
- ``TRUSTED_PROXIES=10.0.0.0/8,192.0.2.7`` (networks): the right-most address outside
  them, whatever the number of hops.

Without trusted proxies the header is ignored: ``REMOTE_ADDR`` is the client.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def _trusted(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in settings.TRUSTED_PROXY_NETWORKS)


def client_address(request) -> str:
    """The client's IP address, never a forged one; REMOTE_ADDR when the chain of
    proxies does not say more (a request that bypassed the proxy, a malformed header)."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    count, networks = settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXY_NETWORKS
    if not forwarded or not (count or networks):
        return remote
    # Right to left: the nearest hop first.
    hops = [remote, *reversed([part for part in forwarded.split(",") if part.strip()])]
    if count:
        # hops[0..count-1] are our proxies; hops[count] was added by the outermost one.
        if len(hops) <= count:
            return remote
        return _valid(hops[count]) or remote
    address = remote
    for hop in hops:
        valid = _valid(hop)
        if valid is None:
            # Written by someone we do not trust: the last address we could vouch for.
            return address
        address = valid
        if not _trusted(valid):
            return valid
    return address
