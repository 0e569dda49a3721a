"""Facilitator accounts: first-start setup and login (the app's own, hashed password).

The login page is the first thing a facilitator waits for: `needs_setup` counts the accounts without the
ORM models, whose import (a tenth of a second) the other functions pay when they are called."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select, table

from pac.db import Database
from pac.domain import validate as v
from pac.domain.errors import Collector, DomainError, Problem
from pac.domain.passwords import hash_password, password_problems, verify_password
from pac.i18n import t

if TYPE_CHECKING:
    from pac.models import User

SESSION_HOURS = 12  # a workshop day


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    display_name: str
    is_admin: bool
    last_commune_id: int | None


def _view(u: User) -> UserView:
    return UserView(u.id, u.username, u.display_name or u.username, u.is_admin, u.last_commune_id)


def needs_setup(db: Database) -> bool:
    """True until the first facilitator has chosen a password (there is no default password)."""
    with db.engine.connect() as conn:  # no ORM session either: the login page does without the ORM
        return not conn.scalar(select(func.count()).select_from(table("users")))


def create_user(
    db: Database,
    username: str,
    password: str,
    confirm: str,
    display_name: str = "",
    *,
    first: bool = False,
    lang: str = "fr",
) -> UserView:
    """A facilitator's account; refused (in `lang`) with every reason, nothing saved."""
    from pac.models import User

    c = Collector()
    field = t("login.username", lang)
    name = v.text(c, "Identifiant", username, required=True, max_len=80).lower()
    if name and not name.replace(".", "").replace("-", "").replace("_", "").isalnum():
        c.add(field, t("login.username_chars", lang), lang=lang)
    shown = v.text(c, "Nom affiché", display_name, max_len=200)
    for key, values in password_problems(password or "", confirm or ""):
        c.add(t("login.password", lang), t(key, lang, **values), lang=lang)
    c.raise_if_any()
    with db.write() as s:
        count = s.scalar(select(func.count()).select_from(User)) or 0
        if first and count:
            raise DomainError(Problem("", t("login.first_exists", lang), lang=lang))
        if s.scalar(select(User).where(User.username == name)):
            raise DomainError(Problem(field, t("login.username_taken", lang, name=name), lang=lang))
        user = User(
            username=name, display_name=shown, password_hash=hash_password(password), is_admin=count == 0
        )
        s.add(user)
        s.flush()
        return _view(user)


class TooManyAttempts(DomainError):
    """Too many wrong passwords lately, for this username or from this address."""

    def __init__(self, wait: int) -> None:
        self.wait = wait
        super().__init__(f"Trop d'essais manqués : réessayez dans {wait} secondes.")


# Failed logins, counted with the `limits` library in moving windows (in memory: one server process
# serves the room; a restart forgets them, which a guesser cannot cause).  Each tier locks the name or
# the address until its window frees a slot, so the wait grows with the failures: after 5 in a minute,
# up to a minute; after 20 in an hour, up to an hour.
@functools.cache
def _throttle() -> tuple[Any, Any, tuple[Any, ...]]:
    """(storage, limiter, tiers), made at the first login attempt: `limits` takes 60 ms to import,
    which the login page does not wait for."""
    from limits import RateLimitItemPerDay, RateLimitItemPerHour, RateLimitItemPerMinute
    from limits.storage import MemoryStorage
    from limits.strategies import MovingWindowRateLimiter

    storage = MemoryStorage()
    tiers = (RateLimitItemPerMinute(5), RateLimitItemPerHour(20), RateLimitItemPerDay(60))
    return storage, MovingWindowRateLimiter(storage), tiers


FAIL_DELAY_MAX = 3.0  # seconds: each failure answers a little later than the one before, up to this


def _throttle_keys(username: str, address: str) -> list[tuple[str, str]]:
    return [("login-user", username or "-"), ("login-address", address or "-")]


def login_wait(username: str, address: str = "") -> int:
    """Seconds before this username or address may try again (0: now)."""
    wait = 0.0
    _, limiter, tiers = _throttle()
    for item in tiers:
        for ns, who in _throttle_keys(username, address):
            if not limiter.test(item, ns, who):
                reset = limiter.get_window_stats(item, ns, who).reset_time
                wait = max(wait, reset - time.time())
    return int(wait) + 1 if wait > 0 else 0


def _failures(username: str, address: str) -> int:
    _, limiter, tiers = _throttle()
    item = tiers[1]  # the hour's window
    return max(
        item.amount - limiter.get_window_stats(item, ns, who).remaining
        for ns, who in _throttle_keys(username, address)
    )


def forget_failures() -> None:
    """Clear every count of failed logins (tests, or an administrator after a lockout)."""
    _throttle()[0].reset()


