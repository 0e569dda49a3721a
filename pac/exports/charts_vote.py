"""Vote charts (plotly figures from plain data): the page shows them, documents can export them.

Everything here is offline: plotly's JavaScript ships with Streamlit, no CDN.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

PHONE = "#1f6f8b"  # phone ballots
PAPER = "#e0a526"  # paper ballots, shown as such
FONT = '"Source Sans", "Source Sans Pro", "DejaVu Sans", sans-serif'  # Streamlit's own font, offline
INK = "#1d2b2b"  # the theme's text colour: labels must be read from the back of the room
GROUP_COLOURS = ("#1f6f8b", "#c2185b", "#6a994e", "#e0a526", "#7b2cbf", "#8d6e63", "#455a64", "#999999")


@dataclass(frozen=True)
class Bar:
    label: str
    rank: int | None
    score: float | None
    phone: float  # dots/points: part of the score from phones; scoring: ignored
    paper: float


def _wrap(label: str, width: int, lines: int = 2) -> str:
    """A long option label on at most `lines` lines (the table below the chart gives it whole)."""
    return "<br>".join(textwrap.wrap(label, width, max_lines=lines, placeholder=" …")) or label


RLI, FSI, PDI = "\u2067", "\u2068", "\u2069"  # Unicode isolates


def rank_label(rank: int | None, label: str, rtl: bool = False) -> str:
    """« 1. Eau » left to right; right to left « 1 · العنوان » as one right-to-left run (RLI … PDI), the
    title isolated in it (FSI … PDI): the rank stays at the start of the line, on the right, whatever
    script the title is written in (a chart's text is laid out left to right, so a plain « 1. العنوان »
    ended with « .1 »)."""
    mark = str(rank) if rank else "–"
    if not rtl:
        return f"{mark}. {label}"
    return f"{RLI}{mark} · {FSI}{label}{PDI}{PDI}"


def _fmt(x: float | None, scoring: bool) -> str:
    if x is None:
        return "—"
    return f"{x:.2f}".replace(".", ",") if scoring else f"{x:.0f}"


def ranking_figure(
    bars: Sequence[Bar],
    *,
    scoring: bool,
    phone_name: str = "Téléphones",
    paper_name: str = "Papier",
    big: bool = False,
    rtl: bool = False,
    label_chars: int = 64,
) -> go.Figure:
    """Ranked horizontal bars, best on top; phone and paper stacked (dots, points) or the mean rating.

    Each option's label is written on its own line above its bar, so that the bars keep the
    whole width even in a narrow column; `label_chars` cuts longer labels to one line (plotly does
    not wrap annotations): about 64 in a column of the wall, 110 across a page.
    """
    size = 19 if big else 14
    ordered = list(bars)
    ys = list(range(len(ordered)))
    labels = [rank_label(b.rank, _wrap(b.label, label_chars, lines=1), rtl) for b in ordered]
    scores = [b.score or 0 for b in ordered]
    # One dict, no « magic underscore » keywords: plotly parses those slowly (50 ms a chart).
    bar = {"type": "bar", "orientation": "h", "hoverinfo": "skip", "width": 0.5, "y": ys}
    data: list[dict] = []
    if scoring:
        data.append({**bar, "x": scores, "marker": {"color": PHONE}, "showlegend": False})
        top = 5.0
    else:
        data.append({**bar, "x": [b.phone for b in ordered], "name": phone_name, "marker": {"color": PHONE}})
        if any(b.paper for b in ordered):
            data.append(
                {**bar, "x": [b.paper for b in ordered], "name": paper_name, "marker": {"color": PAPER}}
            )
        top = max(scores + [1])
    data.append(
        {
            "type": "scatter",
            "y": ys,
            "x": scores,
            "mode": "text",
            "showlegend": False,
            "hoverinfo": "skip",
            "text": [f" {_fmt(b.score, scoring)} " for b in ordered],
            "cliponaxis": False,
            "textposition": "middle left" if rtl else "middle right",
            "textfont": {"size": size},
        }
    )
    annotations = [
        {
            "x": 0,
            "y": y - 0.27,
            "text": label,
            "showarrow": False,
            "yanchor": "bottom",
            "xanchor": "right" if rtl else "left",
            "align": "right" if rtl else "left",
            "font": {"size": size},
        }
        for y, label in zip(ys, labels, strict=True)
    ]
    row = 66 if big else 52
    layout = {
        "annotations": annotations,
        "barmode": "stack",
        "height": max(180, 60 + row * len(ordered)),
        "margin": {"l": 10, "r": 10, "t": 30, "b": 20},
        "font": {"size": size, "color": INK, "family": FONT},
        "legend": {
            "orientation": "h",
            "y": 1.0,
            "yanchor": "bottom",
            "x": 1 if rtl else 0,
            "xanchor": "right" if rtl else "left",
            "traceorder": "normal",
        },
        "yaxis": {
            "range": [len(ordered) - 0.5, -0.95],
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
        },
        "xaxis": {
            "range": [top * 1.12, 0] if rtl else [0, top * 1.12],
            "showgrid": True,
            "zeroline": False,
            "dtick": 1 if scoring else None,
        },
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }
    return go.Figure({"data": data, "layout": layout})


def split_figure(
    labels: Sequence[str], groups: Mapping[str, Sequence[float | None]], *, scoring: bool, rtl: bool = False
) -> go.Figure:
    """The same options' scores for each group side by side (scores in % of the group's total for
    dots and points, so that a large group does not hide a small one)."""
    ys = [_wrap(lab, 40) for lab in labels]
    data = []
    for i, (name, values) in enumerate(groups.items()):
        if scoring:
            xs = [v or 0 for v in values]
            text = [_fmt(v, True) for v in values]
        else:
            total = sum(v or 0 for v in values) or 1
            xs = [100 * (v or 0) / total for v in values]
            text = [f"{x:.0f} %" for x in xs]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": ys,
                "x": xs,
                "name": name,
                "text": text,
                "textposition": "outside",
                "cliponaxis": False,
                "hoverinfo": "skip",
                "marker": {"color": GROUP_COLOURS[i % len(GROUP_COLOURS)]},
            }
        )
    layout = {
        "barmode": "group",
        "height": max(260, 60 + len(labels) * (18 * max(1, len(groups)) + 14)),
        "margin": {"l": 10, "r": 40, "t": 10, "b": 30},
        "font": {"color": INK, "family": FONT},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "yaxis": {"autorange": "reversed", "side": "right" if rtl else "left", "automargin": True},
        "xaxis": {"range": [0, 5.6] if scoring else None, "autorange": "reversed" if rtl else None},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }
    return go.Figure({"data": data, "layout": layout})


def turnout_figure(
    rows: Mapping[str, tuple[int, int]],
    *,
    phone_name: str = "Téléphones",
    paper_name: str = "Papier",
    rtl: bool = False,
) -> go.Figure:
    """Ballots per group (sex or role), phone and paper stacked."""
    names = list(rows)
    bar = {"type": "bar", "orientation": "h", "y": names, "hoverinfo": "skip"}
    data = [{**bar, "x": [rows[n][0] for n in names], "name": phone_name, "marker": {"color": PHONE}}]
    if any(rows[n][1] for n in names):
        data.append({**bar, "x": [rows[n][1] for n in names], "name": paper_name, "marker": {"color": PAPER}})
    data.append(
        {
            "type": "scatter",
            "y": names,
            "x": [sum(rows[n]) for n in names],
            "mode": "text",
            "text": [f"  {sum(rows[n])}" for n in names],
            "textposition": "middle right",
            "showlegend": False,
            "hoverinfo": "skip",
            "cliponaxis": False,
        }
    )
    layout = {
        "barmode": "stack",
        "height": max(160, 50 + 34 * len(names)),
        "margin": {"l": 10, "r": 30, "t": 10, "b": 20},
        "font": {"color": INK, "family": FONT},
        "legend": {"orientation": "h", "y": -0.15, "x": 0},
        "yaxis": {"autorange": "reversed", "side": "right" if rtl else "left", "automargin": True},
        "xaxis": {"autorange": "reversed" if rtl else None},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }
    return go.Figure({"data": data, "layout": layout})
