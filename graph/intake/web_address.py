"""The one rule for a web address (an organisation's website, a collaboration's source).

A web address becomes an IRI in the graph, so the rule is the IRI syntax itself (RFC 3987) as the store parses it,
plus what makes it a web address: ``http://`` or ``https://``, a host with a domain, and no user name or password (which
would let ``https://bibliotheek.nl@evil.example`` pose as the library's site). The row check of an import, the
partner form and a reviewer's approval all pass through :func:`web_address_problem`, so an address that is
accepted can always be written, on every store.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pyoxigraph as ox


def web_address_problem(value: str) -> tuple[str, str] | None:
    """Why ``value`` is not a usable web address (Dutch, English), or ``None`` when it is one."""
    if not value.startswith(("http://", "https://")):
        return "begint niet met http:// of https://", "does not start with http:// or https://"
    try:
        ox.NamedNode(value)
    except ValueError as error:
        return f"is geen geldig webadres: {error}", f"is not a valid web address: {error}"
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError as error:
        return f"is geen geldig webadres: {error}", f"is not a valid web address: {error}"
    if not host:
        return "mist de naam van de website (de host)", "has no host name"
    if "." not in host.strip(".") and ":" not in host:  # an IPv6 address has colons instead
        # "http://klaverblad" is an address only inside one network: a website anyone can open has a domain.
        return "mist het domein van de website (zoals .nl)", "has no domain (such as .nl)"
    if "@" in parts.netloc:
        return "mag geen gebruikersnaam of wachtwoord bevatten", "must not hold a user name or password"
    return None
