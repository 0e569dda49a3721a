"""Charts of the projects: the coverage of the cross-cutting markers (plotly figures from plain data).

The page « Projets » shows them; the PAC document exports the same figures (kaleido).  Input: the
coverage table — columns axis_id (None/NaN = whole programme), marker, value (0, 1, 2, None = not
assessed), projects, cost, share_projects, share_cost (pac.services.projects.marker_coverage).
The subsidiarity charts are in pac.exports.charts_subsidiarity.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from pac.domain.fmt import mdh, percent
from pac.exports.chart_style import finish, is_none, wrap
from pac.i18n import t

VALUE_COLOURS: dict[Any, str] = {2: "#1b5e20", 1: "#7cb342", 0: "#cfd8dc", None: "#ffffff"}


def value_label(value: Any, lang: str = "fr") -> str:
    return t("projects.value_none", lang) if is_none(value) else t(f"projects.value_{int(value)}", lang)


def _index(table: pd.DataFrame) -> dict[tuple[Any, str, Any], dict[str, Any]]:
    """The coverage rows by (axis id or None, marker, value or None): one pass instead of many filters."""
    out = {}
    for r in table.to_dict("records"):
        axis = None if is_none(r["axis_id"]) else int(r["axis_id"])
        value = None if is_none(r["value"]) else int(r["value"])
        out[(axis, r["marker"], value)] = r
    return out


def coverage_bars(
    table: pd.DataFrame,
    markers: Mapping[str, str],
    *,
    axis_id: int | None = None,
    measure: str = "projects",
    title: str = "",
    lang: str = "fr",
    big: bool = False,
    rtl: bool = False,
) -> go.Figure:
    """One 100 % bar per marker, split by value 2 / 1 / 0 / not assessed, for one axis or the whole programme.

    `measure` is "projects" (share of projects) or "cost" (share of cost); `markers` maps codes to
    labels in the order to draw them (top to bottom).
    """
    share = "share_projects" if measure == "projects" else "share_cost"
    idx = _index(table)
    codes = [m for m in markers if any(k[0] == axis_id and k[1] == m for k in idx)]
    labels = [wrap(markers[m], 28 if big else 40) for m in codes]
    fig = go.Figure()
    for value in (2, 1, 0, None):
        xs, texts, hover = [], [], []
        for m in codes:
            r = idx.get((axis_id, m, value), {})
            x = r.get(share)
            x = 0.0 if is_none(x) else float(x)
            xs.append(x * 100)
            texts.append(percent(x, lang=lang) if x >= 0.06 else "")
            hover.append(f"{int(r.get('projects', 0) or 0)} · {mdh(r.get('cost', 0) or 0, lang=lang)}")
        fig.add_bar(
            y=labels,
            x=xs,
            orientation="h",
            name=value_label(value, lang),
            marker_color=VALUE_COLOURS[value],
            marker_line_color="#90a4ae",
            marker_line_width=1 if value is None else 0,
            marker_pattern_shape="/" if value is None else "",
            text=texts,
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": "white" if value in (1, 2) else "#263238"},
            customdata=hover,
            hovertemplate="%{y} · " + value_label(value, lang) + " : %{x:.0f} % (%{customdata})"
            "<extra></extra>",
        )
    fig.update_xaxes(range=[100, 0] if rtl else [0, 100], ticksuffix=" %", showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed", automargin=True, side="right" if rtl else "left")
    finish(fig, big, max(300, (70 if big else 46) * len(codes) + 110), title)
    fig.update_layout(barmode="stack", bargap=0.25, margin={"t": 90 if big else 70})
    return fig


def targeted_heatmap(
    table: pd.DataFrame,
    markers: Mapping[str, str],
    axes: Mapping[int, str],
    *,
    measure: str = "projects",
    title: str = "",
    lang: str = "fr",
    big: bool = False,
) -> go.Figure:
    """Share of each axis's projects (or cost) where a marker is targeted (1 or 2): markers × axes."""
    share = "share_projects" if measure == "projects" else "share_cost"
    idx = _index(table)
    columns: list[tuple[int | None, str]] = [(None, t("projects.all_axes", lang)), *axes.items()]
    z, text = [], []
    for m in markers:
        zrow, trow = [], []
        for axis_id, _ in columns:
            values = [
                idx[k][share]
                for k in ((axis_id, m, 1), (axis_id, m, 2))
                if k in idx and not is_none(idx[k][share])
            ]
            x = sum(values) if values else None
            zrow.append(None if x is None else x * 100)
            trow.append("—" if x is None else percent(x, lang=lang))
        z.append(zrow)
        text.append(trow)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[label for _, label in columns],
            y=[wrap(markers[m], 30) for m in markers],
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#f1f8e9"], [1, "#1b5e20"]],
            zmin=0,
            zmax=100,
            showscale=False,
            hovertemplate="%{y} · %{x} : %{text}<extra></extra>",
            xgap=3,
            ygap=3,
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top")
    return finish(fig, big, max(320, (64 if big else 42) * len(markers) + 120), title, legend=False)
