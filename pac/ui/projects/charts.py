"""The charts of the page « Projets », built once per data (the figures are only read).

Building a plotly figure costs tens of milliseconds; a rerun that changed none of its data shows the
figure already built.  The figures themselves come from pac.exports.charts_projects (shared with
the documents).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pac.exports import charts_projects as charts


@st.cache_resource(max_entries=64, show_spinner=False)
def coverage_bars(
    table: pd.DataFrame,
    markers: Mapping[str, str],
    axis_id: int | None,
    measure: str,
    title: str,
    lang: str,
    big: bool,
    rtl: bool,
) -> go.Figure:
    return charts.coverage_bars(
        table, markers, axis_id=axis_id, measure=measure, title=title, lang=lang, big=big, rtl=rtl
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def targeted_heatmap(
    table: pd.DataFrame,
    markers: Mapping[str, str],
    axes: Mapping[int, str],
    measure: str,
    title: str,
    lang: str,
    big: bool,
) -> go.Figure:
    return charts.targeted_heatmap(table, markers, axes, measure=measure, title=title, lang=lang, big=big)
