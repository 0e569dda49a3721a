"""Workshops (title, notes, decisions) in French, Arabic or both, and the pages of g1's steps read in
Arabic: both versions edited side by side, the other language's text shown with its marker (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pac.db import Database
from pac.domain.errors import DomainError
from pac.i18n import t
from pac.services import communes, diagnostic, swot
from pac.ui.kit import state
from tests.apptest_utils import logged_in_app

AR_TITLE = "ورشة التخطيط التشاركي"
AR_DECISIONS = "اعتماد الماء الصالح للشرب أولوية أولى"


def test_a_workshop_in_french_in_arabic_or_in_both(catalogued_db: Database) -> None:
    c = communes.create_commune(catalogued_db, {"name_fr": "Ammelne", "province": "Tiznit"})
    fr = communes.save_workshop(catalogued_db, c.id, {"title": "Atelier de planification"})
    ar = communes.save_workshop(
        catalogued_db, c.id, {"title": "", "title_ar": AR_TITLE, "decisions_ar": AR_DECISIONS}
    )
    both = communes.save_workshop(
        catalogued_db,
        c.id,
        {"title": "Atelier de validation", "title_ar": "ورشة المصادقة", "decisions": "Plan validé"},
    )
    got = {w.id: w for w in communes.list_workshops(catalogued_db, c.id)}
    assert (got[fr.id].title, got[fr.id].title_ar) == ("Atelier de planification", "")
    assert (got[ar.id].title, got[ar.id].title_ar, got[ar.id].decisions_ar) == ("", AR_TITLE, AR_DECISIONS)
    assert (got[both.id].title_ar, got[both.id].decisions) == ("ورشة المصادقة", "Plan validé")
    with pytest.raises(DomainError, match="Intitulé.*obligatoire"):
        communes.save_workshop(catalogued_db, c.id, {"title": " ", "title_ar": ""})
    with pytest.raises(DomainError, match=r"Décisions \(arabe\).*balises HTML"):
        communes.save_workshop(catalogued_db, c.id, {"title": "x", "decisions_ar": "<script>1</script>"})
    assert len(communes.list_workshops(catalogued_db, c.id)) == 3  # refusals saved nothing


def _arabic(app_env: Path, page: str, commune_id: int):  # type: ignore[no-untyped-def]
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=commune_id)
    at.session_state[state.LANG] = "ar"
    at.session_state["_lang_choice"] = "ar"  # the sidebar's switch, as if العربية had been chosen
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_workshop_form_in_arabic_puts_arabic_first_and_marks_the_missing_version(
    app_env: Path, demo_commune_id: int
) -> None:
    db = Database(f"sqlite:///{app_env}")
    w = communes.save_workshop(db, demo_commune_id, {"title": "Atelier sans arabe", "place": "Salle"})
    at = _arabic(app_env, "pages/communes.py", demo_commune_id)
    [picker] = [s for s in at.selectbox if s.label == "الورشة"]
    # the French-only title is offered with the discreet marker of its language
    assert any("Atelier sans arabe" in o and "(بالفرنسية)" in o for o in picker.options)
    picker.set_value(w.id)
    at.run()
    labels = [x.label for x in at.text_input if x.form_id == f"ws_form_{w.id}"]
    assert labels[:2] == ["العنوان (بالعربية)", "العنوان (بالفرنسية)"]  # the reader's language first
    areas = [x.label for x in at.text_area if x.form_id == f"ws_form_{w.id}"]
    assert "قرارات الورشة (بالعربية)" in areas
    hints = "".join(h.proto.body for h in at.get("html"))
    assert t("bitext.missing.ar", "ar") in hints  # « الصيغة العربية غير متوفرة » under the empty Arabic title
    # typing the Arabic title and the decisions saves both, the French title kept
    [ar_title] = [x for x in at.text_input if x.key == f"ws_form_{w.id}_title_bi_ar"]
    ar_title.set_value(AR_TITLE)
    [decisions] = [x for x in at.text_area if x.key == f"ws_form_{w.id}_decisions_bi_ar"]
    decisions.set_value(AR_DECISIONS)
    [save] = [b for b in at.button if getattr(b, "form_id", None) == f"ws_form_{w.id}"]
    save.click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    saved = next(x for x in communes.list_workshops(db, demo_commune_id) if x.id == w.id)
    assert (saved.title, saved.title_ar, saved.decisions_ar) == ("Atelier sans arabe", AR_TITLE, AR_DECISIONS)
    db.dispose()


def test_swot_board_in_arabic_shows_each_item_in_arabic_else_french_with_marker(
    app_env: Path, demo_commune_id: int
) -> None:
    db = Database(f"sqlite:///{app_env}")
    plan = communes.get_current_plan(db, demo_commune_id)
    assert plan is not None
    swot.add_item(db, plan.id, {"quadrant": "S", "text": "Élément seulement en français", "text_ar": ""})
    swot.add_item(db, plan.id, {"quadrant": "O", "text": "", "text_ar": "فرصة مكتوبة بالعربية فقط"})
    at = _arabic(app_env, "pages/swot.py", demo_commune_id)
    board = "".join(h.proto.body for h in at.get("html"))
    assert "\u2068Élément seulement en français\u2069 (بالفرنسية)" in board
    assert "فرصة مكتوبة بالعربية فقط" in board and "فرصة مكتوبة بالعربية فقط\u2069" not in board
    assert any("عنصر" in c.value and "لا يستند" in c.value for c in at.caption)  # the plural agrees
    db.dispose()


def test_diagnostic_in_arabic_has_both_text_columns_and_no_french_chrome(
    app_env: Path, demo_commune_id: int
) -> None:
    db = Database(f"sqlite:///{app_env}")
    diagnostic.add_finding(
        db, demo_commune_id, {"source": "monograph", "kind": "asset", "text": "", "text_ar": "تعاونيات نشيطة"}
    )
    at = _arabic(app_env, "pages/diagnostic.py", demo_commune_id)
    captions = " ".join(c.value for c in at.caption)
    assert "ملاحظة" in captions and "constats" not in captions
    text_areas = [x.label for x in at.text_area]
    assert text_areas[:2] == ["الملاحظة (بالعربية)", "الملاحظة (بالفرنسية)"]
    db.dispose()


def test_a_workshop_refused_in_arabic_says_why_in_arabic_and_keeps_what_was_typed(
    app_env: Path, demo_commune_id: int
) -> None:
    at = _arabic(app_env, "pages/communes.py", demo_commune_id)
    [place] = [x for x in at.text_input if x.form_id == "ws_form_new_0" and x.label == "المكان (بالعربية)"]
    place.set_value("قاعة الاجتماعات")
    [save] = [b for b in at.button if getattr(b, "form_id", None) == "ws_form_new_0"]
    save.click()
    at.run()
    assert [e.value for e in at.error] == [
        "حقل « العنوان »: املأ إحدى الصيغتين على الأقل (الفرنسية أو العربية)."
    ]
    [place] = [x for x in at.text_input if x.form_id == "ws_form_new_0" and x.label == "المكان (بالعربية)"]
    assert place.value == "قاعة الاجتماعات"  # kept
