"""Page « Suivi-évaluation » and the dashboard's checklist, driven with AppTest on a seeded commune."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pac.services import compliance, monitoring
from tests.apptest_utils import logged_in_app
from tests.seeded_commune import by_label, call, serve_seeded_commune, submit
from tests.seeded_commune import open_view as open_page_view


@pytest.fixture
def seeded_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, int]]:
    yield from serve_seeded_commune(tmp_path, monkeypatch, indicators=4)


def open_view(url: str, cid: int, pid: int, view: str) -> AppTest:
    return open_page_view(url, cid, "pages/monitoring.py", f"_me_view_{pid}", view)


def test_every_view_runs_and_warns_about_projects_without_indicator(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    for view in ("indicators", "system", "tracking", "compliance"):
        at = open_view(url, cid, pid, view)
        assert not at.error, (view, [e.value for e in at.error])
    at = open_view(url, cid, pid, "indicators")
    assert any("2 projets retenus sur 6 sans indicateur : P05\\, P06." in w.value for w in at.warning)


def test_add_an_indicator_with_targets_for_the_project_that_lacks_one(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "indicators")
    # the form proposes first the retained project without an indicator
    assert by_label(at.selectbox, "Mesure").value[0] == "project"
    by_label(at.text_input, "Intitulé (français)").input("Femmes inscrites à l'alphabétisation")
    by_label(at.text_input, "Unité (français)").input("femmes")
    by_label(at.text_input, "Valeur de référence").input("0")
    by_label(at.text_input, "Année de référence").input("2026")
    by_label(at.text_input, "2027").input("80")
    by_label(at.text_input, "2029").input("240")
    by_label(at.multiselect, "Ventilation").select("sex")
    submit(at, "Ajouter l'indicateur")
    assert not at.error, [e.value for e in at.error]
    board = call(url, monitoring.load_indicators, pid)
    [new] = [i for i in board.indicators if i.name.startswith("Femmes inscrites")]
    assert new.code == "P05-I1" and new.targets == {2027: 80, 2029: 240} and new.gender_sensitive
    assert [p.code for p in board.without_indicator] == ["P06"]
    assert any("P06" in w.value for w in at.warning)


def test_a_refused_indicator_keeps_every_field_and_names_the_bad_ones_in_french(seeded_app) -> None:  # type: ignore[no-untyped-def]
    """Issue 10, item 2: an error used to empty the whole form; a target in letters got no French message."""
    url, cid, pid = seeded_app
    before = call(url, monitoring.load_indicators, pid).indicators
    at = open_view(url, cid, pid, "indicators")
    typed = {  # an indicator named in Arabic only: one version is enough
        "Intitulé (arabe)": "الفتيات المتمدرسات بالإعدادي",
        "Unité (français)": "filles",
        "Valeur de référence": "120",
        "Année de référence": "",
        "2027": "cent cinquante",
        "2029": "-20",
        "Source et moyens de vérification (français)": "Registres de la direction provinciale",
    }
    for name, value in typed.items():
        by_label(at.text_input, name).input(value)
    submit(at, "Ajouter l'indicateur")
    errors = " ".join(e.value for e in at.error)
    assert "Année de référence" in errors and "Cible 2027" in errors and "n'est pas un nombre" in errors
    for name, value in typed.items():  # every field as typed
        assert by_label(at.text_input, name).value == value, name
    assert len(call(url, monitoring.load_indicators, pid).indicators) == len(before)  # nothing saved
    # corrected, it is saved, and the form comes back empty for the next indicator
    by_label(at.text_input, "Année de référence").input("2026")
    by_label(at.text_input, "2027").input("150")
    submit(at, "Ajouter l'indicateur")
    assert not at.error, [e.value for e in at.error]
    [new] = [
        i for i in call(url, monitoring.load_indicators, pid).indicators if i.name_ar.startswith("الفتيات")
    ]
    assert new.name == ""
    assert new.baseline_value == 120 and new.baseline_year == 2026 and new.targets == {2027: 150, 2029: -20}


def test_committee_editor_and_standard_calendar(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "system")
    at.session_state[f"me_committee_{pid}_0"] = {
        "edited_rows": {},
        "deleted_rows": [0],
        "added_rows": [
            {
                "name": "Khadija",
                "role": "Membre de l'IEEAG",
                "sex": "Femme",
                "organisation": "Coopérative d'argan",
            }
        ],
    }
    submit(at, "Enregistrer le comité")
    assert not at.error, [e.value for e in at.error]
    names = [m.name for m in call(url, monitoring.load_system, pid).committee]
    assert names == ["Membre IEEAG", "Directeur des services", "Khadija"]
    assert any("3 membres : 2 femmes, 1 homme" in c.value for c in at.caption), [
        c.value[:60] for c in at.caption
    ]
    call(url, monitoring.save_events, pid, [])
    at = open_view(url, cid, pid, "system")
    at.button(key="me_std_calendar").click().run()
    events = call(url, monitoring.load_system, pid).events
    assert [e.kind for e in events].count("annual_report") == 6
    assert {"mid_term", "final"} <= {e.kind for e in events}


def test_record_progress_and_a_measurement(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "tracking")
    at.selectbox(key=f"me_year_pick_{pid}").set_value(2028).run()
    by_label(at.selectbox, "État").set_value("in_progress")
    by_label(at.number_input, "Avancement (%)").set_value(35.0)
    by_label(at.number_input, "Dépensé (DH)").set_value(123_000.0)
    submit(at, "Enregistrer l'avancement")
    assert not at.error, [e.value for e in at.error]
    tracking = call(url, monitoring.load_tracking, pid, 2028)
    first = tracking.projects[0]
    assert (first.status, first.percent_done, first.spent, first.year) == (
        "in_progress",
        35.0,
        123_000.0,
        2028,
    )
    by_label(at.number_input, "Valeur totale (ménages)").set_value(77.0)
    submit(at, "Enregistrer les valeurs")
    assert not at.error, [e.value for e in at.error]
    first_indicator = call(url, monitoring.load_indicators, pid).indicators[0]
    assert first_indicator.measurements[(2028, "all")] == 77.0


def test_compliance_dates_form_and_checklist(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "compliance")
    by_label(at.date_input, "Envoi du projet aux commissions du conseil").set_value(dt.date(2027, 1, 10))
    by_label(at.date_input, "Session d'adoption du plan").set_value(dt.date(2027, 2, 1))
    by_label(at.text_area, "Cohérence avec le programme de développement régional (PDR)").input(
        "Axe 1 du PDR Souss-Massa : eau potable rurale."
    )
    submit(at, "Enregistrer")
    assert not at.error, [e.value for e in at.error]
    texts = [m.value for m in at.markdown]
    # The checklist shows its lines as plain text (markdown characters escaped).
    assert any(t.startswith("• Le projet a été transmis 22 jours avant la session") for t in texts), texts
    items = {i.code: i for i in call(url, compliance.check, cid).items}
    assert items["pdr"].ok and not items["committees"].ok
    by_label(at.date_input, "Envoi du projet aux commissions du conseil").set_value(dt.date(2027, 1, 2))
    submit(at, "Enregistrer")
    # The notice is now long enough; what remains is the committees' reports (art. 11), on « Adoption ».
    committees = {i.code: i for i in call(url, compliance.check, cid).items}["committees"]
    assert [m.key for m in committees.missing] == ["compliance.miss.no_committee_reports"]


def test_dashboard_shows_the_checklist(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, _ = seeded_app
    at = logged_in_app(url, "pages/home.py", commune_id=cid)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Conformité du plan à la loi" in m.value for m in at.markdown)
    assert any(
        "obligatoires non remplies" in w.value or "obligatoire non remplie" in w.value for w in at.warning
    )
    assert any("Projet transmis aux commissions au moins 30 jours" in m.value for m in at.markdown)


def test_delete_an_indicator_after_confirmation(seeded_app) -> None:  # type: ignore[no-untyped-def]
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "indicators")
    first = call(url, monitoring.load_indicators, pid).indicators[0]
    at.selectbox(key=f"me_ind_pick_{pid}").set_value(first.id).run()
    assert (
        by_label(at.text_input, "Intitulé (français)").value == first.name
    )  # the form shows the indicator to change
    at.button(key=f"me_ind_del_{first.id}").click().run()
    assert len(call(url, monitoring.load_indicators, pid).indicators) == 4  # not before the confirmation
    at.button(key=f"me_ind_yes_{first.id}").click().run()
    assert not at.exception and not at.error
    assert [i.id for i in call(url, monitoring.load_indicators, pid).indicators if i.id == first.id] == []
    assert f"Indicateur {first.code} supprimé." in [x.value for x in at.success]


def open_in_arabic(url: str, cid: int, pid: int, view: str) -> AppTest:
    """The M&E page in the Arabic interface, on `view`."""
    from pac.ui.kit import state
    from tests.apptest_utils import APP, facilitator

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[state.USER] = facilitator(url)
    at.session_state[state.COMMUNE] = cid
    at.session_state[state.LANG] = "ar"
    at.run()
    at.switch_page("pages/monitoring.py").run()
    at.segmented_control(key=f"_me_view_{pid}").set_value(view).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_in_arabic_each_indicator_shows_its_arabic_name_or_the_french_one_marked(seeded_app) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: a French-only, an Arabic-only and a bilingual indicator, read in the Arabic interface."""
    url, cid, pid = seeded_app
    project = call(url, monitoring.load_indicators, pid).coverage[0].project_id
    base = {"level": "output", "unit": "%", "project_id": project}
    call(url, monitoring.save_indicator, pid, {**base, "code": "X-FR", "name": "Taux de raccordement"})
    call(url, monitoring.save_indicator, pid, {**base, "code": "X-AR", "name": "", "name_ar": "نسبة الربط"})
    call(
        url,
        monitoring.save_indicator,
        pid,
        {**base, "code": "X-BI", "name": "Filles inscrites", "name_ar": "الفتيات المسجلات"},
    )
    at = open_in_arabic(url, cid, pid, "indicators")
    options = [str(o) for o in at.selectbox(key=f"me_ind_pick_{pid}").options]
    shown = {o.split(" — ")[0]: o for o in options if o.startswith("X-")}
    assert "Taux de raccordement" in shown["X-FR"] and "(بالفرنسية)" in shown["X-FR"]  # the other one, marked
    assert shown["X-AR"].endswith("نسبة الربط")
    assert shown["X-BI"].endswith("الفتيات المسجلات") and "Filles" not in shown["X-BI"]
    # the form edits both versions, the Arabic one first; the grid shows both columns
    labels = [w.label for w in at.text_input]
    assert labels.index("المؤشر (بالعربية)") < labels.index("المؤشر (بالفرنسية)")
    table = at.dataframe[0].value
    assert {"المؤشر (بالعربية)", "المؤشر (بالفرنسية)"} <= set(table.columns)
    # a refusal names the field in Arabic and keeps what was typed
    by_label(at.text_input, "المؤشر (بالعربية)").input("مؤشر جديد")
    by_label(at.text_input, "القيمة المرجعية").input("12")
    submit(at, "إضافة المؤشر")
    assert any("السنة المرجعية" in e.value for e in at.error)
    assert by_label(at.text_input, "المؤشر (بالعربية)").value == "مؤشر جديد"


