"""The frame around every page: style, sidebar, projection mode, login."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

from pac.db import ROOT
from pac.domain.errors import DomainError
from pac.i18n import LANGS, is_rtl, t, tn
from pac.services import auth
from pac.ui.kit import chrome, state
from pac.ui.kit.nav import SECTIONS, STEPS, VOTER, Step
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import show_error

log = logging.getLogger("pac")
ICON = ROOT / "pac" / "assets" / "icon.png"

BASE_CSS = """
<style>
  .block-container {padding-top: 2.2rem; max-width: 1500px;}
  [data-testid="stMetricValue"] {font-size: 1.6rem;}
  /* a figure and its unit wrap rather than lose the unit (« 127,26 مليون … ») in a narrow column */
  [data-testid="stMetricValue"] p, [data-testid="stMetricLabel"] p {white-space: normal !important;}
  .pac-demo {background:#fff4d6; border:1px solid #e5c36b; color:#5b4300; border-radius:6px;
             padding:.2rem .6rem; font-size:.85rem; display:inline-block;}
</style>
"""
PROJECTION_CSS = """
<style>
  html {font-size: 22px;}
  section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stSidebarCollapseButton"], header[data-testid="stHeader"] {display: none !important;}
  .block-container {padding-top: 1rem; max-width: 100%;}
  h1 {font-size: 2.2rem !important;}
</style>
"""
RTL_CSS = """
<style>
  .block-container, section[data-testid="stSidebar"] {direction: rtl; text-align: right;}
  /* Streamlit aligns each element's box to the left: headings, text and captions start on the right */
  .block-container [data-testid="stElementContainer"],
  section[data-testid="stSidebar"] [data-testid="stElementContainer"] {text-align: start;}
