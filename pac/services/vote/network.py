"""The address phones use to reach the laptop: its LAN addresses, the public base URL shown in QR
codes (detected, or fixed by PAC_PUBLIC_URL or a setting), and a voter's URL."""

from __future__ import annotations

import os
import socket

from pac.db import Database
from pac.domain import validate as v
from pac.domain.errors import Collector
from pac.domain.vote import Said, raise_in
from pac.i18n import t
from pac.models import Setting

PUBLIC_URL_SETTING = "public_base_url"
PUBLIC_URL_ENV = "PAC_PUBLIC_URL"

# Destinations used only to ask the system which local address would route there: connecting a
# UDP socket sends no packet.  The first one follows a default route; the others are the
# subnets of common hotspots (Windows, Android, iPhone, home routers) for a laptop with no
# internet and so no default route.
_ROUTE_PROBES = (
    "10.254.254.254",
    "192.168.137.2",
    "192.168.43.2",
    "172.20.10.2",
    "192.168.1.2",
    "192.168.0.2",
)


def lan_addresses() -> list[str]:
    """The laptop's LAN IPv4 addresses that phones on its network can reach (127.0.0.1 if none)."""
    found: list[str] = []
    for probe in _ROUTE_PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                addr = sock.getsockname()[0]
        except OSError:
            continue
        if addr and not addr.startswith("127.") and addr != "0.0.0.0" and addr not in found:
            found.append(addr)
    return found or ["127.0.0.1"]


def public_base_url(db: Database, port: int | None) -> str:
    """`http://<LAN address>:<port>`, unless PAC_PUBLIC_URL or the setting says otherwise."""
    env = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if env:
        return env.rstrip("/")
    with db.read() as s:
        setting = s.get(Setting, PUBLIC_URL_SETTING)
        if setting is not None and setting.value.strip():
            return setting.value.strip().rstrip("/")
    return f"http://{lan_addresses()[0]}:{port or 8501}"


def set_public_base_url(db: Database, value: str, lang: str = "fr") -> str:
    """Fix the address shown in QR codes (empty: detect it again)."""
    c = Collector()
    field = t("vote.f.address", lang)
    url = v.text(c, field, value, max_len=200).rstrip("/")
    if url and not (url.startswith("http://") or url.startswith("https://")):
        c.problems.append(Said(field, t("vote.err.address_scheme", lang), lang=lang))
    if any(ch.isspace() for ch in url):
        c.problems.append(Said(field, t("vote.err.address_space", lang), lang=lang))
    raise_in(c, lang)
    with db.write() as s:
        setting = s.get(Setting, PUBLIC_URL_SETTING)
        if setting is None:
            s.add(Setting(key=PUBLIC_URL_SETTING, value=url))
        else:
            setting.value = url
    return url


def voter_url(base_url: str, code: str, card: str | None = None) -> str:
    url = f"{base_url.rstrip('/')}/voter?code={code}"
    return f"{url}&card={card}" if card else url
