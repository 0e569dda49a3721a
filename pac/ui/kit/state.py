"""Session state keys and the cached database, in one place.

Keys of st.session_state used across pages are named here so that a page
switch never loses them (Streamlit drops the state of widgets that are not
drawn, not of plain keys).
"""

from __future__ import annotations

import json
import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from threading import Event, Lock
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlparse

import streamlit as st

from pac.db import Database, has_tables, is_current, migrate
from pac.i18n import LANGS
from pac.services import auth
from pac.services.auth import UserView

if TYPE_CHECKING:  # the communes service (and the ORM models behind it) load after the login page
    from pac.services.communes import CommuneView, PlanView

log = logging.getLogger("pac")

USER = "pac_user"
LANG = "pac_lang"
COMMUNE = "pac_commune_id"
PROJECTION = "pac_projection"


@dataclass
class _Startup:
    """The server's database and what its start still has to do once the first page is drawn."""

    db: Database
    new: bool  # a database without any table yet: it has no account, and its schema comes with `ready`
    ready: Future[Any] | None = None  # migration of a new database, catalogues, demo commune
    lock: Lock = field(default_factory=Lock)


@st.cache_resource(show_spinner=False)  # the frame says it in the reader's language (require_database)
def _startup() -> _Startup:
    """One Database per server process.

    What the login page needs is ready when this returns: the schema of an existing database (one query
    when it is current).  The rest — creating the schema of a new database, loading the catalogues and
    the demo commune, a second or more — runs beside the first page (`prepare`), and the pages that need
    it wait for it (`wait_until_ready`)."""
    db = Database()
    new = False
    if not is_current(db):
        new = not has_tables(db)
        if not new:
            migrate(db)  # an older database: its accounts table may change, so before anything
    log.info("database: %s (new: %s)", db.engine.url.render_as_string(hide_password=True), new)
    _STARTED.set()
    return _Startup(db, new)


_STARTED = Event()  # set once the server's database is open (the frame's spinner is for the wait before)


def started() -> bool:
    """True once this server has opened its database (the first page's wait is over)."""
    return _STARTED.is_set()


def _prepare(db: Database, new: bool) -> Any:
    from pac.services import setup

    if new:
        migrate(db)
    else:  # the first page of the day opens the workshop day: one backup (never blocks)
        from pac.services.backups import backup_of_the_day

        backup_of_the_day(db)
    report = setup.fill(db) if setup.needs_filling(db) else None
    log.info("database ready: %s", report or "nothing to load")
    return report


def prepare() -> Future[Any]:
    """Start, once per server, what the first page did not need (in a thread, so the page is not held)."""
    start = _startup()
    with start.lock:
        if start.ready is None:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pac-prepare")
            start.ready = pool.submit(_prepare, start.db, start.new)
            pool.shutdown(wait=False)  # its one thread ends with the task (and is waited for at exit)
        return start.ready


def start_preparing() -> None:
    """After the first page is drawn: a new database gets its schema and demo while the facilitator types.

    An existing database is checked (`setup.needs_filling`) only when a page first needs it: the check
    imports the ORM models, which would compete with the login page for the processor."""
    if _startup().new:
        prepare()


def get_db() -> Database:
    return _startup().db


def wait_until_ready() -> None:
    """Before a page that reads the communes or writes: wait for `prepare`, starting it if need be.

    A failed preparation is raised here and forgotten, so that the next run of a page tries again."""
    job = prepare()
    if not job.done():
        from pac.i18n import t

        with st.spinner(t("frame.preparing", lang())):
            error = job.exception()  # waits for the end of the preparation
    else:
        error = job.exception()
    if error is not None:
        _startup.clear()
        _STARTED.clear()
        raise error


def raise_failed_preparation() -> None:
    """Raise (and forget) a preparation that has already failed, so that no page runs on a half-made base."""
    job = _startup().ready
    if job is not None and job.done() and job.exception() is not None:
        wait_until_ready()


def _schema_pending() -> bool:
    """True while a new database is still getting its schema: it has no account yet."""
    start = _startup()
    return start.new and (start.ready is None or not start.ready.done())


