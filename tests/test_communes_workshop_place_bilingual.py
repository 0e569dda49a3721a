"""A workshop's place and facilitators in French, in Arabic or both: service round trips, refusals that
save nothing, the form and the workshops' table read in Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

from pac.db import Database
from pac.domain.errors import DomainError
from pac.services import communes
from pac.ui.kit import state
from tests.apptest_utils import logged_in_app

AR_PLACE = "مقر الجماعة"
AR_FACILITATORS = "فاطمة أيت علي، سعيد أوبلا"


def test_place_and_facilitators_go_and_come_back_in_both_versions(catalogued_db: Database) -> None:
    db = catalogued_db
    c = communes.create_commune(db, {"name_fr": "Tizourgane", "province": "Tiznit"})
    w = communes.save_workshop(
        db,
        c.id,
        {
            "title": "Atelier",
            "place": "Siège de la commune",
            "place_ar": AR_PLACE,
            "facilitators": "F. Ait Ali, S. Oubella",
            "facilitators_ar": AR_FACILITATORS,
        },
    )
    assert (w.place, w.place_ar, w.facilitators, w.facilitators_ar) == (
        "Siège de la commune",
        AR_PLACE,
        "F. Ait Ali, S. Oubella",
        AR_FACILITATORS,
    )
    [got] = communes.list_workshops(db, c.id)
    assert (got.place, got.place_ar, got.facilitators_ar) == (
        "Siège de la commune",
        AR_PLACE,
        AR_FACILITATORS,
    )
    # Arabic only
    ar = communes.save_workshop(
        db, c.id, {"title_ar": "ورشة", "place": "", "place_ar": AR_PLACE, "facilitators_ar": AR_FACILITATORS}
    )
    assert (ar.place, ar.place_ar, ar.facilitators, ar.facilitators_ar) == ("", AR_PLACE, "", AR_FACILITATORS)
    # a caller giving only the French versions leaves the Arabic ones as they are
    again = communes.save_workshop(db, c.id, {"title": "Atelier", "place": "Salle polyvalente"}, w.id)
    assert (again.place, again.place_ar, again.facilitators_ar) == (
        "Salle polyvalente",
        AR_PLACE,
        AR_FACILITATORS,
    )


@pytest.mark.parametrize(
    ("values", "lang", "message"),
    [
        ({"place_ar": "م" * 301}, "fr", r"Lieu \(arabe\) » : le texte dépasse 300 caractères \(301\)"),
        ({"place": "x" * 301}, "fr", r"Lieu \(français\) » : le texte dépasse 300"),
        ({"facilitators_ar": "<b>أ</b>"}, "fr", r"Animateurs·rices \(arabe\) » : .*balises HTML"),
        ({"facilitators_ar": "ف" * 1001}, "fr", r"Animateurs·rices \(arabe\) » : le texte dépasse 1000"),
        ({"place_ar": "م" * 301}, "ar", r"حقل « المكان \(بالعربية\) »: يتجاوز النص 300 حرفا"),
    ],
)
def test_a_place_or_facilitators_refused_saves_nothing(
    catalogued_db: Database, values: dict[str, str], lang: str, message: str
) -> None:
    db = catalogued_db
    c = communes.create_commune(db, {"name_fr": "Anzi", "province": "Tiznit"})
    w = communes.save_workshop(db, c.id, {"title": "Atelier", "place": "Salle", "place_ar": AR_PLACE})
    with pytest.raises(DomainError, match=message):
        communes.save_workshop(db, c.id, {"title": "Atelier modifié", **values}, w.id, lang=lang)
    with pytest.raises(DomainError, match=message):
        communes.save_workshop(db, c.id, {"title": "Un autre", **values}, lang=lang)
    assert communes.list_workshops(db, c.id) == [w]  # neither changed nor added


def _arabic(app_env: Path, commune_id: int):  # type: ignore[no-untyped-def]
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=commune_id)
    at.session_state[state.LANG] = "ar"
    at.session_state["_lang_choice"] = "ar"
    at.switch_page("pages/communes.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_workshop_form_in_arabic_edits_both_places_and_the_table_shows_the_arabic_one(
    app_env: Path, demo_commune_id: int
) -> None:
    db = Database(f"sqlite:///{app_env}")
    w = communes.save_workshop(
        db, demo_commune_id, {"title": "Atelier à deux lieux", "place": "Salle", "facilitators": "A. B."}
    )
    communes.save_workshop(db, demo_commune_id, {"title": "Atelier en français", "place": "Salle des fêtes"})
    at = _arabic(app_env, demo_commune_id)
    [picker] = [s for s in at.selectbox if s.label == "الورشة"]
    picker.set_value(w.id)
    at.run()
    key = f"ws_form_{w.id}"
    labels = [x.label for x in at.text_input if x.form_id == key]
    assert labels[2:6] == [
        "المكان (بالعربية)",
        "المكان (بالفرنسية)",
        "المنشطون والمنشطات (بالعربية)",
        "المنشطون والمنشطات (بالفرنسية)",
    ], labels
    at.text_input(key=f"{key}_place_bi_ar").set_value(AR_PLACE)
    at.text_input(key=f"{key}_facilitators_bi_ar").set_value(AR_FACILITATORS)
    [save] = [b for b in at.button if getattr(b, "form_id", None) == key]
    save.click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    saved = next(x for x in communes.list_workshops(db, demo_commune_id) if x.id == w.id)
    assert (saved.place, saved.place_ar, saved.facilitators, saved.facilitators_ar) == (
        "Salle",
        AR_PLACE,
        "A. B.",
        AR_FACILITATORS,
    )
    # the workshops' table: the Arabic place; a French-only one marked
    [table] = [x.value for x in at.dataframe if "المكان" in x.value.columns]
    places = list(table["المكان"])
    assert AR_PLACE in places and "Salle" not in places
    assert "\u2068Salle des fêtes\u2069 (بالفرنسية)" in places
    db.dispose()


def test_a_refused_place_in_arabic_is_said_in_arabic_and_what_was_typed_kept(
    app_env: Path, demo_commune_id: int
) -> None:
    db = Database(f"sqlite:///{app_env}")
    before = communes.list_workshops(db, demo_commune_id)
    at = _arabic(app_env, demo_commune_id)
    at.text_input(key="ws_form_new_title_bi_ar").set_value("ورشة جديدة")
    at.text_input(key="ws_form_new_place_bi_ar").set_value("<b>قاعة</b>")
    [save] = [b for b in at.button if getattr(b, "form_id", None) == "ws_form_new_0"]
    save.click()
    at.run()
    assert [e.value for e in at.error] == [
        "حقل « المكان (بالعربية) »: يجب ألا يتضمن النص وسوم HTML أو برامج نصية."
    ]
    assert at.text_input(key="ws_form_new_place_bi_ar").value == "<b>قاعة</b>"  # kept
    assert communes.list_workshops(db, demo_commune_id) == before
    db.dispose()
