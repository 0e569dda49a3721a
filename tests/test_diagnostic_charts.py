"""Charts of the diagnostic (shared by the page and the documents): what they draw, and a PNG for a PDF."""

from __future__ import annotations

import pandas as pd
import pytest

from pac.domain import diagnostic as d
from pac.domain.finance import YearFigures
from pac.exports import charts_diagnostic as charts
from pac.i18n import t

YEARS = [
    YearFigures(2021, 1_000_000, 7_000_000, 300_000, 6_000_000, 400_000),
    YearFigures(2022, 1_100_000, 7_200_000, 300_000, 6_100_000, 400_000, is_forecast=True),
]


def test_finance_chart_stacks_revenues_and_draws_capacity_on_year_labels() -> None:
    fig = charts.finances(d.finance_table(YEARS))
    names = [t.name for t in fig.data]
    assert names == [
        "Recettes propres",
        "Part de la TVA",
        "Autres transferts",
        "Dépenses de fonctionnement",
        "Capacité d'investissement",
    ]
    assert list(fig.data[0].x) == ["2021", "2022 (p)"] and fig.layout.xaxis.type == "category"
    assert list(fig.data[-1].y) == pytest.approx([1.9, 2.1])  # MDH
    assert fig.layout.barmode == "stack"
    assert charts.finances(d.finance_table([]), "ar").data == ()


def test_access_chart_shows_percentages_by_sex_and_ignores_other_units() -> None:
    figures = pd.DataFrame(
        [
            {"label": "Eau", "sex": "all", "value": 58.0, "unit": "%"},
            {"label": "Collège", "sex": "f", "value": 38.0, "unit": "%"},
            {"label": "Collège", "sex": "m", "value": 57.0, "unit": "%"},
            {"label": "Pistes", "sex": "all", "value": 62.0, "unit": "km"},
            {"label": "Santé", "sex": "all", "value": None, "unit": "%"},
        ]
    )
    fig = charts.access_rates(figures)
    assert [t.name for t in fig.data] == ["Ensemble", "Femmes", "Hommes"]
    assert list(fig.data[0].y) == ["Eau"] and list(fig.data[1].x) == [38.0]


def test_summary_charts_name_sectors_and_the_transversal_ones() -> None:
    by_kind = pd.DataFrame(
        [
            {
                "sector_code": "water",
                "asset": 0,
                "constraint": 2,
                "need": 1,
                "potential": 0,
                "risk": 0,
                "total": 3,
            },
            {
                "sector_code": "",
                "asset": 0,
                "constraint": 0,
                "need": 0,
                "potential": 0,
                "risk": 1,
                "total": 1,
            },
        ]
    )
    fig = charts.findings_by_sector(by_kind, {"water": "Eau potable"})
    assert list(fig.data[0].y) == ["Eau potable", "Transversal (sans secteur)"]
    assert [t.name for t in fig.data] == ["Atout", "Contrainte", "Besoin", "Potentialité", "Risque"]
    women = pd.DataFrame(
        [
            {
                "sector_code": "water",
                "women": 2,
                "others": 1,
                "women_share": 1.0,
                "others_share": 0.5,
                "women_rank": 1,
                "others_rank": 1,
            }
        ]
    )
    fig = charts.women_versus_others(women, {"water": "Eau potable"})
    assert list(fig.data[0].x) == [100.0] and list(fig.data[1].x) == [50.0]


@pytest.mark.slow
def test_a_chart_renders_as_png_for_the_documents() -> None:
    data = charts.png(charts.finances(d.finance_table(YEARS)), width=600, scale=1)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000


def test_douar_chart_names_the_douars_in_the_readers_language() -> None:
    frame = pd.DataFrame(
        {"name": ["Tagmout", "Aït Ali"], "name_ar": ["تاكموت", ""], "population": [320, 140]}
    )
    fig = charts.douar_population(frame, "ar")
    assert list(fig.data[0].y) == ["تاكموت", "Aït Ali"]  # no Arabic name: the French one, never a blank
    assert list(charts.douar_population(frame, "fr").data[0].y) == ["Tagmout", "Aït Ali"]
    assert fig.layout.title.text == t("diag.chart_douars", "ar", n=2)


def test_access_chart_writes_values_at_a_readable_size_and_gives_a_lone_rate_the_whole_row() -> None:
    figures = pd.DataFrame(
        [
            {"label": "Eau", "sex": "all", "value": 58.0, "unit": "%"},
            {"label": "Collège", "sex": "f", "value": 38.0, "unit": "%"},
            {"label": "Collège", "sex": "m", "value": 57.0, "unit": "%"},
        ]
    )
    fig = charts.access_rates(figures)
    everyone, women, men = fig.data
    for bar in fig.data:
        assert bar.textfont.size == 13 and bar.constraintext == "none"  # not shrunk to the bar's thickness
    assert fig.layout.barmode == "overlay"
    assert everyone.width[0] == pytest.approx(2 * women.width[0])  # no empty slots for the sexes it lacks
    assert women.offset[0] + women.width[0] <= men.offset[0]  # side by side, women first
    assert fig.layout.title.text == t("diag.chart_access", "fr")
    assert charts.access_rates(figures, title="").layout.title.text == ""  # a document's caption says it
    ar = charts.access_rates(figures, "ar")
    assert ar.layout.title.text == "\u2067" + t("diag.chart_access", "ar") + "\u2069"
    assert ar.layout.title.xanchor == "right"


def test_every_douar_of_the_chart_is_named_even_in_large_type() -> None:
    """On the wall (larger type) plotly skipped every other douar's name: each bar carries its name, and the
    chart grows with the number of bars."""
    frame = pd.DataFrame(
        {"name": [f"Douar {i}" for i in range(15)], "name_ar": [""] * 15, "population": range(100, 1600, 100)}
    )
    fig = charts.douar_population(frame, "fr")
    assert list(fig.layout.yaxis.tickvals) == list(fig.data[0].y) and len(fig.layout.yaxis.tickvals) == 15
    assert fig.layout.height >= 15 * 24
