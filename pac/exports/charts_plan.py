"""Charts of the triennial plan and of its monitoring (plotly figures from plain data).

The pages « Plan triennal » and « Suivi-évaluation » show them and the PAC and M&E documents export
the same figures (kaleido).  Everything is offline: plotly's JavaScript ships with Streamlit.
Amounts are drawn in millions of dirhams (MDH), as the room reads them; hovers give the dirhams.

Figures are written as plain plotly specs (dicts) and wrapped without plotly's per-property
validation: building them with graph objects cost 50–80 ms each, too much for a page that reruns
on every click.  The tests validate every figure in full instead (tests/test_triennial_charts.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from pac.domain.fmt import mdh, money, number
from pac.domain.plan import GAP, YearBalance
from pac.i18n import t

PALETTE = (
    "#1f6f8b",
    "#e0a526",
    "#6a994e",
    "#c2185b",
    "#7b2cbf",
    "#8d6e63",
    "#455a64",
    "#2a9d8f",
    "#e76f51",
    "#264653",
    "#9c6644",
    "#5e60ce",
)
STATUS_COLOURS = {"secured": "#2e7d32", "negotiation": "#f0a500", "to_find": "#c62828", GAP: "#9e9e9e"}
OK_COLOUR, OVER_COLOUR, INDICATIVE_COLOUR = "#2e7d32", "#c62828", "#7fa7b5"
COMMUNE_COLOUR = "#1f6f8b"
GRID = "#dddddd"


def _size(big: bool) -> int:
    return 22 if big else 14


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    return go.Figure(data=data, layout=layout, _validate=False)


def _layout(big: bool, rtl: bool, height: int, title: str = "", **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 50 if title else 20, "b": 30},
        "font": {"size": _size(big)},
        "legend": {"orientation": "h", "y": -0.12, "x": 0},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "separators": ", ",  # French: decimal comma, space between thousands
        "xaxis": {"autorange": "reversed"} if rtl else {},
        "yaxis": {},
    }
    if title:
        layout["title"] = {"text": title}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


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
    labels = [_short(r.label, width) for r in rows]
    data = []
    for gi, g in enumerate(groups):
        mine = [(lab, r) for lab, r in zip(labels, rows, strict=True) if r.group == g]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": _short(names.get(g, g), 48),
                "y": [lab for lab, _ in mine],
                "x": [r.end - r.start + 1 for _, r in mine],
                "base": [r.start - 0.45 for _, r in mine],
                "width": 0.7,
                "marker": {"color": PALETTE[gi % len(PALETTE)]},
                "customdata": [[r.start, r.end, money(r.cost), r.label] for _, r in mine],
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
    layout = _layout(
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
    return _figure(data, layout)


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
                "name": _short(names.get(k, k), 40),
                "marker": {"color": colour, "pattern": {"shape": "/" if k == GAP else ""}},
                "customdata": [money(a) for a in ys],
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
            "text": [mdh(a, 1) if a else "" for a in totals],
            "textposition": "top center",
            "showlegend": False,
            "hoverinfo": "skip",
            "cliponaxis": False,
        }
    )
    extra: dict[str, Any] = {}
    if len(keys) > 4:  # many funders: a legend column beside the bars keeps them readable
        extra["legend"] = {"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top", "traceorder": "reversed"}
    layout = _layout(
        big,
        rtl,
        520 if big else 380,
        title,
        barmode="stack",
        yaxis={"title": {"text": "MDH"}, "rangemode": "tozero", "gridcolor": GRID},
        **extra,
    )
    return _figure(data, layout)


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
                "suffix": " MDH",
                "valueformat": ".2f",
                "font": {"size": 26 if big else 18, "color": colour},
            },
            "title": {"text": title, "font": {"size": _size(big)}},
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
        "font": {"size": _size(big)},
        "paper_bgcolor": "white",
        "separators": ", ",
    }
    return _figure(data, layout)


# --------------------------------------------------------------------------- monitoring


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
            "text": [number(actuals[y], 1 if actuals[y] % 1 else 0) for y in measured],
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
    layout = _layout(
        big,
        rtl,
        480 if big else 340,
        _short(title, 90),
        barmode="group",
        yaxis={"title": {"text": unit}, "rangemode": "tozero", "gridcolor": GRID},
        xaxis={"tickmode": "array", "tickvals": ticks, "ticktext": [str(y) for y in ticks]},
    )
    return _figure(data, layout)


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
    labels = [_short(r.label, width) for r in rows]
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
    layout = _layout(
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
    return _figure(data, layout)
