"""Facilitator accounts: first-start setup and login (the app's own, hashed password).

The login page is the first thing a facilitator waits for: `needs_setup` counts the accounts without the
ORM models, whose import (a tenth of a second) the other functions pay when they are called."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, table

from pac.db import Database
from pac.domain import validate as v
from pac.domain.errors import Collector, DomainError, Problem
from pac.domain.passwords import hash_password, password_problems, verify_password

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
    db: Database, username: str, password: str, confirm: str, display_name: str = "", *, first: bool = False
) -> UserView:
    from pac.models import User

    c = Collector()
    name = v.text(c, "Identifiant", username, required=True, max_len=80).lower()
    if name and not name.replace(".", "").replace("-", "").replace("_", "").isalnum():
        c.add("Identifiant", "lettres, chiffres, point, tiret ou souligné seulement.")
    shown = v.text(c, "Nom affiché", display_name, max_len=200)
    for message in password_problems(password or "", confirm or ""):
        c.add("Mot de passe", message)
    c.raise_if_any()
    with db.write() as s:
        count = s.scalar(select(func.count()).select_from(User)) or 0
        if first and count:
            raise DomainError("Le premier compte existe déjà : connectez-vous.")
        if s.scalar(select(User).where(User.username == name)):
            raise DomainError(Problem("Identifiant", f"l'identifiant « {name} » est déjà pris."))
        user = User(
            username=name, display_name=shown, password_hash=hash_password(password), is_admin=count == 0
        )
        s.add(user)
        s.flush()
        return _view(user)


def authenticate(db: Database, username: str, password: str) -> UserView:
    """The user, or a DomainError that does not tell which of the two fields was wrong."""
    from pac.models import User

    with db.read() as s:
        user = s.scalar(select(User).where(User.username == (username or "").strip().lower()))
        if user is None or not user.active or not verify_password(password or "", user.password_hash):
            raise DomainError("Identifiant ou mot de passe incorrect.")
        return _view(user)


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


def close_session(db: Database, token: str | None) -> None:
    if not token:
        return
    from pac.models import LoginSession

    with db.write() as s:
        row = s.scalar(select(LoginSession).where(LoginSession.token_hash == _digest(token)))
        if row is not None:
            s.delete(row)
