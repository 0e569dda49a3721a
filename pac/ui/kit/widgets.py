"""Shared widgets: page header and guard, error display, action runner."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import streamlit as st

from pac.db import Database
from pac.domain.errors import DomainError
from pac.domain.validate import in_lang
from pac.i18n import t, tn
from pac.services.auth import UserView
from pac.ui.kit import state

if TYPE_CHECKING:  # the communes service (and the ORM models behind it) load after the login page
    from pac.services.communes import CommuneView, PlanView

log = logging.getLogger("pac")
T = TypeVar("T")


@dataclass(frozen=True)
class PageContext:
    db: Database
    lang: str
    user: UserView | None
    commune: CommuneView
    plan: PlanView | None

    def t(self, key: str, **fmt: Any) -> str:
        return t(key, self.lang, **fmt)


def page(title_key: str, *, need_plan: bool = False, caption_key: str | None = None) -> PageContext:
    """Title of the step, then the guard: no commune selected (or no plan) → say what to do, stop."""
    state.require_facilitator()
    lang = state.lang()
    st.title(t(title_key, lang))
    commune = state.current_commune()
    if commune is None:
        st.info(t("frame.no_commune", lang))
        st.page_link("pages/communes.py", label=t("nav.communes", lang), icon=":material/location_city:")
        st.stop()
    assert commune is not None
    if caption_key:
        st.caption(t(caption_key, lang))
    plan = state.current_plan()
    if need_plan and plan is None:
        st.info(t("frame.no_plan", lang))
        st.page_link("pages/communes.py", label=t("nav.communes", lang), icon=":material/location_city:")
        st.stop()
    return PageContext(state.get_db(), lang, state.user(), commune, plan)


# What a refusal quotes of the user's input, between « and »: « [x](http://…) » n'est pas un nombre.
_QUOTED = re.compile(r"«\s?(.*?)\s?»")
# Inside a quote, what markdown would make a link, an image, emphasis, code, a formula or a directive of;
# the rest (parentheses, dots, colons) stays as written so the message reads the same in any test.
_LIVE = re.compile(r"([\\\[\]*_`$~|])")


def _quoted_as_text(message: str) -> str:
    def one(m: re.Match[str]) -> str:
        inner = _LIVE.sub(r"\\\1", m.group(1))
        inner = re.sub(r"(?i)(https?|ftp|mailto|www)(?=[:.])", "\\1\u2060", inner)  # no bare-address link
        return m.group(0).replace(m.group(1), inner, 1) if m.group(1) else m.group(0)

    return _QUOTED.sub(one, message)


def show_error(error: DomainError, where: Any = None) -> None:
    """Every problem of a refused action, in French, as one message; what it quotes of the user's input
    is shown as text."""
    target = where or st
    lang = state.lang()
    lines = [_quoted_as_text(str(in_lang(p, lang))) for p in error.problems]
    if len(lines) == 1:
        target.error(lines[0], icon=":material/error:")
    else:
        target.error(
            tn("frame.problems", len(lines), state.lang()) + "\n\n" + "\n".join(f"- {m}" for m in lines),
            icon=":material/error:",
        )


def run(
    action: Callable[..., T], *args: Any, success: str | None = None, where: Any = None, **kwargs: Any
) -> T | None:
    """Call one service; show its French refusal instead of a stack trace. Returns None when refused."""
    try:
        result = action(*args, **kwargs)
    except DomainError as e:
        show_error(e, where)
        return None
    if success:
        st.toast(success, icon=":material/check_circle:")
    return result


def flash(message: str) -> None:
    """A success message that survives the st.rerun() that follows an action."""
    st.session_state.setdefault("_flash", []).append(message)


def show_flashes() -> None:
    """The messages `flash` kept, in one container that every run draws, empty or not: a message that
    appeared above a form as a new element moved the form down one place, and the browser rebuilt it,
    losing what was being typed into it during the rerun that followed a save."""
    box = st.container()
    for message in st.session_state.pop("_flash", []):
        box.success(message, icon=":material/check_circle:")


def empty_state(message: str) -> None:
    st.info(message, icon=":material/lightbulb:")
