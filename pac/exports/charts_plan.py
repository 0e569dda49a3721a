"""Charts of the triennial plan: timeline, cost per year by funder, commune share against capacity.

The page « Plan triennal » shows them and the PAC document exports the same figures (kaleido).
The monitoring charts are in pac.exports.charts_monitoring; the shared look in chart_style.  Everything is offline: plotly's JavaScript ships with Streamlit.
Amounts are drawn in millions of dirhams (MDH), as the room reads them; hovers give the dirhams.

Figures are written as plain plotly specs (dicts) and wrapped without plotly's per-property
validation: building them with graph objects cost 50–80 ms each, too much for a page that reruns
on every click.  The tests validate every figure in full instead (tests/test_plan_charts.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from pac.domain.fmt import MILLIONS, mdh, money
from pac.domain.plan import GAP, YearBalance
from pac.exports.chart_style import (
    GRID,
    INDICATIVE_COLOUR,
    OK_COLOUR,
    OVER_COLOUR,
    PALETTE,
    figure,
    font_size,
    layout_spec,
    short,
)
from pac.i18n import t

STATUS_COLOURS = {"secured": "#2e7d32", "negotiation": "#f0a500", "to_find": "#c62828", GAP: "#9e9e9e"}

# Plotly's decimal and thousands separators as each language writes numbers (pac.domain.fmt): French
# « 1 250,5 », Arabic (ar_MA) « 1.250,5 ».
SEPARATORS = {"fr": ", ", "ar": ",."}


def year_label(years: Sequence[int], y: int, lang: str = "fr") -> str:
    return t("plan.year_short", lang, n=y - years[0] + 1, year=y)


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class GanttRow:
    label: str  # "P03 — Adduction d'eau potable…"
    start: int
    end: int
    group: str  # axis code: one colour per axis
    cost: float = 0.0


def gantt(
    rows: Sequence[GanttRow],
    years: Sequence[int],
    group_names: Mapping[str, str] | None = None,
    *,
    lang: str = "fr",
    big: bool = False,
    rtl: bool = False,
) -> go.Figure:
    """The projects over the plan's years, one bar each, coloured by axis; years 4–6 shaded as indicative.

    Each project holds one line (long titles are shortened; the hover gives them whole).
    """
    names = dict(group_names or {})
    width = 40 if big else 60
    groups = list(dict.fromkeys(r.group for r in rows))
    labels = [short(r.label, width) for r in rows]
    data = []
    for gi, g in enumerate(groups):
        mine = [(lab, r) for lab, r in zip(labels, rows, strict=True) if r.group == g]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": short(names.get(g, g), 48),
                "y": [lab for lab, _ in mine],
                "x": [r.end - r.start + 1 for _, r in mine],
                "base": [r.start - 0.45 for _, r in mine],
                "width": 0.7,
                "marker": {"color": PALETTE[gi % len(PALETTE)]},
                "customdata": [[r.start, r.end, money(r.cost, lang=lang), r.label] for _, r in mine],
                "hovertemplate": "%{customdata[3]}<br>%{customdata[0]}–%{customdata[1]} · %{customdata[2]}<extra></extra>",
            }
        )
    shapes, notes = [], []
    if len(years) > 3:
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": years[3] - 0.5,
                "x1": years[-1] + 0.5,
                "y0": 0,
                "y1": 1,
                "fillcolor": "#eeeeee",
                "opacity": 0.6,
                "layer": "below",
                "line": {"width": 0},
            }
        )
        notes.append(
            {
                "x": years[3] - 0.5,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "xanchor": "left",
                "text": t("plan.chart.indicative", lang),
                "showarrow": False,
                "font": {"color": "#666666"},
            }
        )
    row = 40 if big else 24
    legend_rows = (len(groups) + 1) // 2
    layout = layout_spec(
        big,
        rtl,
        max(300, 150 + row * len(rows) + 26 * legend_rows),
        t("plan.chart.gantt", lang),
        barmode="overlay",
        shapes=shapes,
        annotations=notes,
        legend={"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
        margin={"t": 70, "b": 40 + 26 * legend_rows},
        yaxis={
            "categoryorder": "array",
            "categoryarray": labels,
            "autorange": "reversed",
            "automargin": True,
            "side": "right" if rtl else "left",
        },
        xaxis={
            "tickmode": "array",
            "tickvals": list(years),
            "ticktext": [year_label(years, y, lang) for y in years],
            "range": ([years[-1] + 0.5, years[0] - 0.5] if rtl else [years[0] - 0.5, years[-1] + 0.5]),
            "autorange": False,
            "showgrid": True,
            "gridcolor": GRID,
        },
    )
    layout["separators"] = SEPARATORS.get(lang, SEPARATORS["fr"])
    return figure(data, layout)


# --------------------------------------------------------------------------- stacked amounts per year


def stacked_years(
    series: Mapping[str, Mapping[int, float]],
    years: Sequence[int],
    names: Mapping[str, str],
    title: str,
    *,
    colours: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    lang: str = "fr",
    big: bool = False,
    rtl: bool = False,
    max_series: int = 9,
) -> go.Figure:
    """Amounts per plan year, stacked by series (funder, axis or funding status), in MDH.

    The uncovered gap, when there is one, tops each bar, hatched."""
    keys = list(order) if order else sorted(series, key=lambda k: (k == GAP, -sum(series[k].values())))
    keys = [k for k in keys if k in series]
    if (
        len(keys) > max_series
    ):  # the room cannot read twenty colours: the smallest shares make one bar "others"
        plain = [k for k in keys if k != GAP]
        head, tail = plain[: max_series - 1], plain[max_series - 1 :]
        merged = {k: series[k] for k in head}
        merged["_others"] = {y: sum(series[k].get(y, 0.0) for k in tail) for y in years}
        if GAP in series:
            merged[GAP] = series[GAP]
        series, keys = merged, head + ["_others"] + ([GAP] if GAP in series else [])
        names = {**names, "_others": t("plan.chart.others", lang)}
    xs = [year_label(years, y, lang) for y in years]
    data: list[dict[str, Any]] = []
    for i, k in enumerate(keys):
        ys = [series[k].get(y, 0.0) for y in years]
        colour = (colours or {}).get(k) or (STATUS_COLOURS[GAP] if k == GAP else PALETTE[i % len(PALETTE)])
        data.append(
            {
                "type": "bar",
                "x": xs,
                "y": [a / 1e6 for a in ys],
                "name": short(names.get(k, k), 40),
                "marker": {"color": colour, "pattern": {"shape": "/" if k == GAP else ""}},
                "customdata": [money(a, lang=lang) for a in ys],
                "hovertemplate": "%{x} · "
                + names.get(k, k).replace("%", "%%")
                + " : %{customdata}<extra></extra>",
            }
        )
    totals = [sum(series[k].get(y, 0.0) for k in keys) for y in years]
    data.append(
        {
            "type": "scatter",
            "x": xs,
            "y": [a / 1e6 for a in totals],
            "mode": "text",
            "text": [mdh(a, 1, lang=lang) if a else "" for a in totals],
            "textposition": "top center",
            "showlegend": False,
            "hoverinfo": "skip",
            "cliponaxis": False,
        }
    )
    extra: dict[str, Any] = {}
    if len(keys) > 4:  # many funders: a legend column beside the bars keeps them readable
        extra["legend"] = {"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top", "traceorder": "reversed"}
    layout = layout_spec(
        big,
        rtl,
        520 if big else 380,
        title,
        barmode="stack",
        yaxis={
            "title": {"text": MILLIONS.get(lang, MILLIONS["fr"])},
            "rangemode": "tozero",
            "gridcolor": GRID,
        },
        **extra,
    )
    layout["separators"] = SEPARATORS.get(lang, SEPARATORS["fr"])
    return figure(data, layout)


# --------------------------------------------------------------------------- capacity gauges


def capacity_gauges(
    balances: Sequence[YearBalance],
    years: Sequence[int],
    *,
    before: Sequence[YearBalance] | None = None,
    lang: str = "fr",
    big: bool = False,
) -> go.Figure:
    """One gauge per plan year: the commune's share (bar) against its investment capacity (line).

    Green while the share fits, red beyond; with `before`, each gauge also shows the change a
    simulated move would make.
    """
    n = max(len(balances), 1)
    prior = {b.year: b for b in before or ()}
    top = max(
        [b.share for b in balances] + [b.capacity for b in balances] + [b.share for b in prior.values()] + [1]
    )
    data = []
    for i, b in enumerate(balances):
        colour = OVER_COLOUR if b.over else (INDICATIVE_COLOUR if b.indicative else OK_COLOUR)
        cap = max(b.capacity, 0.0)
        title = year_label(years, b.year, lang) + (
            f" · {t('plan.chart.indicative_short', lang)}" if b.indicative else ""
        )
        trace: dict[str, Any] = {
            "type": "indicator",
            "mode": "number+gauge" + ("+delta" if b.year in prior else ""),
            "value": b.share / 1e6,
            "number": {
                "suffix": " " + MILLIONS.get(lang, MILLIONS["fr"]),
                "valueformat": ".2f",
                "font": {"size": 26 if big else 18, "color": colour},
            },
            "title": {"text": title, "font": {"size": font_size(big)}},
            "domain": {"x": [0.22, 0.86], "y": [1 - (i + 1) / n + 0.35 / n, 1 - i / n - 0.05 / n]},
            "gauge": {
                "shape": "bullet",
                "axis": {"range": [0, top * 1.1 / 1e6]},
                "bar": {"color": colour, "thickness": 0.55},
                "steps": [
                    {"range": [0, cap / 1e6], "color": "#e3f1e3"},
                    {"range": [cap / 1e6, top * 1.1 / 1e6], "color": "#fbe3e3"},
                ],
                "threshold": {"line": {"color": "#222222", "width": 4}, "thickness": 0.9, "value": cap / 1e6},
            },
        }
        if b.year in prior:
            trace["delta"] = {
                "reference": prior[b.year].share / 1e6,
                "valueformat": ".2f",
                "increasing": {"color": OVER_COLOUR},
                "decreasing": {"color": OK_COLOUR},
                "font": {"size": 18 if big else 13},
            }
        data.append(trace)
    layout = {
        "height": (130 if big else 90) * n + 30,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "font": {"size": font_size(big)},
        "paper_bgcolor": "white",
        "separators": SEPARATORS.get(lang, SEPARATORS["fr"]),
    }
    return figure(data, layout)


# --------------------------------------------------------------------------- monitoring