def needs_setup() -> bool:
    """True until the first facilitator account exists (a new database has none, even before its schema)."""
    if _schema_pending():
        return True
    if _startup().new:
        wait_until_ready()  # done: raises (and forgets) a failed preparation
    return auth.needs_setup(get_db())


LANG_COOKIE = "pac_lang"  # the same cookie as the phone page's (pac.web.phone): one choice per browser


def lang() -> str:
    """The reader's language: this session's choice, else the browser's (its cookie), else French.

    A sign-in, a refresh or a server restart starts a new session: the cookie carries the choice over."""
    if LANG not in st.session_state:
        kept = st.context.cookies.get(LANG_COOKIE) if st.context.cookies is not None else None
        st.session_state[LANG] = kept if kept in LANGS else "fr"
    return st.session_state[LANG]


def set_lang(value: str) -> None:
    st.session_state[LANG] = value
    st.session_state["_set_lang_cookie"] = value


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
    token = _cookie()
    if token is None or _schema_pending():  # no cookie, or no account yet for it to belong to
        return
    u = auth.user_for_session(get_db(), token)
    if u is not None:
        login(u, remember=False)


def _cookie() -> str | None:
    token = st.context.cookies.get(COOKIE)
    return token if isinstance(token, str) else None  # AppTest has no real cookies


def write_cookie() -> None:
    """Have the server set the browser's sign-in cookie (after login) or clear it (after logout).

    The cookie is HttpOnly: only an HTTP answer can set it, not this websocket.  The page goes to
    `/auth/session` (pac.web.session) with a one-time ticket — never the token — and comes back here."""
    chosen = st.session_state.pop("_set_lang_cookie", None)
    if chosen in LANGS:
        # Not a secret: a plain cookie written by the page, read back by lang() in the next session.
        cookie = f"{LANG_COOKIE}={chosen}; path=/; max-age=31536000; SameSite=Strict"
        st.html(f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True)
    token = st.session_state.pop("_set_cookie", None)
    if token is None:
        return
    ticket = auth.handoff_ticket(token)
    here = urlparse(st.context.url or "/")
    back = here.path or "/"
    if here.query:
        back += "?" + here.query
    target = "/auth/session?" + urlencode({"ticket": ticket, "next": back})
    st.html(f"<script>window.location.replace({json.dumps(target)});</script>", unsafe_allow_javascript=True)


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
    from pac.services import communes

    cid = commune_id()
    if cid is None:
        return None
    try:
        return communes.get_commune(get_db(), cid)
    except Exception:  # the commune was deleted meanwhile: forget it
        st.session_state.pop(COMMUNE, None)
        return None


def current_plan() -> PlanView | None:
    from pac.services import communes

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

    Beside a pages/ folder Streamlit may run a page's file by itself, without app.py: AppTest does, and
    so would a server whose serve.py did not turn that off.  Such a visitor gets a way to the login, and
    nothing of the page."""
    if user() is None and not st.session_state.get("_restored_here"):
        # A page run without the frame (see above) for a facilitator whose browser's cookie still signs
        # them in: run again, through the frame this time.
        restore_login()
        if user() is not None:
            st.session_state["_restored_here"] = True
            st.rerun()
    if user() is None:
        from pac.i18n import t

        st.info(t("login.required", lang()), icon=":material/lock:")
        st.markdown(f"[{t('login.submit', lang())}](/)")
        st.stop()


@st.cache_resource(show_spinner=False)
def _chart_renderer() -> Any:
    """The documents' chart renderer (kaleido with Debian's chromium) warmed once per server, in a thread."""
    from pac.exports.figures_batch import warm_up_in_background

    return warm_up_in_background()


def warm_documents() -> None:
    """After a signed-in page is drawn, never before: the first document then costs no browser start.
    PAC_WARM_CHARTS=0 turns it off (the tests do, so that hundreds of app runs start no browser)."""
    if os.environ.get("PAC_WARM_CHARTS", "1") != "0":
        _chart_renderer()
