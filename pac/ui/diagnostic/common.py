"""Small pieces shared by the diagnostic and SWOT screens: lazy tabs that survive page switches, labels."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pac.exports import charts_diagnostic as charts


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
