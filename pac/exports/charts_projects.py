"""Charts of the projects: marker coverage and subsidiarity (plotly figures from plain data).

The pages « Projets » and « Subsidiarité » show them; the PAC document exports the same figures
(kaleido).  Inputs are the plain tables the services return:

* coverage — columns axis_id (None/NaN = whole programme), marker, value (0, 1, 2, None = not
  assessed), projects, cost, share_projects, share_cost (pac.services.projects.marker_coverage);
* subsidiarity groups — columns key, projects, cost (pac.services.subsidiarity.summary_frames).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from pac.domain.fmt import mdh, percent
from pac.i18n import t

VALUE_COLOURS: dict[Any, str] = {2: "#1b5e20", 1: "#7cb342", 0: "#cfd8dc", None: "#ffffff"}
LEVEL_COLOURS = {
    "own": "#1f6f8b",
    "shared": "#4f9bb3",
    "transferred": "#8cc0d1",
    "province": "#e0a526",
    "region": "#c2185b",
    "state": "#6d5d4b",
    "public_body": "#7b2cbf",
    None: "#bdbdbd",
}
COMMUNE_COLOUR, OTHER_COLOUR = "#1f6f8b", "#c9c9c9"


def _size(big: bool) -> int:
    return 22 if big else 14


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _is_none(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def _layout(fig: go.Figure, big: bool, height: int, title: str, legend: bool = True) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        font={"size": _size(big), "family": "Source Sans Pro, Source Sans 3, Arial, sans-serif"},
        margin={"l": 10, "r": 20, "t": 60, "b": 20},
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=legend,
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "title": None},
    )
    return fig


def value_label(value: Any, lang: str = "fr") -> str:
    return t("projects.value_none", lang) if _is_none(value) else t(f"projects.value_{int(value)}", lang)


def _index(table: pd.DataFrame) -> dict[tuple[Any, str, Any], dict[str, Any]]:
    """The coverage rows by (axis id or None, marker, value or None): one pass instead of many filters."""
    out = {}
    for r in table.to_dict("records"):
        axis = None if _is_none(r["axis_id"]) else int(r["axis_id"])
        value = None if _is_none(r["value"]) else int(r["value"])
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
    labels = [_wrap(markers[m], 28 if big else 40) for m in codes]
    fig = go.Figure()
    for value in (2, 1, 0, None):
        xs, texts, hover = [], [], []
        for m in codes:
            r = idx.get((axis_id, m, value), {})
            x = r.get(share)
            x = 0.0 if _is_none(x) else float(x)
            xs.append(x * 100)
            texts.append(percent(x) if x >= 0.06 else "")
            hover.append(f"{int(r.get('projects', 0) or 0)} · {mdh(r.get('cost', 0) or 0)}")
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
    _layout(fig, big, max(300, (70 if big else 46) * len(codes) + 110), title)
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
                if k in idx and not _is_none(idx[k][share])
            ]
            x = sum(values) if values else None
            zrow.append(None if x is None else x * 100)
            trow.append("—" if x is None else percent(x))
        z.append(zrow)
        text.append(trow)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[label for _, label in columns],
            y=[_wrap(markers[m], 30) for m in markers],
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
    return _layout(fig, big, max(320, (64 if big else 42) * len(markers) + 120), title, legend=False)


def group_bars(
    groups: pd.DataFrame,
    labels: Mapping[Any, str],
    *,
    title: str = "",
    colours: Mapping[Any, str] | None = None,
    lang: str = "fr",
    big: bool = False,
    rtl: bool = False,
) -> go.Figure:
    """Cost (MDH) per group — level of competence or lead actor — with the number of projects on each bar."""
    keys = list(groups["key"])
    names = [_wrap(labels.get(None if _is_none(k) else k, str(k)), 30 if big else 42) for k in keys]
    costs = [float(c) for c in groups["cost"]]
    counts = [int(n) for n in groups["projects"]]
    palette = colours or {}
    fig = go.Figure(
        go.Bar(
            y=names,
            x=[c / 1e6 for c in costs],
            orientation="h",
            marker_color=[palette.get(None if _is_none(k) else k, "#1f6f8b") for k in keys],
            text=[
                t("subsidiarity.chart.bar_text", lang, n=n, cost=mdh(c, 1))
                for n, c in zip(counts, costs, strict=True)
            ],
            textposition="auto",
            cliponaxis=False,
            hovertemplate="%{y} : %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text="MDH", rangemode="tozero", gridcolor="#eeeeee", autorange="reversed" if rtl else True
    )
    fig.update_yaxes(autorange="reversed", automargin=True, side="right" if rtl else "left")
    return _layout(fig, big, max(260, (62 if big else 40) * len(keys) + 110), title, legend=False)


def own_share_donut(
    own_cost: float, total_cost: float, *, title: str = "", lang: str = "fr", big: bool = False
) -> go.Figure:
    """The commune's own share of the programme's cost against the rest (see pac.domain.subsidiarity)."""
    rest = max(total_cost - own_cost, 0.0)
    share = own_cost / total_cost if total_cost > 0 else None
    fig = go.Figure(
        go.Pie(
            labels=[t("subsidiarity.chart.own", lang), t("subsidiarity.chart.others", lang)],
            values=[own_cost, rest],
            hole=0.6,
            sort=False,
            direction="clockwise",
            marker={"colors": [COMMUNE_COLOUR, OTHER_COLOUR]},
            textinfo="none",
            hovertemplate="%{label} : %{value:,.0f} DH<extra></extra>",
        )
    )
    fig.add_annotation(text=f"<b>{percent(share)}</b>", showarrow=False, font={"size": 40 if big else 28})
    return _layout(fig, big, 360 if big else 280, title)


def level_order(levels: Sequence[str]) -> dict[Any, str]:
    """Colours of the competence levels in the given order (unknown levels grey)."""
    return {lvl: LEVEL_COLOURS.get(lvl, "#9e9e9e") for lvl in levels} | {None: LEVEL_COLOURS[None]}