def test_in_arabic_the_checklist_has_no_french_line(seeded_app) -> None:  # type: ignore[no-untyped-def]
    import re

    url, cid, pid = seeded_app
    at = open_in_arabic(url, cid, pid, "compliance")
    french = re.compile(r"(?<![\w/.:-])(?=[A-Za-zÀ-ÿ]*[a-zà-ÿ])[A-Za-zÀ-ÿ']{4,}(?![\w/.:-])")
    texts = [e.value for kind in ("markdown", "caption", "warning", "success") for e in at.get(kind)]
    # the commune's own French name (isolated) and the command line with its slug are not interface text
    texts = [re.sub("\u2068[^\u2069]*\u2069|python -m pac check \\S+", "", x) for x in texts]
    assert texts and [x for x in texts if french.findall(x)] == []


def test_a_new_rows_empty_cells_show_empty_not_none(seeded_app) -> None:  # type: ignore[no-untyped-def]
    """The committee, tools and calendar tables show a missing value (a new row's role, sex, frequency, type,
    year, date) as an empty cell: without a placeholder the grid wrote an English « None » in it."""
    url, cid, pid = seeded_app
    at = open_view(url, cid, pid, "system")
    editors = at.dataframe
    assert len(editors) == 3
    assert all(d.proto.HasField("placeholder") and d.proto.placeholder == "" for d in editors)
