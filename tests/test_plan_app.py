"""Page « Plan triennal » driven with AppTest on a seeded commune: priorities, schedule, funding, what-if."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pac.services import plan as plan_service
from tests.apptest_utils import APP, facilitator
from tests.seeded_commune import by_label, call, serve_seeded_commune, submit
from tests.seeded_commune import open_view as open_page_view


@pytest.fixture
def seeded_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, int]]:
    """A database file with one commune (8 projects, 6 retained), DATABASE_URL pointing at it."""
    yield from serve_seeded_commune(tmp_path, monkeypatch, indicators=8)


def board(url: str, pid: int) -> plan_service.TriennialBoard:
    return call(url, plan_service.load_board, pid)


def open_view(url: str, cid: int, pid: int, view: str) -> AppTest:
    return open_page_view(url, cid, "pages/plan.py", f"_plan_view_{pid}", view)


def test_page_shows_summary_and_every_view(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    for view in ("priorities", "project", "budget", "charts", "table"):
        at = open_view(url, cid, pid, view)
        assert not at.error, [e.value for e in at.error]
        assert at.title[0].value == "Plan triennal"
        assert {m.label for m in at.metric} >= {"Projets retenus / total", "Part communale A1–A3 (MDH)"}
    table = open_view(url, cid, pid, "table").dataframe[0].value
    assert (
        list(table["Code"])
        == [p.code for p in sorted(board(url, pid).retained, key=lambda p: p.code)][: len(table)]
    )


def test_priorities_retain_and_override_with_reason(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "priorities")
    key = f"plan_prio_{pid}_0"
    # No empty number cell, which the grid shows as « None » (issue 10, item 14): blanks are empty text.
    shown = at.data_editor[0].value
    for col in ("vote_rank", "vote_score", "priority_override", "priority_override_reason"):
        assert not shown[col].isna().any(), col
    # P01 (first row) taken out of the plan; P07 (seventh row) retained and moved to rank 1 with its reason.
    at.session_state[key] = {
        "edited_rows": {
            0: {"in_plan": False},
            6: {
                "in_plan": True,
                "priority_override": 1,
                "priority_override_reason": "Demande unanime des femmes",
            },
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    submit(at, "Enregistrer les priorités")
    assert not at.error, [e.value for e in at.error]
    assert "Priorités enregistrées (2 projets modifiés)." in [s.value for s in at.success]
    b = board(url, pid)
    assert [p.code for p in b.projects][:3] == [
        "P07",
        "P01",
        "P02",
    ]  # ranks cover every project, retained or not
    assert not b.project(next(p.id for p in b.projects if p.code == "P01")).in_plan
    p07 = b.projects[0]
    assert p07.in_plan and p07.priority == 1 and p07.priority_override_reason == "Demande unanime des femmes"


def test_schedule_form_saves_years_and_costs_and_refuses_bad_ones(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "project")
    p = board(url, pid).retained[0]
    assert at.selectbox(key=f"plan_pick_{pid}").value == p.id
    funded_year = p.budget.fundings[0].year

    def fill(start: int, end: int, costs: dict[int, float]) -> None:
        by_label(at.selectbox, "Début").set_value(start)
        by_label(at.selectbox, "Fin").set_value(end)
        for y in range(2027, 2033):
            # typed the French way, with thousands separators
            amount = costs.get(y, 0)
            by_label(at.text_input, f"{y} (A{y - 2026}) — DH").input(
                f"{amount:,.0f}".replace(",", " ") if amount else ""
            )

    # more money in each year, one more year: saved, and the total follows
    new_costs = {y: a + 100_000 for y, a in p.budget.costs.items()}
    new_costs[p.end_year + 1] = 250_000
    fill(p.start_year, p.end_year + 1, new_costs)
    submit(at, "Enregistrer la programmation")
    assert not at.error, [e.value for e in at.error]
    assert f"Programmation du projet {p.code} enregistrée." in [x.value for x in at.success]
    saved = board(url, pid).project(p.id)
    assert (saved.start_year, saved.end_year, dict(saved.budget.costs)) == (
        p.start_year,
        p.end_year + 1,
        new_costs,
    )
    assert saved.estimated_cost == sum(new_costs.values())
    # a cost in a year outside the execution years is refused, naming the field
    fill(p.start_year, p.end_year + 1, {**new_costs, 2032: 10_000})
    submit(at, "Enregistrer la programmation")
    assert at.error and "Coût 2032 (DH)" in at.error[0].value
    # a year's cost below its funding lines is refused too; nothing changed
    fill(p.start_year, p.end_year + 1, {**new_costs, funded_year: 1})
    submit(at, "Enregistrer la programmation")
    assert at.error and "réduisez d'abord les financements" in at.error[0].value
    assert dict(board(url, pid).project(p.id).budget.costs) == new_costs


def test_a_negative_or_wrong_cost_is_refused_in_french_and_kept_as_typed(seeded_app) -> None:  # type: ignore[no-untyped-def]
    """Issue 10, items 4 and 10: a cost of −5000 got an English tooltip and a button that did nothing."""
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "project")
    p = board(url, pid).retained[0]
    label = f"{p.start_year} (A{p.start_year - 2026}) — DH"
    shown = by_label(at.text_input, label).value
    assert shown == f"{p.budget.costs[p.start_year]:,.0f}".replace(
        ",", "\u202f"
    )  # « 6 500 000 », not 6500000
    for typed, words in (("-5000", "supérieure ou égale à 0"), ("cinq mille", "n'est pas un nombre")):
        by_label(at.text_input, label).input(typed)
        submit(at, "Enregistrer la programmation")
        assert at.error and f"Coût {p.start_year} (DH)" in at.error[0].value and words in at.error[0].value
        assert by_label(at.text_input, label).value == typed  # kept as typed
        assert board(url, pid).project(p.id).budget.costs == p.budget.costs  # nothing saved


def test_changing_the_end_year_alone_spreads_the_cost_over_the_new_years(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "project")
    p = next(x for x in board(url, pid).retained if x.start_year == x.end_year and x.end_year < 2029)
    call(url, plan_service.save_fundings, p.id, [])  # no funding line pins the cost to its year
    at = open_view(url, cid, pid, "project")
    at.selectbox(key=f"plan_pick_{pid}").set_value(p.id).run()
    total = sum(p.budget.costs.values())
    by_label(at.selectbox, "Fin").set_value(p.start_year + 1)
    submit(at, "Enregistrer la programmation")
    assert not at.error, [e.value for e in at.error]
    saved = board(url, pid).project(p.id)
    assert saved.end_year == p.start_year + 1
    assert dict(saved.budget.costs) == {
        p.start_year: round(total / 2),
        p.start_year + 1: total - round(total / 2),
    }


def test_a_funding_line_negative_or_with_only_a_partner_is_refused_not_fixed_nor_dropped(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "project")
    p = board(url, pid).retained[0]
    year = min(p.budget.costs)
    at.session_state[f"plan_fund_{p.id}_0"] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [
            {"partner": "La commune", "year": year, "amount": -100000, "status": "Acquis"},
            {"partner": "Fonds de développement rural (FDR)"},
        ],
    }
    submit(at, "Enregistrer les financements")
    errors = " ".join(e.value for e in at.error)
    assert "Montant (DH)" in errors and "supérieure ou égale à 0" in errors
    assert "Année" in errors and "obligatoire" in errors
    assert not at.success
    assert board(url, pid).project(p.id).budget.fundings == p.budget.fundings


def test_funding_editor_adds_a_line_and_refuses_funding_above_the_cost(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "project")
    p = board(url, pid).retained[0]
    year = min(p.budget.costs)
    gap = p.budget.gap_in(year)
    assert gap > 0
    key = f"plan_fund_{p.id}_0"
    at.session_state[key] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [
            {
                "partner": "Fonds de développement rural (FDR)",
                "year": year,
                "amount": gap,
                "status": "À rechercher",
            }
        ],
    }
    submit(at, "Enregistrer les financements")
    assert not at.error, [e.value for e in at.error]
    assert f"Financements du projet {p.code} enregistrés." in [x.value for x in at.success]
    after = board(url, pid).project(p.id).budget
    assert after.gap_in(year) == 0
    assert ("FDR", year, gap, "to_find") in [
        (f.partner_code, f.year, f.amount, f.status) for f in after.fundings
    ]
    # one dirham more than the cost: refused, nothing changed
    at = open_view(url, cid, pid, "project")
    at.session_state[f"plan_fund_{p.id}_1"] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [{"partner": "La commune", "year": year, "amount": 1000, "status": "Acquis"}],
    }
    at.session_state[f"_v_plan_fund_{p.id}"] = 1
    submit(at, "Enregistrer les financements")
    assert at.error and "un financement ne peut pas dépasser le coût" in at.error[0].value
    assert board(url, pid).project(p.id).budget.fundings == after.fundings


def test_what_if_shows_the_effect_and_writes_only_when_applied(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "budget")
    p = next(x for x in board(url, pid).retained if x.start_year == 2027 and x.end_year <= 2029)
    at.selectbox(key=f"plan_whatif_pick_{pid}").set_value(p.id).run()
    at.selectbox(key=f"plan_whatif_year_{pid}_{p.id}").set_value(2030).run()
    at.button(key="plan_whatif_move").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    table = at.dataframe[0].value
    assert "Part après simulation" in table.columns
    assert any(p.code in m.value and "2030" in m.value for m in at.markdown)
    assert board(url, pid).project(p.id).start_year == 2027  # nothing written yet
    at.button(key="plan_whatif_apply").click().run()
    assert not at.error, [e.value for e in at.error]
    moved = board(url, pid).project(p.id)
    assert moved.start_year == 2030 and min(moved.budget.costs) == 2030
    assert all(f.year >= 2030 for f in moved.budget.fundings)
    assert "1 projet reprogrammé dans le plan." in [s.value for s in at.success]


def test_what_if_refuses_a_move_out_of_the_plan(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "budget")
    p = next(x for x in board(url, pid).retained if x.end_year > x.start_year)
    at.selectbox(key=f"plan_whatif_pick_{pid}").set_value(p.id).run()
    at.selectbox(key=f"plan_whatif_year_{pid}_{p.id}").set_value(2032).run()
    at.button(key="plan_whatif_move").click().run()
    assert at.error and "hors du plan 2027–2032" in at.error[0].value
    assert "Part après simulation" not in at.dataframe[0].value.columns


def test_page_in_arabic_and_in_projection(seeded_app) -> None:  # type: ignore[no-untyped-def]
    from pac.ui.kit import state

    url, cid, pid = seeded_app
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[state.USER] = facilitator(url)
    at.session_state[state.COMMUNE] = cid
    at.session_state[state.LANG] = (
        "ar"  # before the first run: the sidebar's language switch starts in Arabic
    )
    at.session_state[state.PROJECTION] = True
    at.switch_page("pages/plan.py").run()
    for view in ("priorities", "project", "budget", "charts", "table"):
        at.segmented_control(key=f"_plan_view_{pid}").set_value(view).run()
        assert not at.exception, (view, [e.value for e in at.exception])
    from pac.i18n import t

    assert at.title[0].value == t("nav.plan", "ar")
    # no French left in the interface's own texts on the wall in Arabic (the seeded titles are French: isolated)
    import re

    french = re.compile(r"(?<![\w/.:-])(?=[A-Za-zÀ-ÿ]*[a-zà-ÿ])[A-Za-zÀ-ÿ']{4,}(?![\w/.:-])")
    texts = [e.value for kind in ("markdown", "caption", "warning", "info") for e in at.get(kind)]
    texts += [m.label for m in at.metric]
    texts = [re.sub("\u2068[^\u2069]*\u2069", "", x) for x in texts]
    assert [x for x in texts if french.findall(x)] == []


def test_years_without_figures_say_they_are_checked_against_the_mean_of_past_years(seeded_app) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: a plan whose years have no figures is not checked against an average without a word."""
    url, cid, pid = seeded_app
    b = board(url, pid)
    averaged = [y for y in b.years if b.capacities[y].basis == "average"]
    at = open_view(url, cid, pid, "budget")
    warnings = [w.value for w in at.warning if "moyenne des exercices" in w.value]
    assert averaged, "the seeded commune has plan years without figures"
    assert len(warnings) == 1
    past = b.capacities[averaged[0]].averaged
    assert past and all(str(y) in warnings[0] for y in (*averaged, *past))


def test_in_arabic_titles_fall_back_marked_and_amounts_are_grouped_the_arabic_way(seeded_app) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: the seeded projects have French titles only; in the Arabic interface each is shown marked
    « (بالفرنسية) », isolated; amounts are typed and shown as ar_MA writes them (1.200.000) and read back."""
    from pac.ui.kit import state

    url, cid, pid = seeded_app
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[state.USER] = facilitator(url)
    at.session_state[state.COMMUNE] = cid
    at.session_state[state.LANG] = "ar"
    at.run()
    at.switch_page("pages/plan.py").run()
    at.segmented_control(key=f"_plan_view_{pid}").set_value("project").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    options = [str(o) for o in at.selectbox(key=f"plan_pick_{pid}").options]
    assert options and all("(بالفرنسية)" in o and "\u2068" in o for o in options)
    p = board(url, pid).retained[0]
    y = p.start_year
    box = at.text_input(key=f"plan_cost_{p.id}_{y}")
    assert "." in box.value and " " not in box.value  # e.g. 1.250.000, not 1 250 000
    box.input("1.300.000")
    submit(at, "حفظ البرمجة")
    assert not at.error, [e.value for e in at.error]
    assert board(url, pid).project(p.id).budget.costs[y] == 1_300_000
