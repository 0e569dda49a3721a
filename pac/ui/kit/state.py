"""Session state keys and the cached database, in one place.

Keys of st.session_state used across pages are named here so that a page
switch never loses them (Streamlit drops the state of widgets that are not
drawn, not of plain keys).
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from pac.db import Database
from pac.services import auth, communes
from pac.services.auth import UserView
from pac.services.communes import CommuneView, PlanView

log = logging.getLogger("pac")

USER = "pac_user"
LANG = "pac_lang"
COMMUNE = "pac_commune_id"
PROJECTION = "pac_projection"


@st.cache_resource(show_spinner="Préparation de la base de données…")
def get_db() -> Database:
    """One Database per server process, migrated and filled on first use."""
    from pac.services.setup import bootstrap

    db = Database()
    report = bootstrap(db)
    log.info("database ready: %s (%s)", db.engine.url.render_as_string(hide_password=True), report)
    return db


def lang() -> str:
    return st.session_state.get(LANG, "fr")


def set_lang(value: str) -> None:
    st.session_state[LANG] = value


def user() -> UserView | None:
    return st.session_state.get(USER)


COOKIE = "pac_session"


def login(u: UserView, remember: bool = True) -> None:
    st.session_state[USER] = u
    if u.last_commune_id:
        st.session_state[COMMUNE] = u.last_commune_id
    if remember:
        token = auth.open_session(get_db(), u.id)
        st.session_state["_set_cookie"] = token


def restore_login() -> None:
    """After a refresh or a server restart, the browser's cookie signs the facilitator back in."""
    if USER in st.session_state:
        return
    u = auth.user_for_session(get_db(), _cookie())
    if u is not None:
        login(u, remember=False)


def _cookie() -> str | None:
    token = st.context.cookies.get(COOKIE)
    return token if isinstance(token, str) else None  # AppTest has no real cookies


def write_cookie() -> None:
    """Hand the browser its sign-in cookie (set after login) or clear it (after logout)."""
    token = st.session_state.pop("_set_cookie", None)
    if token is None:
        return
    age = auth.SESSION_HOURS * 3600 if token else 0
    st.html(
        f"<script>document.cookie = '{COOKIE}={token}; path=/; max-age={age}; SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )


def logout() -> None:
    auth.close_session(get_db(), _cookie())
    for key in (USER, COMMUNE):
        st.session_state.pop(key, None)
    st.session_state["_set_cookie"] = ""


def projection() -> bool:
    if PROJECTION not in st.session_state:
        st.session_state[PROJECTION] = st.query_params.get("proj") == "1"
    return bool(st.session_state[PROJECTION])


def set_projection(on: bool) -> None:
    st.session_state[PROJECTION] = on
    if on:
        st.query_params["proj"] = "1"
    else:
        st.query_params.pop("proj", None)


def commune_id() -> int | None:
    return st.session_state.get(COMMUNE)


def select_commune(cid: int | None) -> None:
    st.session_state[COMMUNE] = cid
    u = user()
    if u is not None:
        auth.remember_commune(get_db(), u.id, cid)


def current_commune() -> CommuneView | None:
    cid = commune_id()
    if cid is None:
        return None
    try:
        return communes.get_commune(get_db(), cid)
    except Exception:  # the commune was deleted meanwhile: forget it
        st.session_state.pop(COMMUNE, None)
        return None


def current_plan() -> PlanView | None:
    c = current_commune()
    return communes.get_current_plan(get_db(), c.id) if c else None


def keep(key: str, default: Any = None) -> Any:
    """The value kept under `key` across page switches (for widgets, pass it as `value=`)."""
    return st.session_state.setdefault(f"_keep_{key}", default)


def remember(key: str, value: Any) -> None:
    st.session_state[f"_keep_{key}"] = value


def is_local_request() -> bool:
    """True when the browser runs on the machine that serves the app (the facilitator's laptop)."""
    ip = st.context.ip_address  # None for localhost; not a str under AppTest, which is local too
    return not isinstance(ip, str) or ip in {"127.0.0.1", "::1", ""}


def require_facilitator() -> None:
    """Second lock behind the navigation: a facilitator page never runs for a visitor.

    Streamlit also serves the files of pages/ by their own names (e.g. /communes) without going
    through app.py; such a visitor gets a way to the login, and nothing of the page."""
    if user() is None:
        from pac.i18n import t

        st.info(t("login.required", lang()), icon=":material/lock:")
        st.markdown(f"[{t('login.submit', lang())}](/)")
        st.stop()