</style>
"""


def apply_style() -> None:
    css = BASE_CSS
    if state.projection():
        css += PROJECTION_CSS
    if is_rtl(state.lang()):
        css += RTL_CSS
    css += chrome.css(state.lang())  # Streamlit's own English words, in the reader's language
    st.html(css)
    st.html(chrome.script(state.lang()), unsafe_allow_javascript=True)  # and those CSS cannot reach


# The default page is served at "/" whatever its url_path, and Streamlit would then know no page at its
# declared address: that address becomes an alias, and the page's own url_path a name nobody types.
DEFAULT_URL_PATH = "accueil"


def _page(step: Step, default: bool = False, icon: bool = True) -> st.Page:
    return st.Page(
        step.path,
        title=t(step.title_key, state.lang()),
        icon=step.icon if icon else None,
        url_path=DEFAULT_URL_PATH if default else step.url_path,  # see DEFAULT_URL_PATH
        default=default,
    )


def facilitator_pages(
    *, default: bool = True, icons: bool = True
) -> tuple[dict[str, list[st.Page]], list[st.Page]]:
    """The steps by sidebar section, and the pages no menu shows: the phone page and the steps' aliases.

    For a visitor, app.py registers them too (`default` and `icons` off: the login is the default page,
    and a Material icon would be fetched from the internet for the tab) so that an address typed or
    bookmarked, e.g. /plan-triennal, is known: the visitor gets the login there, then that page."""
    lang = state.lang()
    sections: dict[str, list[st.Page]] = {t(key, lang): [] for key in SECTIONS}
    # A step whose page is still being written is left out of the menu (tests require every file).
    steps = [step for step in STEPS if (ROOT / step.path).exists()]
    aliases: list[st.Page] = []
    for i, step in enumerate(steps):
        first = default and i == 0
        sections[t(step.section, lang)].append(_page(step, default=first, icon=icons))
        aliases += _aliases(step, DEFAULT_URL_PATH if first else step.url_path, lang)
    # An alias never takes a page's own address (Streamlit refuses two pages at one address).
    taken = {step.url_path for step in steps} - {steps[0].url_path if default and steps else ""}
    taken |= {VOTER.url_path, LOGIN_URL_PATH}
    aliases = [a for a in aliases if a.url_path not in taken]
    return {k: v for k, v in sections.items() if v}, _voter_pages(icons) + aliases


def _aliases(step: Step, own: str, lang: str) -> list[st.Page]:
    """Other addresses of a step, hidden, that only send the browser on to it: its file name (/plan for
    « Plan triennal » at /plan-triennal) and, for the default page (at "/"), its declared address."""
    names = dict.fromkeys([step.url_path, Path(step.path).stem])
    return [
        st.Page(
            partial(st.switch_page, step.path),
            title=t(step.title_key, lang),
            url_path=name,
            visibility="hidden",
        )
        for name in names
        if name != own
    ]


LOGIN_URL_PATH = "connexion"  # the login is the visitors' default page, at "/": this name is never typed
_ADDRESS = re.compile(r"[A-Za-z0-9_-]{1,80}")


def unknown_address(pages: list[st.Page]) -> list[st.Page]:
    """A page for an address that is none of `pages` (a typo, an old bookmark), saying so in the reader's
    language — or Streamlit would show its English « Page not found » over the default page."""
    url = st.context.url
    path = urlparse(url).path.strip("/") if url else ""
    taken = {p.url_path for p in pages} | {DEFAULT_URL_PATH, LOGIN_URL_PATH}
    if not _ADDRESS.fullmatch(path) or path in taken:
        return []
    lang = state.lang()
    return [
        st.Page(partial(_unknown_view, path), title=t("app.name", lang), url_path=path, visibility="hidden")
    ]


def _unknown_view(path: str) -> None:
    lang = state.lang()
    st.warning(t("frame.unknown_address", lang, path=plain(path)), icon=":material/link_off:")
    st.page_link(STEPS[0].path, label=t(STEPS[0].title_key, lang), icon=STEPS[0].icon)


def _voter_pages(icon: bool = True) -> list[st.Page]:
    return [_page(VOTER, icon=icon)] if (ROOT / VOTER.path).exists() else []


def anonymous_pages() -> list[st.Page]:
    """The login (first, the default) and the participant's phone page.

    Without icons (no menu shows them): the browser would take the page's Material icon for the tab's
    icon, fetched from the internet, until `set_icon`, which app.py calls after the login page."""
    login = st.Page(login_view, title=t("nav.login", state.lang()), url_path=LOGIN_URL_PATH, default=True)
    return [login, *_voter_pages(icon=False)]


def set_icon() -> None:
    """The tab's icon: a bundled image (a Material icon would make the browser fetch a web font, and there
    is no internet in a town hall).  Streamlit converts it with numpy and Pillow, a tenth of a second to
    import: the login page, which needs neither, sets it once drawn."""
    st.set_page_config(page_icon=str(ICON))


def require_database(*, filled: bool = False) -> None:
    """The database (with `filled`: migrated and filled, catalogues and demo); else a French message, stop.

    Only the login page does without `filled`: it shows while a new database gets its schema and demo."""
    try:
        if state.started():
            state.get_db()
        else:  # the server's first page waits for its database to open (a spinner shows after 0.5 s)
            with st.spinner(t("frame.opening_db", state.lang())):
                state.get_db()
        if filled:
            state.wait_until_ready()
        else:
            state.raise_failed_preparation()
    except Exception as exc:  # no database: say so in French, never a stack trace
        st.error(
            t("frame.db_unavailable", state.lang(), error=type(exc).__name__), icon=":material/database:"
        )
        log.exception("database unavailable", exc_info=exc)
        st.stop()


def sidebar(sections: dict[str, list[st.Page]]) -> None:
    lang = state.lang()
    u = state.user()
    with st.sidebar:
        st.markdown(f"### {t('app.name', lang)}")
        _commune_selector(lang)
        for title, pages in sections.items():
            st.caption(title.upper())
            for p in pages:
                st.page_link(p)
        st.divider()
        choice = st.segmented_control(
            t("frame.language", lang),
            LANGS,
            default=lang,
            format_func=lambda x: {"fr": "Français", "ar": "العربية"}[x],
            key="_lang_choice",
        )
        if choice and choice != lang:
            state.set_lang(choice)
            st.rerun()
        if st.toggle(
            t("frame.projection", lang), value=state.projection(), help=t("frame.projection_help", lang)
        ):
            if not state.projection():
                state.set_projection(True)
                st.rerun()
        elif state.projection():
            state.set_projection(False)
            st.rerun()
        if u is not None:
            st.caption(t("frame.signed_in_as", lang, name=u.display_name))
            if st.button(t("frame.logout", lang), icon=":material/logout:"):
                state.logout()
                st.rerun()


def _commune_selector(lang: str) -> None:
    from pac.services import communes

    options = communes.list_communes(state.get_db())
    if not options:
        st.caption(t("frame.no_communes", lang))
        return
    ids = [c.id for c in options]
    names = {c.id: c.name(lang) for c in options}
    current = state.commune_id()
    if current not in ids:
        current = ids[0]
        state.select_commune(current)
    chosen = st.selectbox(t("frame.commune", lang), ids, index=ids.index(current), format_func=names.get)
    if chosen != current:
        state.select_commune(chosen)
        st.rerun()
    commune = next(c for c in options if c.id == chosen)
    if commune.is_demo:
        st.html(f'<span class="pac-demo">{t("frame.demo_badge", lang)}</span>')


def projection_bar() -> None:
    """In projection mode the sidebar is hidden: a slim bar keeps the way out in reach."""
    lang = state.lang()
    commune = state.current_commune()
    left, right = st.columns([5, 1])
    if commune is not None:
        left.caption(commune.name(lang))
    if right.button(t("frame.projection_exit", lang), icon=":material/fullscreen_exit:", key="_proj_exit"):
        state.set_projection(False)
        st.rerun()


def _login_language() -> str:
    """Français or العربية, on the login page too (kept in the session like the sidebar's switch)."""
    lang = state.lang()
    choice = st.segmented_control(
        t("frame.language", lang),
        ["fr", "ar"],
        default=lang,
        key="_login_lang",
        label_visibility="collapsed",
        format_func=lambda x: {"fr": "Français", "ar": "العربية"}[x],
    )
    if choice and choice != lang:
        state.set_lang(choice)
        st.rerun()  # the frame draws right-to-left before the page
    return lang


def login_view() -> None:
    db = state.get_db()
    _, mid, _ = st.columns([1, 2, 1])
    with mid:
        lang = _login_language()
        st.title(t("app.name", lang))
        st.caption(t("app.tagline", lang))
        setup = state.needs_setup()
        if setup and not state.is_local_request():
            # The first account is created on the facilitator's laptop, not from a phone on the Wi-Fi.
            st.subheader(t("login.setup_title", lang))
            st.warning(t("login.setup_local_only", lang), icon=":material/lock:")
        elif setup:
            st.subheader(t("login.setup_title", lang))
            st.write(t("login.setup_intro", lang))
            with st.form("setup"):
                username = st.text_input(t("login.username", lang), value="animateur")
                display = st.text_input(t("login.display_name", lang))
                pw = st.text_input(t("login.password", lang), type="password")
                confirm = st.text_input(t("login.confirm", lang), type="password")
                if st.form_submit_button(t("login.create", lang), type="primary"):
                    state.wait_until_ready()  # a new database gets its schema beside this form
                    _enter(
                        lambda: auth.create_user(db, username, pw, confirm, display, first=True, lang=lang)
                    )
        else:
            st.subheader(t("login.title", lang))
            st.write(t("login.intro", lang))
            with st.form("login"):
                username = st.text_input(t("login.username", lang))
                pw = st.text_input(t("login.password", lang), type="password")
                if st.form_submit_button(t("login.submit", lang), type="primary"):
                    address = st.context.ip_address
                    _enter(
                        lambda: auth.authenticate(
                            db, username, pw, address if isinstance(address, str) else "", lang=lang
                        )
                    )
        st.caption(t("login.voter_hint", lang))


def _enter(action: Callable[[], auth.UserView]) -> None:
    try:
        u = action()
    except auth.TooManyAttempts as e:
        st.error(tn("login.too_many", e.wait, state.lang()), icon=":material/timer:")
        return
    except DomainError as e:
        show_error(e)
        return
    state.login(u)
    st.rerun()


def unexpected_error(exc: Exception) -> None:
    """Log the traceback for the technical team; show the user a calm French message."""
    now = dt.datetime.now().strftime("%H:%M:%S")
    log.exception("unexpected error at %s", now, exc_info=exc)
    st.error(t("frame.unexpected", state.lang(), time=now), icon=":material/report:")
