"""Charts of the monitoring and evaluation step: target versus actual, project progress.

The page « Suivi-évaluation » shows them and the M&E document exports the same figures (kaleido).
Written as plain plotly specs like pac.exports.charts_plan (see there why).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from pac.domain.fmt import number
from pac.exports.chart_style import (
    COMMUNE_COLOUR,
    GRID,
    OK_COLOUR,
    OVER_COLOUR,
    figure,
    layout_spec,
    short,
)
from pac.i18n import t

# Plotly's decimal and thousands separators as each language writes numbers (pac.domain.fmt): French
# « 1 250,5 », Arabic (ar_MA) « 1.250,5 ».
SEPARATORS = {"fr": ", ", "ar": ",."}


def target_vs_actual(
    years: Sequence[int],
    targets: Mapping[int, float],
    actuals: Mapping[int, float],
    *,
    title: str,
    unit: str = "",
    baseline: float | None = None,
    baseline_year: int | None = None,
    by_sex: Mapping[str, Mapping[int, float]] | None = None,
    lang: str = "fr",
    big: bool = False,
    rtl: bool = False,
) -> go.Figure:
    """An indicator's targets per year (dashed) against the values measured (bars), from the baseline."""
    xs = list(years)
    data: list[dict[str, Any]] = []
    if baseline is not None:
        bx = baseline_year if baseline_year is not None else years[0] - 1
        data.append(
            {
                "type": "scatter",
                "x": [bx],
                "y": [baseline],
                "mode": "markers+text",
                "marker": {"size": 12, "color": "#555555"},
                "text": [t("monitoring.chart.baseline", lang)],
                "textposition": "top center",
                "name": t("monitoring.chart.baseline", lang),
            }
        )
    measured = [y for y in xs if y in actuals]
    data.append(
        {
            "type": "bar",
            "x": measured,
            "y": [actuals[y] for y in measured],
            "name": t("monitoring.chart.actual", lang),
            "marker": {"color": COMMUNE_COLOUR},
            "text": [number(actuals[y], 1 if actuals[y] % 1 else 0, lang=lang) for y in measured],
            "textposition": "outside",
        }
    )
    for sex, colour in (("f", "#c2185b"), ("m", "#6a994e")):
        values = (by_sex or {}).get(sex) or {}
        if values:
            data.append(
                {
                    "type": "bar",
                    "x": list(values),
                    "y": list(values.values()),
                    "name": t(f"vocab.sexes.{sex}", lang),
                    "marker": {"color": colour},
                }
            )
    target_ys = [targets.get(y) for y in xs]
    if any(v is not None for v in target_ys):
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": target_ys,
                "mode": "lines+markers",
                "name": t("monitoring.chart.target", lang),
                "connectgaps": True,
                "line": {"dash": "dash", "color": "#e0a526", "width": 3},
            }
        )
    ticks = [*([baseline_year] if baseline_year and baseline is not None else []), *xs]
    layout = layout_spec(
        big,
        rtl,
        480 if big else 340,
        short(title, 90),
        barmode="group",
        yaxis={"title": {"text": unit}, "rangemode": "tozero", "gridcolor": GRID},
        xaxis={"tickmode": "array", "tickvals": ticks, "ticktext": [str(y) for y in ticks]},
    )
    layout["separators"] = SEPARATORS.get(lang, SEPARATORS["fr"])
    return figure(data, layout)


@dataclass(frozen=True)
class ProgressBar:
    label: str
    percent: float
    expected: float
    late: bool
    over_budget: bool


def progress_bars(
    rows: Sequence[ProgressBar], *, lang: str = "fr", big: bool = False, rtl: bool = False
) -> go.Figure:
    """Each project's % done (bar) against what its schedule expects by now (diamond); late projects in
    red, over-budget ones in amber."""
    width = 40 if big else 60
    labels = [short(r.label, width) for r in rows]
    colours = [OVER_COLOUR if r.late else ("#f0a500" if r.over_budget else OK_COLOUR) for r in rows]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": [r.percent for r in rows],
            "marker": {"color": colours},
            "name": t("monitoring.chart.done", lang),
            "text": [f"{r.percent:.0f} %" for r in rows],
            "textposition": "outside",
            "cliponaxis": False,
        },
        {
            "type": "scatter",
            "y": labels,
            "x": [r.expected for r in rows],
            "mode": "markers",
            "name": t("monitoring.chart.expected", lang),
            "marker": {"symbol": "diamond", "size": 14 if big else 10, "color": "#222222"},
        },
    ]
    row = 40 if big else 24
    layout = layout_spec(
        big,
        rtl,
        max(240, 110 + row * len(rows)),
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
        xaxis={
            "range": [110, 0] if rtl else [0, 110],
            "title": {"text": "%"},
            "gridcolor": GRID,
            "autorange": False,
        },
        yaxis={"autorange": "reversed", "automargin": True, "side": "right" if rtl else "left"},
    )
    layout["separators"] = SEPARATORS.get(lang, SEPARATORS["fr"])
    return figure(data, layout)