@functools.cache
def _dummy_hash() -> str:
    """Verified when the username is unknown, so that a wrong name costs the time of a wrong password.
    Made at the first login attempt, not at import: the login page shows first."""
    return hash_password(secrets.token_urlsafe(12))


def authenticate(db: Database, username: str, password: str, address: str = "", lang: str = "fr") -> UserView:
    """The user, or a DomainError that does not tell which of the two fields was wrong.

    A username or client address with recent failures waits (`TooManyAttempts`) and each failure
    answers later than the one before; the time does not tell whether the username exists."""
    from pac.models import User

    name = (username or "").strip().lower()
    dummy = _dummy_hash()
    wait = login_wait(name, address)
    if wait:
        raise TooManyAttempts(wait)
    with db.read() as s:
        user = s.scalar(select(User).where(User.username == name))
        stored = user.password_hash if user is not None else dummy
        ok = verify_password(password or "", stored) and user is not None and user.active
        if ok:
            assert user is not None
            return _view(user)
    _, limiter, tiers = _throttle()
    for item in tiers:
        for ns, who in _throttle_keys(name, address):
            limiter.hit(item, ns, who)
    time.sleep(min(FAIL_DELAY_MAX, 0.1 * 2 ** (_failures(name, address) - 1)))
    raise DomainError(Problem("", t("login.wrong", lang), lang=lang))


def remember_commune(db: Database, user_id: int, commune_id: int | None) -> None:
    """Keep the facilitator's selected commune so a refresh or a restart reopens it."""
    from pac.models import Commune, User

    with db.write() as s:
        user = s.get(User, user_id)
        if user is not None and (commune_id is None or s.get(Commune, commune_id) is not None):
            user.last_commune_id = commune_id


def get_user(db: Database, user_id: int) -> UserView | None:
    from pac.models import User

    with db.read() as s:
        user = s.get(User, user_id)
        return _view(user) if user is not None and user.active else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def open_session(db: Database, user_id: int) -> str:
    """A new sign-in token for this browser (kept in a cookie); expired ones are swept."""
    from pac.models import LoginSession

    token = secrets.token_urlsafe(32)
    now = _utcnow()
    with db.write() as s:
        for old in s.scalars(select(LoginSession).where(LoginSession.expires_at < now)):
            s.delete(old)
        s.add(
            LoginSession(
                user_id=user_id,
                token_hash=_digest(token),
                created_at=now,
                expires_at=now + dt.timedelta(hours=SESSION_HOURS),
            )
        )
    return token


def user_for_session(db: Database, token: str | None) -> UserView | None:
    if not token:
        return None
    from pac.models import LoginSession, User

    with db.read() as s:
        row = s.scalar(select(LoginSession).where(LoginSession.token_hash == _digest(token)))
        if row is None or row.expires_at < _utcnow():
            return None
        user = s.get(User, row.user_id)
        return _view(user) if user is not None and user.active else None


# The hand-off of a new sign-in to the browser.  Streamlit talks to the page over a websocket and
# cannot set an HttpOnly cookie; so the login keeps the new session's token here, in the server's
# memory, under a one-time ticket signed with `itsdangerous` and valid a minute; the page goes to
# `/auth/session?ticket=…`, whose answer sets the cookie.  The token itself never reaches the page.
_HANDOFF_SECONDS = 60
_handoffs: dict[str, tuple[str, float]] = {}
_handoff_lock = threading.Lock()
_signer = URLSafeTimedSerializer(secrets.token_bytes(32), salt="pac-login-handoff")


def handoff_ticket(token: str) -> str:
    """A one-time ticket for `token` (an empty token: the ticket clears the cookie, after a logout)."""
    nonce = secrets.token_urlsafe(16)
    now = time.monotonic()
    with _handoff_lock:
        for k in [k for k, (_, at) in _handoffs.items() if now - at > _HANDOFF_SECONDS]:
            del _handoffs[k]
        _handoffs[nonce] = (token, now)
    return _signer.dumps(nonce)


def redeem_ticket(ticket: str) -> str | None:
    """The token of a ticket, once (None when forged, expired or already used)."""
    try:
        nonce = _signer.loads(ticket, max_age=_HANDOFF_SECONDS)
    except BadSignature:
        return None
    with _handoff_lock:
        got = _handoffs.pop(nonce, None)
    return got[0] if got is not None else None


def close_session(db: Database, token: str | None) -> None:
    if not token:
        return
    from pac.models import LoginSession

    with db.write() as s:
        row = s.scalar(select(LoginSession).where(LoginSession.token_hash == _digest(token)))
        if row is not None:
            s.delete(row)
