"""The charts of the projects and subsidiarity pages, built once per data (the figures are only read).

Building a plotly figure costs tens of milliseconds; a rerun that changed none of its data shows the
figure already built.  The figures themselves come from pac.exports.charts_projects (shared with
the documents).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pac.exports import charts_projects as charts

CONFIG = {"displaylogo": False, "displayModeBar": False}


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


@st.cache_resource(max_entries=64, show_spinner=False)
def group_bars(
    groups: pd.DataFrame,
    labels: Mapping[Any, str],
    title: str,
    colours: Mapping[Any, str],
    lang: str,
    big: bool,
    rtl: bool,
) -> go.Figure:
    return charts.group_bars(groups, labels, title=title, colours=colours, lang=lang, big=big, rtl=rtl)


def show(fig: go.Figure) -> None:
    # theme=None: Streamlit's theme would shrink the fonts the figure enlarges for projection.
    st.plotly_chart(fig, width="stretch", config=CONFIG, theme=None)
