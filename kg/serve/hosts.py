"""Which ``Host`` and ``Origin`` headers :mod:`kg.serve` answers: the guard against DNS rebinding.

A web page on ``http://evil.example:7878`` whose name the attacker then points
at 127.0.0.1 talks to the endpoint as if from the same origin: the browser
sends ``Host: evil.example:7878`` (and the same ``Origin``), and the page can
read the answers and, with updates allowed (``allow_update``), change the graph.  So:

* **Host.** A request is answered only if its ``Host`` names the server: the
  address or name it was bound to; when that is a loopback address (or
  ``localhost``) also ``localhost``, ``127.0.0.1`` and ``[::1]``; when it is
  a wildcard address (``0.0.0.0``, ``::``) any IP address, since a page that
  names an IP address was loaded from that address; and every name given with
  ``allow_hosts`` (``*``: any).  Names are compared without case and
  without the port.  A request with no ``Host`` (HTTP/1.0 tools; browsers
  always send one) is answered.
* **Origin.** An update that carries an ``Origin`` must come from
  ``http://HOST:PORT`` exactly: scheme ``http`` (the server speaks nothing
  else), the host and port of its own ``Host`` header (port 80 when not
  given).  ``Origin: null`` (sandboxed pages, ``file:`` pages) is refused.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from kg.errors import printable

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


def header_name(host: str) -> str:
    """How ``host`` (a bind address or a name) appears in a Host header: lower case, IPv6 in brackets.

    >>> header_name("::1"), header_name("LocalHost"), header_name("[::1]")
    ('[::1]', 'localhost', '[::1]')
    """
    host = host.strip().lower()
    ip = _ip(host)
    if isinstance(ip, ipaddress.IPv6Address):
        return f"[{ip.compressed}]"
    return ip.compressed if ip else host


def split_host(value: str) -> tuple[str, int | None]:
    """(name, port) of a Host header value; port None when absent or unreadable.

    >>> split_host("Example.org:8080"), split_host("[::1]:7878"), split_host("[::1]")
    (('example.org', 8080), ('[::1]', 7878), ('[::1]', None))
    """
    value = value.strip()
    name, rest = value, ""
    if value.startswith("[") and "]" in value:
        end = value.index("]") + 1
        name, rest = value[:end], value[end:]
    elif value.count(":") == 1:
        name, rest = value.split(":")
        rest = ":" + rest
    port = int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() and len(rest) < 7 else None
    return header_name(name), port


class HostPolicy:
    """The Host names a server bound to ``bind_host`` answers, and its Origin check.

    >>> policy = HostPolicy("127.0.0.1", ["kg.internal"])
    >>> [policy.host_refusal(h) is None for h in ("127.0.0.1:7878", "LOCALHOST", "[::1]:7878", "kg.internal")]
    [True, True, True, True]
    >>> policy.host_refusal("evil.example:7878")  # doctest: +ELLIPSIS
    "the Host header names 'evil.example', which is not a name of this server (it answers to ...
    >>> HostPolicy("0.0.0.0").host_refusal("192.0.2.7:7878") is None
    True
    """

    def __init__(self, bind_host: str, allowed: Iterable[str] = ()) -> None:
        names = {header_name(bind_host)} if bind_host.strip() else set()
        ip = _ip(bind_host) if bind_host.strip() else ipaddress.ip_address("0.0.0.0")
        self.any_ip = ip is not None and ip.is_unspecified
        if (ip is not None and (ip.is_loopback or ip.is_unspecified)) or header_name(bind_host) == "localhost":
            names.update(LOOPBACK_NAMES)
        extra = {a if a == "*" else split_host(a)[0] for a in allowed}  # a port given is left out
        self.any_host = "*" in extra
        self.names = frozenset((names | extra) - {"*", "0.0.0.0", "[::]"})
        self._answered: set[str] = set()  # Host header values already allowed

    def allows(self, name: str) -> bool:
        return self.any_host or name in self.names or (self.any_ip and _ip(name) is not None)

    def host_refusal(self, header: str | None) -> str | None:
        """None if a request with this Host header is answered, else the message why not."""
        if header is None or header in self._answered:
            return None
        name, _port = split_host(header)
        if self.allows(name):
            if len(self._answered) < 256:  # the few Host values clients send, remembered (bounded)
                self._answered.add(header)
            return None
        shown = printable(name if len(name) <= 100 else name[:99] + "…")
        known = ", ".join(sorted(self.names)) + (", any IP address" if self.any_ip else "")
        return (f"the Host header names '{shown}', which is not a name of this server (it answers to "
                f"{known}); serve with allow_hosts={shown} if that name is meant to reach it")

    @staticmethod
    def origin_refusal(origin: str | None, host: str | None) -> str | None:
        """None if an update with this Origin may go on (no Origin: not from a web page), else why not.

        >>> HostPolicy.origin_refusal("http://127.0.0.1:7878", "127.0.0.1:7878") is None
        True
        >>> HostPolicy.origin_refusal("https://127.0.0.1:7878", "127.0.0.1:7878")
        'SPARQL Update from another web origin is refused (https://127.0.0.1:7878 is not http://127.0.0.1:7878)'
        """
        if origin is None:
            return None
        name, port = split_host(host or "")
        expected = f"http://{name}" + (f":{port}" if port not in (None, 80) else "")
        try:
            url = urlsplit(origin.strip())
            same = (url.scheme.lower() == "http" and not url.path and not url.query and not url.username
                    and header_name(url.hostname or "") == name and (url.port or 80) == (port or 80)
                    and bool(name))
        except ValueError:
            same = False
        if same:
            return None
        shown = printable(origin.strip()[:100])
        return f"SPARQL Update from another web origin is refused ({shown} is not {expected})"
