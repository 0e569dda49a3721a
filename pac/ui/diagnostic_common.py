"""Small pieces shared by the diagnostic and SWOT screens: lazy tabs that survive page switches, labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pac.domain import vocab
from pac.exports import charts_diagnostic as charts
from pac.i18n import t, vocab_labels
from pac.services import catalogues
from pac.ui import state


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


def username() -> str:
    u = state.user()
    return (u.display_name or u.username) if u is not None else ""


def sector_labels(lang: str) -> dict[str, str]:
    return catalogues.sector_names(state.get_db(), lang)


def labels(list_name: str, lang: str) -> dict[str, str]:
    codes = {
        "sources": vocab.SOURCES,
        "finding_kinds": vocab.FINDING_KINDS,
        "voices": vocab.VOICES,
        "quadrants": vocab.QUADRANTS,
    }[list_name]
    return vocab_labels(list_name, [c for c in codes if c != ""], lang)


def none_label(lang: str) -> str:
    return t("diag.none", lang)


@st.cache_resource(max_entries=64, show_spinner=False)
def chart(kind: str, lang: str, data: pd.DataFrame, labels: Mapping[str, str] | None = None) -> go.Figure:
    """A chart of pac.exports.charts_diagnostic, built once per data and language.

    Building a plotly figure costs tens of milliseconds; the same data gives the same figure, so
    a rerun that changed nothing elsewhere does not pay it again.  (The figure is only read.)
    """
    if kind == "access":
        return charts.access_rates(data, lang)
    if kind == "douars":
        return charts.douar_population(data, lang)
    if kind == "finances":
        return charts.finances(data, lang)
    if kind == "by_sector":
        return charts.findings_by_sector(data, labels or {}, lang)
    if kind == "women":
        return charts.women_versus_others(data, labels or {}, lang)
    raise ValueError(kind)


def show_chart(kind: str, lang: str, data: pd.DataFrame, labels: Mapping[str, str] | None = None) -> None:
    st.plotly_chart(
        chart(kind, lang, data, dict(labels) if labels else None),
        width="stretch",
        config={"displayModeBar": False},
    )
