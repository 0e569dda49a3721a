"""The project being worked on, shared by the steps « Projets » and « Subsidiarité » (kept across pages)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from pac.i18n import is_rtl, t
from pac.services.projects import ProjectView
from pac.ui.kit import state


def current_key(plan_id: int) -> str:
    return f"projects_current_{plan_id}"


def current_id(plan_id: int, ids: Sequence[int]) -> int | None:
    """The project being worked on (kept across tabs, pages and page switches); the first one by default."""
    kept = state.keep(current_key(plan_id))
    if kept in ids:
        return kept
    return ids[0] if ids else None


def set_current(plan_id: int, project_id: int | None) -> None:
    state.remember(current_key(plan_id), project_id)


def pick_project(plan_id: int, items: Sequence[ProjectView], key: str, lang: str) -> ProjectView | None:
    """A selectbox of the plan's projects with « previous » and « next » buttons, on the current project."""
    if not items:
        return None
    ids = [p.id for p in items]
    from pac.ui.kit.text import bi_raw  # the title in the reader's language (else the other, marked)

    labels = {p.id: f"{p.code} · {bi_raw(p, 'title', lang)}" for p in items}
    current = current_id(plan_id, ids)
    index = ids.index(current) if current in ids else 0
    widget = f"{key}_{plan_id}"
    # Always set: the current project may have changed elsewhere (grid, buttons), and after a page switch
    # the browser shows a widget's value only when it is sent again.
    st.session_state[widget] = ids[index]
    prev, box, nxt = st.columns([1, 10, 1], vertical_alignment="bottom")
    # Right to left, « previous » stands on the right: its arrow points right.
    back, forward = ("right", "left") if is_rtl(lang) else ("left", "right")
    if prev.button(
        "",
        icon=f":material/chevron_{back}:",
        key=f"{widget}_prev",
        disabled=index == 0,
        help=t("projects.previous", lang),
    ):
        set_current(plan_id, ids[index - 1])
        st.rerun()
    if nxt.button(
        "",
        icon=f":material/chevron_{forward}:",
        key=f"{widget}_next",
        disabled=index == len(ids) - 1,
        help=t("projects.next", lang),
    ):
        set_current(plan_id, ids[index + 1])
        st.rerun()
    chosen = box.selectbox(
        t("projects.pick", lang),
        ids,
        key=widget,
        format_func=labels.get,
        on_change=lambda: set_current(plan_id, st.session_state[widget]),
    )
    return next(p for p in items if p.id == chosen)
