"""The plan's and the monitoring's figures: valid for plotly in full (they are built unvalidated, for speed),
and showing what the room must read."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from pac.domain import plan as b
from pac.domain.finance import CapacityEstimate
from pac.exports import charts_monitoring
from pac.exports import charts_plan as charts

YEARS = b.plan_years(2027)


def valid(fig: go.Figure) -> dict:
    """Rebuild the figure with plotly's validation on: a misspelt property raises here."""
    spec = fig.to_dict()
    go.Figure(spec)
    return spec


@pytest.mark.parametrize("rtl", [False, True])
@pytest.mark.parametrize("big", [False, True])
def test_gantt_one_bar_per_project_coloured_by_axis(big: bool, rtl: bool) -> None:
    rows = [
        charts.GanttRow(
            "P01 — Adduction d'eau potable de neuf douars de la fraction Aït Tala depuis le réseau",
            2027,
            2028,
            "A1",
            1_000_000,
        ),
        charts.GanttRow("P02 — Piste", 2029, 2029, "A2", 500_000),
        charts.GanttRow("P03 — Souk", 2030, 2032, "A1", 2_000_000),
    ]
    spec = valid(charts.gantt(rows, YEARS, {"A1": "A1 Eau", "A2": "A2 Pistes"}, lang="fr", big=big, rtl=rtl))
    assert [t["name"] for t in spec["data"]] == ["A1 Eau", "A2 Pistes"]
    a1 = spec["data"][0]
    assert list(a1["x"]) == [2, 3] and list(a1["base"]) == [2026.55, 2029.55]
    assert a1["y"][0].endswith("…")  # one line per project; the hover keeps the whole title
    assert "neuf douars de la fraction" in a1["customdata"][0][3]
    assert spec["layout"]["shapes"][0]["x0"] == 2029.5  # years 4–6 shaded as indicative
    assert spec["layout"]["annotations"][0]["text"] == "années indicatives"


def test_stacked_funders_put_the_gap_on_top_and_merge_small_funders() -> None:
    ps = [
        b.ProjectBudget(
            i, f"P{i}", 2027, 2027, {2027: 1_000_000}, (b.FundingLine(f"F{i}", 2027, 100_000 + i, "secured"),)
        )
        for i in range(12)
    ]
    series = b.totals_by(ps, YEARS, "partner")
    spec = valid(charts.stacked_years(series, YEARS, {f"F{i}": f"Financeur {i}" for i in range(12)}, "Coût"))
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert len(bars) == 10  # eight largest, "others", and the gap
    assert bars[-1]["name"] == b.GAP and bars[-1]["marker"]["pattern"]["shape"] == "/"
    assert bars[-2]["name"] == "Autres partenaires"
    assert sum(t["y"][0] for t in bars) == pytest.approx(12.0)  # MDH: 12 projects of 1 MDH, all accounted for
    assert spec["layout"]["separators"] == ", "


def test_capacity_gauges_show_share_capacity_and_the_what_if_change() -> None:
    caps = {y: CapacityEstimate(y, 1_000_000, "actual") for y in YEARS}
    now = b.balances(
        [
            b.ProjectBudget(
                1,
                "P1",
                2027,
                2027,
                {2027: 2_000_000},
                (b.FundingLine("COMMUNE", 2027, 1_500_000, "secured"),),
            )
        ],
        YEARS,
        caps,
    )
    after = b.balances(
        [
            b.ProjectBudget(
                1, "P1", 2028, 2028, {2028: 2_000_000}, (b.FundingLine("COMMUNE", 2028, 500_000, "secured"),)
            )
        ],
        YEARS,
        caps,
    )
    spec = valid(charts.capacity_gauges(now, YEARS))
    first = spec["data"][0]
    assert first["value"] == 1.5 and first["gauge"]["threshold"]["value"] == 1.0
    assert first["gauge"]["bar"]["color"] == charts.OVER_COLOUR
    assert spec["data"][1]["gauge"]["bar"]["color"] == charts.OK_COLOUR
    assert spec["data"][4]["gauge"]["bar"]["color"] == charts.INDICATIVE_COLOUR
    moved = valid(charts.capacity_gauges(after, YEARS, before=now, big=True))
    assert moved["data"][0]["delta"]["reference"] == 1.5 and "delta" in moved["data"][0]["mode"]


def test_target_versus_actual_and_progress_bars() -> None:
    spec = valid(
        charts_monitoring.target_vs_actual(
            YEARS,
            {2027: 20, 2029: 60},
            {2027: 18},
            title="Ménages raccordés",
            unit="ménages",
            baseline=0,
            baseline_year=2026,
            by_sex={"f": {2027: 8}, "m": {2027: 10}},
        )
    )
    names = [t["name"] for t in spec["data"]]
    assert names == ["Référence", "Mesuré", "Femme", "Homme", "Cible"]
    assert list(spec["data"][-1]["y"]) == [20, None, 60, None, None, None]
    bars = valid(
        charts_monitoring.progress_bars(
            [
                charts_monitoring.ProgressBar("P01 — Eau", 20, 50, True, False),
                charts_monitoring.ProgressBar("P02 — Piste", 60, 50, False, True),
            ],
            rtl=True,
        )
    )
    assert list(bars["data"][0]["marker"]["color"]) == [charts.OVER_COLOUR, "#f0a500"]
    assert list(bars["data"][1]["x"]) == [50, 50]


def _rows() -> list[charts.GanttRow]:
    return [
        charts.GanttRow("P01 — Eau", 2027, 2029, "A3", 1_000_000),
        charts.GanttRow("P02 — Piste", 2030, 2032, "A1", 500_000),  # runs to the plan's last year
        charts.GanttRow("P03 — Souk", 2028, 2028, "A2", 200_000),
    ]


