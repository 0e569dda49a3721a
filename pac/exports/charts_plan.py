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

from pac.domain.fmt import MILLIONS, mdh, money, number
from pac.domain.plan import GAP, YearBalance
from pac.exports.chart_style import (
    GRID,
    INDICATIVE_COLOUR,
    OK_COLOUR,
    OVER_COLOUR,
    PALETTE,
    PDI,
    RLI,
    arabic_run,
    figure,
    font_size,
    layout_spec,
    legend_below,
    short,
)
from pac.i18n import t

STATUS_COLOURS = {"secured": "#2e7d32", "negotiation": "#f0a500", "to_find": "#c62828", GAP: "#9e9e9e"}

# Plotly's decimal and thousands separators as each language writes numbers (pac.domain.fmt): French
# « 1 250,5 », Arabic (ar_MA) « 1.250,5 ».
SEPARATORS = {"fr": ", ", "ar": ",."}


def year_label(years: Sequence[int], y: int, lang: str = "fr") -> str:
    return t("plan.year_short", lang, n=y - years[0] + 1, year=y)


def year_tick(years: Sequence[int], y: int, lang: str = "fr") -> str:
    """The year on two lines, « A1 » over « 2022 » (« س1 » over « 2022 »): narrow, and each line reads
    the same in both directions."""
    return "<br>".join(part.strip() for part in year_label(years, y, lang).split("·"))


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

    Each project holds one line (long titles are shortened; the hover gives them whole).  The axis runs
    over the whole plan (and over any project running beyond it), each year labelled on two lines
    (« A6 » over « 2027 ») so that no label is tilted off the figure or runs into its neighbour.  The
    legend lists the axes in `group_names`' order, each name whole, under the plot.
    """
    names = dict(group_names or {})
    width = 40 if big else 60
    order = list(names)
    first_seen = list(dict.fromkeys(r.group for r in rows))
    groups = sorted(first_seen, key=lambda g: order.index(g) if g in order else len(order))
    # An Arabic label « P03 — العنوان » starts with Latin letters: left alone, the chart's left-to-right
    # text puts the code on the left; as one right-to-left run it reads code first, from the right.
    run = arabic_run if rtl else str
    labels = [run(short(r.label, width)) for r in rows]
    legend, legend_names, legend_px = legend_below([names.get(g, g) for g in groups], big, rtl=rtl, columns=1)
    data = []
    for gi, g in enumerate(groups):
        mine = [(lab, r) for lab, r in zip(labels, rows, strict=True) if r.group == g]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": legend_names[gi],
                "y": [lab for lab, _ in mine],
                "x": [r.end - r.start + 1 for _, r in mine],
                "base": [r.start - 0.45 for _, r in mine],
                "width": 0.7,
                "marker": {
                    "color": PALETTE[order.index(g) % len(PALETTE) if g in order else gi % len(PALETTE)]
                },
                "customdata": [[r.start, r.end, money(r.cost, lang=lang), run(r.label)] for _, r in mine],
                "hovertemplate": "%{customdata[3]}<br>%{customdata[0]}–%{customdata[1]} · %{customdata[2]}<extra></extra>",
            }
        )
    # The whole period: the plan's years and any project that starts before or ends after them.  A bar
    # runs from 0.45 before its first year to 0.55 after its last: the frame leaves it room.
    first = min([years[0], *(r.start for r in rows)])
    last = max([years[-1], *(r.end for r in rows)])
    lo, hi = first - 0.5, last + 0.6
    ticks = list(range(first, last + 1))
    shapes, notes = [], []
    if len(years) > 3:
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": years[3] - 0.5,
                "x1": hi,
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
                "xanchor": "right" if rtl else "left",
                "text": t("plan.chart.indicative", lang),
                "showarrow": False,
                "font": {"color": "#666666"},
            }
        )
    row = 40 if big else 24
    axis_px = 2 * font_size(big) + 24  # the years' two-line labels
    layout = layout_spec(
        big,
        rtl,
        max(300, 110 + row * len(rows) + axis_px + legend_px),
        t("plan.chart.gantt", lang),
        barmode="overlay",
        shapes=shapes,
        annotations=notes,
        legend=legend,
        margin={"t": 70, "b": axis_px + legend_px},
        yaxis={
            "categoryorder": "array",
            "categoryarray": labels,
            "autorange": "reversed",
            "automargin": True,
            "side": "right" if rtl else "left",
        },
        xaxis={
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [year_tick(years, y, lang) for y in ticks],
            "tickangle": 0,
            "range": [hi, lo] if rtl else [lo, hi],
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
    # A long list (the funders, across the page) in two columns; a short one (axes, statuses: charts
    # that may stand in half a page) in one, so that no name runs into its neighbour.
    legend, legend_names, legend_px = legend_below(
        [names.get(k, k) for k in keys], big, rtl=rtl, columns=2 if len(keys) > 6 else 1
    )
    data: list[dict[str, Any]] = []
    for i, k in enumerate(keys):
        ys = [series[k].get(y, 0.0) for y in years]
        colour = (colours or {}).get(k) or (STATUS_COLOURS[GAP] if k == GAP else PALETTE[i % len(PALETTE)])
        data.append(
            {
                "type": "bar",
                "x": xs,
                "y": [a / 1e6 for a in ys],
                "name": legend_names[i],
                "marker": {"color": colour, "pattern": {"shape": "/" if k == GAP else ""}},
                "customdata": [money(a, lang=lang) for a in ys],
                "hovertemplate": "%{x} · "
                + names.get(k, k).replace("%", "%%")
                + " : %{customdata}<extra></extra>",
            }
        )
    totals = [sum(series[k].get(y, 0.0) for k in keys) for y in years]
    top = max(totals + [0.0]) / 1e6 or 1.0
    data.append(
        {
            "type": "scatter",
            "x": xs,
            "y": [a / 1e6 + top * 0.015 for a in totals],  # a little above the bar, clear of its edge
            "mode": "text",
            "text": [total_text(a, lang, big) if a else "" for a in totals],
            "textposition": "top center",
            "showlegend": False,
            "hoverinfo": "skip",
            "cliponaxis": False,
        }
    )
    layout = layout_spec(
        big,
        rtl,
        (480 if big else 340) + legend_px,
        title,
        barmode="stack",
        legend=legend,
        margin={"b": 40 + legend_px},
        yaxis={
            "title": {"text": MILLIONS.get(lang, MILLIONS["fr"])},
            # Room above the tallest bar for its total (two lines in Arabic).
            "range": [0, top * (1.22 if lang == "ar" else 1.12)],
            "autorange": False,
            "gridcolor": GRID,
        },
    )
    layout["separators"] = SEPARATORS.get(lang, SEPARATORS["fr"])
    return figure(data, layout)


def total_text(amount: float, lang: str, big: bool = False) -> str:
    """A bar's total in MDH: « 27,9 MDH »; in Arabic the number over the unit (« 27,9 » then, a little
    smaller, « مليون درهم »), so that it reads number first and stays about as narrow as the bar."""
    if lang == "ar":
        unit = f'<span style="font-size:{font_size(big) - 3}px">{MILLIONS["ar"]}</span>'
        return f"{number(amount / 1e6, 1, lang)}<br>{unit}"
    return mdh(amount, 1, lang=lang)


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
                # Arabic: the number and its unit as one right-to-left run, number first for the reader.
                "prefix": RLI if lang == "ar" else "",
                "suffix": " " + MILLIONS.get(lang, MILLIONS["fr"]) + (PDI if lang == "ar" else ""),
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
