"""Key figures' label, unit and source in French, in Arabic or both (service round trips, refusals that
save nothing, the « Chiffres clés » tab read in Arabic)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pac.db import Database
from pac.domain.errors import DomainError
from pac.services import communes, diagnostic
from pac.ui.diagnostic.figures import shown_figures
from pac.ui.kit import state
from tests.apptest_utils import logged_in_app

AR_LABEL = "المسالك الجماعية"
AR_UNIT = "كلم"
AR_SOURCE = "المونوغرافية الجماعية 2023"


@pytest.fixture
def commune(catalogued_db: Database) -> int:
    return communes.create_commune(catalogued_db, {"name_fr": "Tafraout Essai", "province": "Tiznit"}).id


def _stored(db: Database, cid: int) -> list[dict[str, Any]]:
    frame = diagnostic.key_figures_frame(db, cid)
    return [r for r in frame.to_dict("records") if r["value"] == r["value"]]  # known ones (not NaN)


def test_both_versions_of_label_unit_and_source_go_and_come_back(
    catalogued_db: Database, commune: int
) -> None:
    db = catalogued_db
    rows = diagnostic.key_figures_frame(db, commune).to_dict("records")
    water = next(r for r in rows if r["code"] == "access_water" and r["sex"] == "all")
    # a usual figure offers its usual name in both languages
    assert water["label"] == "Ménages raccordés à l'eau potable"
    assert water["label_ar"] == "الأسر المرتبطة بشبكة الماء الصالح للشرب"
    water.update(value=71.5, source="RGPH 2014", source_ar="الإحصاء العام 2014")
    added = [
        # French and Arabic
        {"label": "Pistes communales", "label_ar": AR_LABEL, "value": 62, "unit": "km", "unit_ar": AR_UNIT},
        # Arabic only: label, unit and source
        {"label": "", "label_ar": "عدد الجمعيات", "value": 14, "unit": "", "unit_ar": "جمعية"},
        {"label": None, "label_ar": "نسبة النساء المنتخبات", "value": 18, "source_ar": AR_SOURCE},
    ]
    assert diagnostic.save_key_figures(db, commune, [*rows, *added]) == 4
    got = {r["label_ar"]: r for r in _stored(db, commune)}
    w = got["الأسر المرتبطة بشبكة الماء الصالح للشرب"]
    assert (w["code"], w["value"], w["source"], w["source_ar"]) == (
        "access_water",
        71.5,
        "RGPH 2014",
        "الإحصاء العام 2014",
    )
    p = got[AR_LABEL]
    assert (p["code"], p["label"], p["unit"], p["unit_ar"]) == (
        "pistes_communales",
        "Pistes communales",
        "km",
        AR_UNIT,
    )
    a = got["عدد الجمعيات"]
    assert (a["label"], a["unit"], a["unit_ar"]) == ("", "", "جمعية")  # no French unit: not a percentage
    assert a["code"].startswith("ar_")
    e = got["نسبة النساء المنتخبات"]
    assert (e["label"], e["unit"], e["unit_ar"], e["source"], e["source_ar"]) == ("", "%", "", "", AR_SOURCE)
    # saved again as read (the grid's round trip): the same figures, the same codes
    again = diagnostic.key_figures_frame(db, commune)
    assert diagnostic.save_key_figures(db, commune, again.to_dict("records")) == 4
    assert diagnostic.key_figures_frame(db, commune).equals(again)


def test_a_refusal_names_the_field_and_its_version_and_saves_nothing(
    catalogued_db: Database, commune: int
) -> None:
    db = catalogued_db
    diagnostic.save_key_figures(
        db, commune, [{"label": "Pistes", "label_ar": AR_LABEL, "value": 3, "unit": "km"}]
    )
    before = _stored(db, commune)
    cases: list[tuple[dict[str, Any], str, str]] = [
        (
            {"label": "", "label_ar": "", "value": 5},
            "fr",
            r"Ligne 1, champ « Indicateur » : remplissez au moins une",
        ),
        (
            {"label": "x", "label_ar": "م" * 301, "value": 5},
            "fr",
            r"Indicateur \(arabe\) » : le texte dépasse 300",
        ),
        ({"label": "x", "unit_ar": "و" * 41, "value": 5}, "fr", r"Unité \(arabe\) » : le texte dépasse 40"),
        (
            {"label": "x", "source_ar": "<script>1</script>", "value": 5},
            "fr",
            r"Source \(arabe\) » : .*balises",
        ),
        # read in Arabic: the field, its version and the row said in Arabic
        ({"label": "x", "label_ar": "م" * 301, "value": 5}, "ar", r"حقل « المؤشر \(بالعربية\) — السطر 1 »"),
        ({"label": "", "label_ar": "", "value": 5}, "ar", r"المؤشر — السطر 1 »: املأ إحدى الصيغتين"),
    ]
    for row, lang, message in cases:
        with pytest.raises(DomainError, match=message):
            diagnostic.save_key_figures(db, commune, [row], lang=lang)
        assert _stored(db, commune) == before  # nothing saved, nothing deleted
    # a text refused and a value out of range: both said, once each
    with pytest.raises(DomainError) as e:
        diagnostic.save_key_figures(db, commune, [{"label": "Taux", "label_ar": "<b>", "value": 140}])
    fields = [p.field for p in e.value.problems]
    assert fields == ["Indicateur (arabe)", "Valeur — Taux"], fields
    assert _stored(db, commune) == before


def test_the_chart_and_the_arabic_reader_see_the_arabic_label_else_the_french_marked(
    catalogued_db: Database, commune: int
) -> None:
    db = catalogued_db
    diagnostic.save_key_figures(
        db,
        commune,
        [
            {"label": "Pistes revêtues", "label_ar": AR_LABEL, "value": 40},
            {"label": "Forages", "label_ar": "", "value": 30},
            {"label": "", "label_ar": "السقايات", "value": 20},
        ],
    )
    ar = shown_figures(diagnostic.key_figures_frame(db, commune, "ar"), "ar")
    labels = set(ar["label"])
    assert AR_LABEL in labels and "السقايات" in labels
    assert "\u2068Forages\u2069 (بالفرنسية)" in labels  # the French one, isolated and marked
    assert "الأسر المرتبطة بشبكة الماء الصالح للشرب" in labels  # the usual figures by their Arabic name
    fr = shown_figures(diagnostic.key_figures_frame(db, commune, "fr"), "fr")
    assert {"Pistes revêtues", "Forages", "\u2068السقايات\u2069 (en arabe)"} <= set(fr["label"])
    assert not any(label.strip() == "" for label in fr["label"])
    # the same for the documents, from the service: label, unit and source in the reader's language
    doc = diagnostic.key_figures_shown(db, commune, "ar")
    assert labels == set(doc["label"])
    assert set(doc["unit"]) == {"%"}
    known = doc[doc["value"].notna()]
    assert "\u2068Forages\u2069 (بالفرنسية)" in set(known["label"])


def test_the_key_figures_tab_in_arabic_shows_both_columns_arabic_first(
    app_env: Path, demo_commune_id: int
) -> None:
    db = Database(f"sqlite:///{app_env}")
    rows = diagnostic.key_figures_frame(db, demo_commune_id).to_dict("records")
    rows.append({"label": "", "label_ar": AR_LABEL, "value": 55, "unit_ar": "%", "source_ar": AR_SOURCE})
    diagnostic.save_key_figures(db, demo_commune_id, rows)
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
    at.session_state[state.LANG] = "ar"
    at.session_state["_lang_choice"] = "ar"
    at.switch_page("pages/diagnostic.py")
    at.run()
    at.session_state["diag__tabs"] = "أرقام أساسية"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [grid] = [x for x in at.dataframe if "label_ar" in x.proto.column_order]
    assert list(grid.proto.column_order)[:2] == ["label_ar", "label"]  # the reader's language first
    headers = json.loads(grid.proto.columns)
    assert (headers["label_ar"]["label"], headers["source"]["label"]) == (
        "المؤشر (بالعربية)",
        "المصدر (بالفرنسية)",
    )
    assert AR_LABEL in set(grid.value["label_ar"])
    # the chart names the figure by its Arabic label
    bars = [
        bar
        for x in at.main
        if getattr(x, "type", "") == "plotly_chart"
        for bar in json.loads(x.proto.spec)["data"]
    ]
    assert any(AR_LABEL in list(bar.get("y") or []) for bar in bars)
    db.dispose()
