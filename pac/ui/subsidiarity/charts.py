"""The charts of the page « Subsidiarité », built once per data (the figures are only read)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pac.exports import charts_subsidiarity as charts


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
