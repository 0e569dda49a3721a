"""Texts in French and in Arabic: which version a reader sees, and where a one-language text belongs."""

from __future__ import annotations

from types import SimpleNamespace

from pac import models
from pac.domain import bilingual as b


def test_every_bilingual_field_has_its_arabic_column_in_the_model() -> None:
    for name, fields in b.BILINGUAL.items():
        cls = getattr(models, name)
        for f in fields:
            assert hasattr(cls, f) and hasattr(cls, b.ar_field(f)), (name, f)


def test_script_is_detected_by_most_letters() -> None:
    assert b.is_arabic("تزويد الدواوير بالماء")
    assert b.is_arabic("مشروع P01 بدوار Tigmi")  # Latin codes inside Arabic stay Arabic
    assert not b.is_arabic("Adduction d'eau potable")
    assert not b.is_arabic("Piste رقم 3 vers Tigmi et Aït Ali")
    assert not b.is_arabic("") and not b.is_arabic("2024 - 125 000")
    assert b.sort_by_script("ماء") == ("", "ماء") and b.sort_by_script("Eau") == ("Eau", "")


def test_the_reader_sees_their_version_else_the_other_marked() -> None:
    both = {"title": "Piste rurale", "title_ar": "مسلك قروي"}
    assert b.shown(both, "title", "ar") == b.Shown("مسلك قروي", "ar", False)
    assert b.shown(both, "title", "fr") == b.Shown("Piste rurale", "fr", False)
    fr_only = SimpleNamespace(title="Piste rurale", title_ar="  ")
    assert b.shown(fr_only, "title", "ar") == b.Shown("Piste rurale", "fr", True)
    assert b.missing(fr_only, "title") == "ar"
    ar_only = {"title": "", "title_ar": "مسلك قروي"}
    assert b.text(ar_only, "title", "fr") == "مسلك قروي" and b.missing(ar_only, "title") == "fr"
    assert b.shown({}, "title", "fr") == b.Shown("", "fr", False) and b.missing({}, "title") is None
    assert b.missing(both, "title") is None


def test_isolates_wrap_a_run_and_leave_nothing_for_an_empty_text() -> None:
    assert b.isolate("P01") == "\u2068P01\u2069" and b.isolate("") == ""
