"""An Arabic project title gets the same competence suggestion as its French twin (issue 10, item 6),
and the competences catalogue's corrections (issue 14) — on the shipped data/competences.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pac.domain import subsidiarity as rules
from pac.domain import vocab

ROOT = Path(__file__).resolve().parent.parent
ROWS = list(csv.DictReader((ROOT / "data" / "competences.csv").open(encoding="utf-8")))
RANK = {lvl: i for i, lvl in enumerate(vocab.COMPETENCE_LEVELS)}
# Ordered as the service orders them (own competences first): ties go to the first.
COMPS = tuple(
    rules.CompetenceRef(
        r["code"],
        r["level"],
        r["sector_code"] or None,
        tuple(k.strip() for k in f"{r['keywords']};{r['keywords_ar']}".split(";") if k.strip()),
        r["domain_fr"],
    )
    for r in sorted(ROWS, key=lambda r: (RANK[r["level"]], r["code"]))
)


def code(title: str, sector: str | None = None) -> str | None:
    s = rules.suggest(title, sector, COMPS)
    return s.competence_code if s else None


TWINS = [
    (
        "Adduction d'eau potable des douars Ikiss et Tizi",
        "تزويد دواري إيكيس وتيزي بالماء الصالح للشرب",
        "water",
    ),
    ("Ouverture de piste vers le douar Agadir", "فتح مسلك نحو دوار أكادير", "roads"),
    ("Construction d'une école primaire à Tinzert", "بناء مدرسة ابتدائية بتنزرت", "education"),
    ("Éclairage public du centre", "الإنارة العمومية للمركز", "electricity"),
    ("Aménagement d'un terrain de sport de proximité", "تهيئة ملعب القرب", "youth_sport"),
    ("Création d'un foyer féminin", "إحداث مركز نسوي", "social"),
    ("Collecte des déchets ménagers", "جمع النفايات المنزلية", "sanitation"),
    ("Construction d'une maison de jeunes", "بناء دار الشباب", "youth_sport"),
    ("Réhabilitation des khettaras et séguias", "إصلاح الخطارات والسواقي", "water"),
    ("Transport scolaire pour les filles", "النقل المدرسي للفتيات", "education"),
]


@pytest.mark.parametrize(("french", "arabic", "sector"), TWINS)
def test_an_arabic_title_gets_the_suggestion_of_its_french_twin(
    french: str, arabic: str, sector: str
) -> None:
    expected = code(french, sector)
    assert expected is not None, french
    assert code(arabic, sector) == expected, (arabic, rules.suggest(arabic, sector, COMPS))
    assert code(arabic, None) == code(french, None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("المدرسة الإبتدائية", "المدرسه الابتدائيه"),  # hamza under alef, ta marbuta
        ("مَدْرَسَةٌ", "مدرسه"),  # diacritics
        ("آبار", "ابار"),
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مؤسسة", "موسسه"),
        ("ســوق", "سوق"),  # tatweel
    ],
)
def test_arabic_spellings_normalise_alike(a: str, b: str) -> None:
    assert rules.normalise(a) == rules.normalise(b)


def test_articles_and_proclitics_do_not_hide_a_keyword() -> None:
    for title in ("بالماء الصالح للشرب", "والماء الصالح للشرب", "للماء الصالح للشرب", "ماء صالح للشرب"):
        assert rules.matched_keywords(title, ["الماء الصالح للشرب"]) == ["الماء الصالح للشرب"], title
    assert rules.matched_keywords("مدرسة", ["المدرسة"]) == ["المدرسة"]
    assert rules.matched_keywords("السوق", ["السور"]) == []


def test_french_normalisation_is_unchanged() -> None:
    assert rules.normalise("Réseau d'eau") == "reseau d eau"
    assert rules.normalise("Piste — douar Aït Ali (2 km)") == "piste douar ait ali 2 km"


def test_catalogue_corrections() -> None:
    by = {r["code"]: r for r in ROWS}
    assert by["SH_NATIONAL_ROADS_URBAN"]["article"] == "LO 113-14 art. 87"
    for r in ROWS:  # no row is « verified in a text » without naming its article
        assert not (r["verified"] == "true" and not r["article"].strip()), r["code"]
        assert r["keywords_ar"].strip(), r["code"]
    assert (
        "instituts sportifs" in by["SH_SPORT"]["domain_fr"]
        and "complexes" in by["SH_SPORT"]["domain_fr"].lower()
    )
    assert (
        "médinas" in by["SH_TOURISM_SITES"]["domain_fr"] and "corniches" in by["SH_RIVERBANKS"]["domain_fr"]
    )
    with_piste = [r["code"] for r in ROWS if "piste" in [k.strip() for k in r["keywords"].split(";")]]
    assert with_piste == ["SH_COMMUNAL_ROADS"]
    assert not any("pompage solaire" in r["keywords"] for r in ROWS)
    assert code("Ouverture de piste rurale vers Tizi") == "SH_COMMUNAL_ROADS"
    assert code("Entretien de la route nationale traversant le centre") == "SH_NATIONAL_ROADS_URBAN"
