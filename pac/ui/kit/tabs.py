"""Tabs and view selectors that survive page switches, and links to other steps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from pac.db import ROOT
from pac.i18n import t
from pac.ui.kit import state
from pac.ui.kit.widgets import PageContext


def lazy_tabs(key: str, labels: Sequence[str]) -> list[Any]:
    """`st.tabs` where only the open tab's code runs, reopened on the same tab after a page switch.

    Use: ``for tab, draw in zip(lazy_tabs(...), drawers): if tab.open: with tab: draw()``.
    The open tab is remembered by position, so it survives a change of language too.
    """
    index = min(int(state.keep(f"tab_{key}", 0) or 0), len(labels) - 1)
    widget = f"{key}__tabs"
    current = st.session_state.get(widget)
    if current not in labels:  # first run, new language, or after a page switch: start on the kept tab
        st.session_state[widget] = labels[index]
    tabs = st.tabs(list(labels), key=widget, on_change="rerun")
    for i, tab in enumerate(tabs):
        if tab.open:
            state.remember(f"tab_{key}", i)
    return list(tabs)


def page_link(path: str, label_key: str, lang: str, icon: str) -> None:
    """A link to another step, drawn only when that step's page exists."""
    if (ROOT / path).exists():
        st.page_link(path, label=t(label_key, lang), icon=icon)


def view_selector(ctx: PageContext, key: str, views: tuple[str, ...], prefix: str) -> str:
    """The part of the page shown (only that part is computed and drawn, for a quick rerun)."""
    kept = state.keep(key, views[0])
    choice = st.segmented_control(
        t(f"{prefix}.view", ctx.lang),
        views,
        default=kept if kept in views else views[0],
        format_func=lambda v: t(f"{prefix}.view.{v}", ctx.lang),
        key=f"_{key}",
        label_visibility="collapsed",
    )
    choice = choice or kept or views[0]
    state.remember(key, choice)
    return choice
