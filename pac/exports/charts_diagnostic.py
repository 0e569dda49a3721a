"""Charts of the diagnostic, shared by the page (st.plotly_chart) and the documents (kaleido → PNG).

Each function takes the plain tables the services return and gives a plotly Figure;
labels come from the translation table so that the same chart exists in French and
Arabic.  `png(fig)` renders a figure for a PDF or Word export.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from pac.domain import fmt, vocab
from pac.i18n import t
from pac.i18n import vocab as label

KIND_COLOURS = {
    "asset": "#2e7d32",
    "constraint": "#c62828",
    "need": "#ef6c00",
    "potential": "#1565c0",
    "risk": "#6a1b9a",
}
SEX_COLOURS = {"all": "#546e7a", "f": "#ad1457", "m": "#1565c0"}
REVENUE_COLOURS = {"own_revenues": "#26a69a", "vat_share": "#42a5f5", "other_transfers": "#9575cd"}
FONT = "DejaVu Sans, Arial, sans-serif"


def _layout(fig: go.Figure, height: int, lang: str, **extra: object) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 30, "t": 40, "b": 10},
        font={"family": FONT, "size": 13},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        plot_bgcolor="white",
        paper_bgcolor="white",
        **extra,
    )
    if lang == "ar":
        fig.update_layout(legend={"x": 1, "xanchor": "right"})
    fig.update_xaxes(gridcolor="#eeeeee")
    fig.update_yaxes(gridcolor="#eeeeee")
    return fig


def access_rates(
    figures: pd.DataFrame, lang: str = "fr", height: int | None = None, title: str | None = None
) -> go.Figure:
    """The percentages of the monograph, one bar per sex when known.  `figures`: label, sex, value, unit.

    A rate known for everyone has one full bar; one known by sex has a bar per sex, side by side in the
    same row (no empty slot is kept for the sexes a rate does not have), each with its value written at
    the chart's own size.  `title`: the chart's title (None: « Taux d'accès et de scolarisation (%) »;
    "" for none, when a document's caption already says it)."""
    known = figures[(figures["unit"] == "%")].dropna(subset=["value"])
    names = list(dict.fromkeys(known["label"]))
    present = {
        name: [
            s for s in ("all", "f", "m") if not known[(known["label"] == name) & (known["sex"] == s)].empty
        ]
        for name in names
    }
    fig = go.Figure()
    for sex in ("all", "f", "m"):
        part = known[known["sex"] == sex]
        if part.empty:
            continue
        slots = [present[name] for name in part["label"]]
        share = [0.76 / len(s) for s in slots]  # the row's bars fill 0.76 of it, whatever their number
        fig.add_bar(
            y=part["label"],
            x=part["value"],
            orientation="h",
            name=t(f"diag.sex.{sex}", lang),
            marker_color=SEX_COLOURS[sex],
            width=[w * 0.92 for w in share],
            offset=[-0.38 + (s.index(sex) + 0.04) * w for s, w in zip(slots, share, strict=True)],
            text=[f"{v:.0f} %" for v in part["value"]],
            textposition="outside",
            textfont={"size": 13},
            constraintext="none",
            cliponaxis=False,
        )
    fig.update_xaxes(range=[0, 115], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    text = t("diag.chart_access", lang) if title is None else title
    rtl = lang == "ar"
    return _layout(
        fig,
        height or max(240, 44 * len(names) + 100),
        lang,
        barmode="overlay",
        title={
            "text": f"\u2067{text}\u2069" if rtl and text else text,
            "x": 0.99 if rtl else 0.01,
            "xanchor": "right" if rtl else "left",
        },
    )


def douar_population(douars: pd.DataFrame, lang: str = "fr", top: int = 15, height: int = 320) -> go.Figure:
    """The most populated douars.  `douars`: name, population (and name_ar: the name an Arabic reader sees)."""
    known = douars.dropna(subset=["population"]).sort_values("population", ascending=False).head(top)
    names = known["name"]
    if lang == "ar" and "name_ar" in known:
        names = [
            ar if isinstance(ar, str) and ar.strip() else fr
            for fr, ar in zip(known["name"], known["name_ar"], strict=True)
        ]
    fig = go.Figure(
        go.Bar(
            x=known["population"],
            y=names,
            orientation="h",
            marker_color="#8d6e63",
            text=known["population"],
            textposition="outside",
            cliponaxis=False,
        )
    )
    # every douar named (plotly skips every other name when they crowd, as on the wall's larger type),
    # with room enough for each: a bar's line at least
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=list(names), ticktext=list(names))
    height = max(height, 90 + 24 * len(known))
    return _layout(fig, height, lang, title={"text": t("diag.chart_douars", lang, n=len(known)), "x": 0})


def finances(table: pd.DataFrame, lang: str = "fr", height: int = 380) -> go.Figure:
    """Revenues by origin (stacked bars), operating expenses and investment capacity (lines), in MDH.

    `table` is `pac.domain.diagnostic.finance_table`; forecast years are drawn lighter.
    """
    fig = go.Figure()
    if table.empty:
        return _layout(fig, height, lang)
    years = [str(y) + (" (p)" if f else "") for y, f in zip(table["year"], table["is_forecast"], strict=True)]
    opacity = [0.45 if f else 1.0 for f in table["is_forecast"]]
    for col, colour in REVENUE_COLOURS.items():
        fig.add_bar(
            x=years,
            y=table[col] / 1e6,
            name=t(f"diag.fin.{col}", lang),
            marker_color=colour,
            marker_opacity=opacity,
        )
    fig.add_scatter(
        x=years,
        y=table["operating_expenses"] / 1e6,
        name=t("diag.fin.operating_expenses", lang),
        mode="lines+markers",
        line={"color": "#e53935", "width": 3},
    )
    fig.add_scatter(
        x=years,
        y=table["investment_capacity"] / 1e6,
        name=t("diag.fin.investment_capacity", lang),
        mode="lines+markers+text",
        line={"color": "#212121", "width": 3, "dash": "dot"},
        text=[f"{v / 1e6:.2f}".replace(".", ",") for v in table["investment_capacity"]],
        textposition="top center",
    )
    fig.update_yaxes(title_text=fmt.MILLIONS.get(lang, "MDH"), zeroline=True, zerolinecolor="#9e9e9e")
    fig.update_xaxes(type="category")  # « 2024 (p) » beside « 2021 »: years are labels, not numbers
    return _layout(fig, height, lang, barmode="stack", title={"text": t("diag.chart_finances", lang), "x": 0})


def findings_by_sector(
    by_kind: pd.DataFrame, sectors: Mapping[str, str], lang: str = "fr", height: int | None = None
) -> go.Figure:
    """Number of findings per sector, stacked by kind.  `by_kind`: sector_code, one column per kind."""
    names = [sectors.get(c, c) if c else t("diag.no_sector", lang) for c in by_kind["sector_code"]]
    fig = go.Figure()
    for kind in vocab.FINDING_KINDS:
        if kind in by_kind.columns:
            fig.add_bar(
                y=names,
                x=by_kind[kind],
                orientation="h",
                name=label("finding_kinds", kind, lang),
                marker_color=KIND_COLOURS[kind],
            )
    fig.update_yaxes(autorange="reversed")
    return _layout(
        fig,
        height or max(260, 28 * len(names) + 90),
        lang,
        barmode="stack",
        title={"text": t("diag.chart_by_sector", lang), "x": 0},
    )


def women_versus_others(
    table: pd.DataFrame, sectors: Mapping[str, str], lang: str = "fr", height: int | None = None
) -> go.Figure:
    """Share of each group's findings per sector: women's groups against everyone else."""
    names = [sectors.get(c, c) if c else t("diag.no_sector", lang) for c in table["sector_code"]]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=table["women_share"] * 100,
        orientation="h",
        name=t("diag.women", lang),
        marker_color=SEX_COLOURS["f"],
        text=table["women"],
        textposition="outside",
    )
    fig.add_bar(
        y=names,
        x=table["others_share"] * 100,
        orientation="h",
        name=t("diag.others", lang),
        marker_color="#90a4ae",
        text=table["others"],
        textposition="outside",
    )
    fig.update_xaxes(ticksuffix=" %")
    fig.update_yaxes(autorange="reversed")
    return _layout(
        fig,
        height or max(260, 40 * len(names) + 90),
        lang,
        barmode="group",
        title={"text": t("diag.chart_women", lang), "x": 0},
    )


def png(fig: go.Figure, width: int = 900, scale: float = 2.0) -> bytes:
    """The figure as PNG bytes (kaleido, no browser download), for PDF and Word documents."""
    return fig.to_image(format="png", width=width, scale=scale)
