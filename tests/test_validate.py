"""Field validators: every refusal names the field in French."""

from __future__ import annotations

import datetime as dt

import pytest

from pac.domain import validate as v
from pac.domain.errors import Collector, DomainError, Problem


def test_text_refuses_html_and_script_and_overlong() -> None:
    c = Collector()
    assert v.text(c, "Titre", "  Piste  ") == "Piste"
    v.text(c, "Titre", "<script>alert(1)</script>")
    v.text(c, "Titre", "x" * 11, max_len=10)
    v.text(c, "Titre", " ", required=True)
    assert [p.field for p in c.problems] == ["Titre"] * 3
    assert "balises HTML" in c.problems[0].message
    assert "10 caractères" in c.problems[1].message
    assert "obligatoire" in c.problems[2].message


def test_text_accepts_lesser_than_in_prose() -> None:
    c = Collector()
    v.text(c, "Texte", "taux < 30 % et 2<3")
    assert not c


@pytest.mark.parametrize(
    "raw, expected", [("1 250 000", 1_250_000), ("12,5", 12.5), (7, 7.0), ("1\u202f000", 1000)]
)
def test_number_reads_french_typing(raw: object, expected: float) -> None:
    c = Collector()
    assert v.number(c, "Coût", raw) == expected
    assert not c


@pytest.mark.parametrize(
    "raw, message",
    [
        ("-1", "supérieure ou égale à 0"),
        ("abc", "n'est pas un nombre"),
        (True, "n'est pas un nombre"),
        ("nan", "n'est pas un nombre"),
    ],
)
def test_number_refusals(raw: object, message: str) -> None:
    c = Collector()
    assert v.number(c, "Coût (DH)", raw) is None
    assert c.problems[0].field == "Coût (DH)" and message in c.problems[0].message


def test_integer_year_choice_date() -> None:
    c = Collector()
    assert v.integer(c, "Ménages", "12") == 12
    assert v.integer(c, "Ménages", "1,5") is None
    assert v.year(c, "Année", 2031, first=2022, last=2027) is None
    assert (
        v.choice(c, "Statut", "Retenu", ["proposed", "retained"], labels={"retained": "Retenu"}) == "retained"
    )
    assert v.choice(c, "Statut", "peut-être", ["proposed", "retained"]) is None
    assert v.date(c, "Date", "04/03/2022") == dt.date(2022, 3, 4)
    assert v.date(c, "Date", "2022-13-40") is None
    assert [p.field for p in c.problems] == ["Ménages", "Année", "Statut", "Date"]


def test_problem_says_where() -> None:
    p = Problem("cost", "la valeur doit être positive.", sheet="projects", row=7)
    assert str(p) == "Feuille « projects », ligne 7, colonne « cost » : la valeur doit être positive."
    assert str(Problem("Nom", "obligatoire.")) == "Champ « Nom » : obligatoire."
    Collector().raise_if_any()  # nothing collected: no error
    c = Collector()
    c.add("Nom", "obligatoire.")
    with pytest.raises(DomainError) as e:
        c.raise_if_any()
    assert e.value.messages == ["Champ « Nom » : obligatoire."]


def test_slugify() -> None:
    assert v.slugify("Azaghar N'Irs") == "azaghar-n-irs"
    assert v.slugify("Aït Baha — Centre") == "ait-baha-centre"


def test_absurd_sizes_and_non_scalar_values_are_refused() -> None:
    c = Collector()
    assert v.number(c, "Montant", 1e308) is None
    assert v.integer(c, "Population", 10**25) is None
    assert v.text(c, "Titre", {"a": 1}) == ""
    assert v.text(c, "Titre", ["x"]) == ""
    assert [p.field for p in c.problems] == ["Montant", "Population", "Titre", "Titre"]
    assert "trop grande" in c.problems[0].message and "type de valeur" in c.problems[2].message


def test_every_refusal_of_the_validators_reads_in_arabic() -> None:
    """The validators write French; a reader of Arabic gets each refusal in Arabic (kit.widgets.show_error)."""
    import re

    from pac.domain import validate as val
    from pac.domain.errors import Collector

    c = Collector()
    val.text(c, "f", "", required=True)
    val.text(c, "f", ["x"])
    val.text(c, "f", "x" * 12, max_len=10)
    val.text(c, "f", "<script>")
    val.text(c, "f", "a\x00b")
    val.number(c, "f", None, required=True)
    val.number(c, "f", "abc")
    val.number(c, "f", 1e14)
    val.number(c, "f", -1)
    val.number(c, "f", 9, maximum=5)
    val.integer(c, "f", "1.5")
    val.year(c, "f", 1800, first=2000, last=2030)
    val.choice(c, "f", "zz", ("a", "b"))
    val.date(c, "f", "32/13/2022")
    val.date(c, "f", None, required=True)
    assert len(c.problems) == 15
    for p in c.problems:
        said = val.in_lang(p, "ar")
        assert said.lang == "ar" and said is not p, p.message
        assert not re.search(
            r"[A-Za-zÀ-ÿ]{4,}",
            said.message.replace("HTML", "").replace("AAAA-MM-JJ", "").replace("JJ/MM/AAAA", ""),
        ), (p.message, said.message)
    assert val.in_lang(c.problems[0], "fr") is c.problems[0]


def test_a_grid_refusal_is_said_wholly_in_arabic_row_field_and_message() -> None:
    """A grid names the row and the field: for an Arabic reader both are in Arabic too (the field through
    the translation table's twin of its French label)."""
    from pac.domain.errors import Problem
    from pac.domain.validate import in_lang
    from pac.i18n import t

    c = Collector()
    v.number(c, "Part de la TVA", "-5000")
    french = c.problems[0]
    p = in_lang(Problem(french.field, french.message, row=6), "ar")
    said = str(p)
    assert said.startswith(f"السطر 6، حقل « {t('diag.fin.vat_share', 'ar')} »"), said
    assert not any("a" <= ch.lower() <= "z" for ch in said), said
    # a field with no twin in the table keeps its name; a French reader's message is unchanged
    assert "« Zorglub »" in str(in_lang(Problem("Zorglub", french.message), "ar"))
    assert in_lang(french, "fr") == french
