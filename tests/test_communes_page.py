"""Page « Communes & ateliers » driven with AppTest: create, edit, archive, plan, workshop."""

from __future__ import annotations

from pathlib import Path

from pac.db import Database
from pac.services import communes
from tests.apptest_utils import logged_in_app


def _form_inputs(at, form_key: str) -> dict:  # type: ignore[no-untyped-def]
    return {
        w.label: w
        for w in at.get("text_input") + at.get("number_input") + at.get("text_area")
        if getattr(w, "form_id", None) == form_key
    }


def _submit(at, form_key: str) -> None:  # type: ignore[no-untyped-def]
    [button] = [b for b in at.get("button") if getattr(b, "form_id", None) == form_key]
    button.click()
    at.run()


def test_create_a_commune_with_bad_then_good_values(app_env: Path) -> None:
    url = f"sqlite:///{app_env}"
    at = logged_in_app(url, "pages/communes.py")
    assert not at.exception
    inputs = _form_inputs(at, "commune_new_0")
    inputs["Nom (français)"].set_value("<script>x</script>")
    _submit(at, "commune_new_0")
    messages = " ".join(e.value for e in at.error)
    assert "Nom (français)" in messages and "balises HTML" in messages
    assert "Province" in messages and "obligatoire" in messages
    db = Database(url)
    before = len(communes.list_communes(db))
    inputs = _form_inputs(at, "commune_new_0")
    assert inputs["Nom (français)"].value == "<script>x</script>"  # a refusal keeps what was typed
    inputs["Nom (français)"].set_value("Aït Ouabelli")
    inputs["Province"].set_value("Tiznit")
    _submit(at, "commune_new_0")
    assert not at.exception and not at.error
    created = communes.get_commune(db, "ait-ouabelli")
    assert len(communes.list_communes(db)) == before + 1
    assert created.province == "Tiznit"
    assert any("Aït Ouabelli" in s.value for s in at.success)
    # after a successful creation the form starts empty again
    assert _form_inputs(at, "commune_new_1")["Nom (français)"].value == ""
    db.dispose()


def test_a_commune_named_like_the_reference_one_is_refused_and_what_was_typed_kept(app_env: Path) -> None:
    """Issue 10, item 9: « Tinzert » created beside the reference « Tinzert » made two that look alike."""
    url = f"sqlite:///{app_env}"
    db = Database(url)
    before = communes.list_communes(db, include_archived=True)
    assert any(c.name_fr == "Tinzert" for c in before)  # the mission's reference commune
    at = logged_in_app(url, "pages/communes.py")
    inputs = _form_inputs(at, "commune_new_0")
    inputs["Nom (français)"].set_value("Tinzert")
    inputs["Province"].set_value("Taroudant")
    _submit(at, "commune_new_0")
    messages = " ".join(e.value for e in at.error)
    assert "Nom (français)" in messages and "« Tinzert » existe déjà (province Taroudant" in messages
    assert communes.list_communes(db, include_archived=True) == before  # nothing saved
    assert _form_inputs(at, "commune_new_0")["Nom (français)"].value == "Tinzert"  # kept
    db.dispose()


def test_edit_archive_plan_and_workshop_of_the_selected_commune(app_env: Path, demo_commune_id: int) -> None:
    url = f"sqlite:///{app_env}"
    db = Database(url)
    c = communes.create_commune(db, {"name_fr": "Tinzert Essai", "province": "Taroudant"})
    at = logged_in_app(url, "pages/communes.py", commune_id=c.id)
    edit = _form_inputs(at, f"commune_edit_{c.id}")
    edit["Population"].set_value(6500)
    _submit(at, f"commune_edit_{c.id}")
    assert not at.error
    assert communes.get_commune(db, c.id).population == 6500

    # plan period: six years from the first year
    plan_inputs = _form_inputs(at, "plan_form")
    plan_inputs["Première année"].set_value(2022)
    plan_inputs["Intitulé (français)"].set_value("PAC Tinzert 2022 2027")
    _submit(at, "plan_form")
    assert not at.error, [e.value for e in at.error]
    assert communes.get_current_plan(db, c.id).end_year == 2027
    # the message names the title saved, as typed (issue 10, item 14)
    assert communes.get_current_plan(db, c.id).title == "PAC Tinzert 2022 2027"
    assert any("« PAC Tinzert 2022 2027 » (PAC 2022–2027) enregistré" in m.value for m in at.success)

    # a workshop with attendance
    ws = _form_inputs(at, "ws_form_new_0")
    ws["Intitulé (français)"].set_value("Atelier de planification")
    ws["Lieu (français)"].set_value("Siège de la commune")
    _submit(at, "ws_form_new_0")
    assert not at.error, [e.value for e in at.error]
    assert [w.title for w in communes.list_workshops(db, c.id)] == ["Atelier de planification"]

    # archive asks first
    [archive] = [b for b in at.button if b.label == "Archiver la commune"]
    archive.click()
    at.run()
    assert not communes.get_commune(db, c.id).archived  # nothing yet: a confirmation is asked
    assert any("Archiver « Tinzert Essai »" in w.value for w in at.warning)
    [confirm] = [b for b in at.button if b.label == "Confirmer"]
    confirm.click()
    at.run()
    assert communes.get_commune(db, c.id).archived

    # and back: archived communes are listed with a way to restore them
    [toggle] = [tg for tg in at.toggle if tg.label == "Afficher les communes archivées"]
    toggle.set_value(True)
    at.run()
    [picker] = [sb for sb in at.selectbox if sb.label == "Commune archivée"]
    picker.set_value(c.id)
    [restore] = [b for b in at.button if b.label == "Désarchiver"]
    restore.click()
    at.run()
    assert not communes.get_commune(db, c.id).archived
    db.dispose()


def test_a_refused_workshop_keeps_the_attendance_typed(app_env: Path) -> None:
    url = f"sqlite:///{app_env}"
    db = Database(url)
    c = communes.create_commune(db, {"name_fr": "Assaisse Essai", "province": "Taroudant"})
    at = logged_in_app(url, "pages/communes.py", commune_id=c.id)
    ws = _form_inputs(at, "ws_form_new_0")
    ws["Lieu (français)"].set_value("Salle polyvalente")  # no title: refused
    _submit(at, "ws_form_new_0")
    assert any("Intitulé" in e.value for e in at.error)
    assert _form_inputs(at, "ws_form_new_0")["Lieu (français)"].value == "Salle polyvalente"
    assert communes.list_workshops(db, c.id) == []
    db.dispose()


def test_backup_tab_exports_and_imports_the_workbook(app_env: Path, demo_commune_id: int) -> None:
    url = f"sqlite:///{app_env}"
    at = logged_in_app(url, "pages/communes.py", commune_id=demo_commune_id)
    labels = [b.label for b in at.get("download_button")]
    assert "Télécharger le classeur Excel (.xlsx)" in labels and "Télécharger en JSON" in labels
