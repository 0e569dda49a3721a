"""The « Diagnostic » page driven with AppTest on a copy of the demo: forms, import, drafts kept across pages."""

from __future__ import annotations

from pathlib import Path

from pac.db import Database
from pac.services import diagnostic
from pac.ui.kit import state
from tests.apptest_utils import logged_in_app

PAGE = "pages/diagnostic.py"


def _count(app_env: Path, commune_id: int) -> int:
    db = Database(f"sqlite:///{app_env}")
    try:
        return diagnostic.count_findings(db, commune_id)
    finally:
        db.dispose()


def _open(app_env: Path, commune_id: int, tab: str | None = None):  # type: ignore[no-untyped-def]
    at = logged_in_app(f"sqlite:///{app_env}", PAGE, commune_id=commune_id)
    if tab:
        at.session_state["diag__tabs"] = tab
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_add_a_finding_then_a_refused_one(app_env: Path, demo_commune_id: int) -> None:
    before = _count(app_env, demo_commune_id)
    at = _open(app_env, demo_commune_id)
    at.selectbox(key="diag_new_finding_kind_w").set_value("need")
    at.selectbox(key="diag_new_finding_voice_w").set_value("youth")
    at.text_area(key="diag_new_finding_text_bi_fr").input("Un terrain de sport pour les jeunes du centre")
    at.button(key="diag_new_finding_submit").click()
    at.run()
    assert not at.exception
    assert _count(app_env, demo_commune_id) == before + 1
    assert any("ajouté" in s.value for s in at.success)
    assert at.text_area(key="diag_new_finding_text_bi_fr").value == ""  # ready for the next one
    assert at.selectbox(key="diag_new_finding_kind_w").value == "need"  # the kind stays chosen
    added = diagnostic.list_findings(Database(f"sqlite:///{app_env}"), demo_commune_id)[-1]
    assert (added.kind, added.raised_by) == ("need", "youth")

    at.text_area(key="diag_new_finding_text_bi_fr").input("<script>alert('x')</script>")
    at.button(key="diag_new_finding_submit").click()
    at.run()
    assert any("Constat" in e.value and "balises HTML" in e.value for e in at.error)
    assert _count(app_env, demo_commune_id) == before + 1


def test_typed_text_and_open_tab_survive_a_page_switch(app_env: Path, demo_commune_id: int) -> None:
    at = _open(app_env, demo_commune_id)
    at.text_area(key="diag_new_finding_text_bi_fr").input("Brouillon pas encore enregistré")
    at.run()
    at.switch_page("pages/swot.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert at.text_area(key="diag_new_finding_text_bi_fr").value == "Brouillon pas encore enregistré"
    at.session_state["diag__tabs"] = "Finances"
    at.run()
    at.switch_page("pages/home.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert at.session_state["diag__tabs"] == "Finances"
    assert any("Capacité d'investissement attendue" in m.value for m in at.markdown)


def test_import_checks_every_row_then_imports_all(app_env: Path, demo_commune_id: int) -> None:
    before = _count(app_env, demo_commune_id)
    at = _open(app_env, demo_commune_id, "Importer un fichier")
    assert any("Choisissez un fichier" in i.value for i in at.info)  # the empty state says what to do
    bad = "Constat;Type;Source\nPistes coupées;Contrainte;Monographie\nSouk actif;Opinion;Monographie\n"
    at.session_state["_keep_diag_import_file"] = ("constats.csv", bad.encode("utf-8"))
    at.run()
    assert any("Ligne 3" in e.value and "Opinion" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == "diag_import_go"]
    good = bad.replace("Opinion", "Atout")
    at.session_state["_keep_diag_import_file"] = ("constats.csv", good.encode("utf-8"))
    at.run()
    assert any("2 constats du fichier sont valides" in s.value for s in at.success)
    at.button(key="diag_import_go").click()
    at.run()
    assert _count(app_env, demo_commune_id) == before + 2
    assert any("2 constats importés" in s.value for s in at.success)


def test_population_is_saved_when_typed_and_refused_when_it_does_not_add_up(
    app_env: Path, demo_commune_id: int
) -> None:
    at = _open(app_env, demo_commune_id, "Chiffres clés")
    key = f"diag_pop_{demo_commune_id}_households"
    at.number_input(key=key).set_value(1500)
    at.run()
    assert diagnostic.population(Database(f"sqlite:///{app_env}"), demo_commune_id).households == 1500
    women = at.number_input(key=f"diag_pop_{demo_commune_id}_population_women")
    women.set_value(int(women.value) + 10)
    at.run()
    assert any("ne font pas la population totale" in e.value for e in at.error)
    assert (
        diagnostic.population(Database(f"sqlite:///{app_env}"), demo_commune_id).population_women
        == women.value - 10
    )


def test_every_tab_runs_in_french_and_arabic(app_env: Path, demo_commune_id: int) -> None:
    for lang, tabs in (
        ("fr", ["Constats", "Importer un fichier", "Chiffres clés", "Finances", "Synthèse"]),
        ("ar", ["الملاحظات", "استيراد ملف", "أرقام أساسية", "المالية", "خلاصة"]),
    ):
        at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
        at.session_state[state.LANG] = lang
        at.switch_page(PAGE)
        at.run()
        for tab in tabs:
            at.session_state["diag__tabs"] = tab
            at.run()
            assert not at.exception, (lang, tab, [e.value for e in at.exception])
            assert not at.error, (lang, tab, [e.value for e in at.error])
