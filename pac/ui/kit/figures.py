"""Showing a plotly figure the same way on every page (no mode bar; the figure's own fonts for projection)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

CONFIG = {"displaylogo": False, "displayModeBar": False}


def show(fig: go.Figure) -> None:
    # theme=None: Streamlit's theme would shrink the fonts the figure enlarges for projection.
    st.plotly_chart(fig, width="stretch", config=CONFIG, theme=None)