def test_gantt_shows_the_whole_period_each_year_on_two_upright_lines() -> None:
    long_name = "A2 Direction provinciale de l'équipement (routes) et Initiative nationale pour le développement humain"
    names = {"A1": "A1 Eau", "A2": long_name, "A3": "A3 Santé"}
    spec = valid(charts.gantt(_rows(), YEARS, names))
    x = spec["layout"]["xaxis"]
    assert list(x["tickvals"]) == YEARS and x["tickangle"] == 0
    assert list(x["ticktext"]) == [f"A{i + 1}<br>{y}" for i, y in enumerate(YEARS)]  # « A6 » over « 2032 »
    last_bar_end = max(b + w for t in spec["data"] for b, w in zip(t["base"], t["x"], strict=True))
    assert x["range"][0] < YEARS[0] - 0.45 and x["range"][1] >= last_bar_end  # no bar runs into the frame
    assert spec["layout"]["shapes"][0]["x1"] == x["range"][1]  # the indicative years shaded to the end
    # The legend follows the axes' order (A1, A2, A3), names whole, under the plot.
    assert [t["name"].replace("<br>", " ") for t in spec["data"]] == ["A1 Eau", long_name, "A3 Santé"]
    assert "…" not in spec["data"][1]["name"]
    legend = spec["layout"]["legend"]
    assert legend["orientation"] == "h" and legend["yref"] == "container" and legend["y"] == 0


def test_gantt_in_arabic_labels_years_on_two_lines_and_widens_for_a_project_beyond_the_plan() -> None:
    rows = [*_rows(), charts.GanttRow("P04 — سوق", 2032, 2033, "A1", 100_000)]
    spec = valid(charts.gantt(rows, YEARS, {"A1": "A1 الماء"}, lang="ar", rtl=True))
    x = spec["layout"]["xaxis"]
    assert x["ticktext"][0] == "س1<br>2027" and "·" not in "".join(x["ticktext"])
    assert x["tickvals"][-1] == 2033 and x["range"][0] >= 2033.55  # right to left: the last year on the left
    assert spec["layout"]["legend"]["xanchor"] == "right"


def test_stacked_totals_read_number_then_unit_in_both_languages_and_the_legend_keeps_whole_names() -> None:
    series = {
        "INDH": {2027: 27_900_000, 2028: 1_000_000},
        "DPE": {2027: 1_000_000},
    }
    names = {
        "INDH": "Initiative nationale pour le développement humain (INDH)",
        "DPE": "Direction provinciale de l'équipement (routes)",
    }
    fr = valid(charts.stacked_years(series, YEARS, names, "Coût"))
    assert fr["data"][-1]["text"][0] == "28,9 MDH"
    assert [t["name"].replace("<br>", " ") for t in fr["data"][:2]] == list(names.values())
    assert fr["layout"]["legend"]["yref"] == "container"  # under the plot: the bars keep the width
    ar = valid(charts.stacked_years(series, YEARS, names, "الكلفة", lang="ar", rtl=True))
    first = ar["data"][-1]["text"][0]
    number, unit = first.split("<br>")
    assert number == "28,9" and unit.endswith(">مليون درهم</span>")  # the number, then under it the unit
    assert ar["layout"]["yaxis"]["range"][1] > 28.9 * 1.2  # room above the tallest bar for two lines


def test_gauge_numbers_in_arabic_are_one_right_to_left_run() -> None:
    caps = {y: CapacityEstimate(y, 1_000_000, "actual") for y in YEARS}
    bal = b.balances(
        [
            b.ProjectBudget(
                1, "P1", 2027, 2027, {2027: 1_000_000}, (b.FundingLine("COMMUNE", 2027, 500_000, "secured"),)
            )
        ],
        YEARS,
        caps,
    )
    ar = valid(charts.capacity_gauges(bal, YEARS, lang="ar"))["data"][0]["number"]
    assert ar["prefix"] == "\u2067" and ar["suffix"] == " مليون درهم\u2069"
    fr = valid(charts.capacity_gauges(bal, YEARS))["data"][0]["number"]
    assert fr["prefix"] == "" and fr["suffix"] == " MDH"


def test_gantt_labels_and_legend_read_code_first_from_the_right_in_arabic() -> None:
    """« P04 — سوق » starts with Latin letters: drawn as it is, the chart's left-to-right text would put the
    code on the left of the Arabic title.  In Arabic every label, hover and legend line is one right-to-left
    run (RLI … PDI), code first from the right; the title sits on the right; French is left as it is."""
    rows = [charts.GanttRow("P04 — سوق أسبوعي", 2027, 2028, "A1", 100_000)]
    spec = valid(charts.gantt(rows, YEARS, {"A1": "A1 الماء"}, lang="ar", rtl=True))
    trace = spec["data"][0]
    assert list(trace["y"]) == ["\u2067P04 — سوق أسبوعي\u2069"]
    assert spec["layout"]["yaxis"]["categoryarray"] == ["\u2067P04 — سوق أسبوعي\u2069"]
    assert trace["customdata"][0][3] == "\u2067P04 — سوق أسبوعي\u2069"
    assert trace["name"] == "\u2067A1 الماء\u2069"
    assert spec["layout"]["title"]["xanchor"] == "right"
    fr = valid(charts.gantt(_rows(), YEARS, {"A3": "A3 Eau"}, lang="fr"))
    assert fr["data"][0]["y"][0] == "P01 — Eau" and fr["data"][0]["name"] == "A3 Eau"
    assert "\u2067" not in str(fr)
