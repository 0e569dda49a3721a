"""Plural agreement (pac.i18n.tn) and number formatting in French and Arabic (pac.domain.fmt)."""

from __future__ import annotations

import datetime as dt

import pytest

import pac.i18n as i18n
from pac.domain import fmt
from pac.i18n import plural_category, tn

NNBSP = "\u202f"

POINTS_AR = {
    "t.points.zero": "لا نقطة",
    "t.points.one": "نقطة واحدة",
    "t.points.two": "نقطتان",
    "t.points.few": "{n} نقاط",
    "t.points.many": "{n} نقطة",
    "t.points.other": "{n} نقطة",
}
POINTS_FR = {"t.points.one": "{n} point restant", "t.points.other": "{n} points restants"}


@pytest.fixture
def points(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(i18n.TABLE, "fr", {**i18n.TABLE["fr"], **POINTS_FR})
    monkeypatch.setitem(i18n.TABLE, "ar", {**i18n.TABLE["ar"], **POINTS_AR})


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "لا نقطة"),
        (1, "نقطة واحدة"),
        (2, "نقطتان"),
        (3, "3 نقاط"),
        (10, "10 نقاط"),
        (11, "11 نقطة"),
        (99, "99 نقطة"),
        (100, "100 نقطة"),
        (103, "103 نقاط"),
        (1250, "1.250 نقطة"),
    ],
)
def test_arabic_plural_agreement(points: None, n: int, expected: str) -> None:
    assert tn("t.points", n, lang="ar") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 point restant"),
        (1, "1 point restant"),
        (2, "2 points restants"),
        (1250, f"1{NNBSP}250 points restants"),
    ],
)
def test_french_plural_agreement(points: None, n: int, expected: str) -> None:
    assert tn("t.points", n) == expected


def test_categories_come_from_cldr() -> None:
    assert [plural_category(n, "ar") for n in (0, 1, 2, 3, 11, 100)] == [
        "zero",
        "one",
        "two",
        "few",
        "many",
        "other",
    ]
    assert [plural_category(n, "fr") for n in (0, 1, 2)] == ["one", "one", "other"]


def test_missing_category_falls_back_to_other_then_french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        i18n.TABLE, "fr", {**i18n.TABLE["fr"], "t.x.one": "{n} vote", "t.x.other": "{n} votes"}
    )
    monkeypatch.setitem(i18n.TABLE, "ar", {**i18n.TABLE["ar"], "t.x.other": "{n} صوت"})
    # Arabic has only .other: it is used for every count rather than a French fragment.
    assert tn("t.x", 2, lang="ar") == "2 صوت"
    monkeypatch.setitem(i18n.TABLE, "ar", {k: v for k, v in i18n.TABLE["ar"].items() if k != "t.x.other"})
    assert tn("t.x", 2, lang="ar") == "2 votes"
    assert tn("t.unknown", 2) == "t.unknown"


def test_extra_placeholders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(i18n.TABLE, "fr", {**i18n.TABLE["fr"], "t.y.other": "{name} : {n} projets"})
    assert tn("t.y", 3, name="Tiznit") == "Tiznit : 3 projets"


# --- fmt -------------------------------------------------------------------------------------------


def test_french_output_unchanged() -> None:
    assert fmt.number(1_250_000) == f"1{NNBSP}250{NNBSP}000"
    assert fmt.money(1_250_000) == f"1{NNBSP}250{NNBSP}000 DH"
    assert fmt.money(1_250_000, "MAD") == f"1{NNBSP}250{NNBSP}000 MAD"
    assert fmt.percent(0.125, 1) == "12,5 %"
    assert fmt.percent(0.5) == "50 %"
    assert fmt.mdh(1_250_000) == "1,25 MDH"
    assert fmt.number(-1250.456, 2) == f"-1{NNBSP}250,46"
    assert fmt.number(0.0) == "0"
    assert fmt.number(-0.001) == "0"
    for f in (fmt.number, fmt.money, fmt.mdh, fmt.percent):
        assert f(None) == "—"
    assert fmt.number(float("nan")) == "—"


def test_arabic_numbers_use_latin_digits_and_dirham() -> None:
    assert fmt.number(1_250_000, lang="ar") == "1.250.000"
    assert fmt.number(1250.5, 1, lang="ar") == "1.250,5"
    assert fmt.money(1_250_000, lang="ar") == "1.250.000 درهم"
    assert fmt.mdh(1_250_000, lang="ar") == "1,25 مليون درهم"
    assert fmt.percent(0.125, 1, lang="ar") == "12,5 %"
    assert fmt.number(None, lang="ar") == "—"
    assert not any("\u0660" <= c <= "\u0669" for c in fmt.money(9_876_543, lang="ar"))


def test_dates() -> None:
    d = dt.date(2026, 11, 30)
    assert fmt.date(d) == "30/11/2026"
    assert fmt.date(d, lang="ar") == "30/11/2026"
    assert fmt.date(d, "long") == "30 novembre 2026"
    assert fmt.date(d, "long", lang="ar") == "30 نونبر 2026"
    assert fmt.date(None) == "—"
    moment = dt.datetime(2026, 11, 30, 14, 5)
    assert fmt.datetime(moment) == "30/11/2026 14:05"
    assert fmt.datetime(moment, "long") == "30 novembre 2026 à 14:05"
    assert fmt.datetime(moment, "long", lang="ar") == "30 نونبر 2026، 14:05"
    assert fmt.date(moment, "day") == "30/11"
