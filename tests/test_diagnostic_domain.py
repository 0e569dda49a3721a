"""Rules of the diagnostic: checking a finding, reading an import file, key figures, finances, summaries."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pac.domain import diagnostic as d
from pac.domain import diagnostic_import as fi
from pac.domain.errors import Collector, DomainError

SECTORS = {
    "water": "Eau potable",
    "health": "Santé",
    "local_economy": "Économie locale, artisanat et coopératives",
}
DOUARS = {1: "Tagmout", 2: "Aït Ali", 3: "Id Ou Moussa"}


def clean(values: dict) -> tuple[d.FindingData | None, Collector]:
    c = Collector()
    return d.clean_finding(c, values, sectors=SECTORS, douars=DOUARS), c


def test_a_finding_accepts_codes_labels_and_usual_words() -> None:
    data, c = clean(
        {
            "source": "Atelier de diagnostic",
            "kind": "problème",
            "text": "  Pas d'eau en été ",
            "sector": "eau potable",
            "douars": "tagmout; AIT ALI",
            "raised_by": "Femmes",
        }
    )
    assert not c
    assert data == d.FindingData(
        "diagnostic_workshop", "water", "constraint", "Pas d'eau en été", "women", (1, 2)
    )
    data, _ = clean({"source": "monograph", "kind": "potential", "text": "Argan", "douars": [3, 3]})
    assert data is not None and data.douar_ids == (3,) and data.sector_code is None and data.raised_by == ""


def test_every_bad_value_of_a_finding_is_named_in_french() -> None:
    data, c = clean(
        {
            "source": "journal",
            "kind": "",
            "text": "<script>alert(1)</script>",
            "sector": "Pêche",
            "douars": "Tagmout, Nulle-part",
            "raised_by": "martiens",
        }
    )
    assert data is None
    by_field = {p.field: p.message for p in c.problems}
    assert set(by_field) == {d.F_SOURCE, d.F_KIND, d.F_TEXT, d.F_SECTOR, d.F_DOUARS, d.F_VOICE}
    assert "balises HTML" in by_field[d.F_TEXT]
    assert "« Nulle-part »" in by_field[d.F_DOUARS] and "Tagmout" not in by_field[d.F_DOUARS]
    assert "obligatoire" in by_field[d.F_KIND]


def test_text_length_is_bounded() -> None:
    _, c = clean({"source": "monograph", "kind": "asset", "text": "x" * (d.TEXT_MAX + 1)})
    assert [p.field for p in c.problems] == [d.F_TEXT]


# --------------------------------------------------------------------------- import


def test_csv_with_semicolons_in_windows_encoding_keeps_the_spreadsheet_line_numbers() -> None:
    text = "Constat;Type;Source;Secteur\nCoupures d'eau;Contrainte;Monographie;Eau potable\n;;;\nSoins;Besoin;AIF;Santé\n"
    df = fi.read_table("constats.csv", text.encode("cp1252"))
    assert list(df.columns) == ["Constat", "Type", "Source", "Secteur"]
    assert list(df.index) == [2, 4]  # the empty line 3 is dropped, lines keep their numbers
    mapping = fi.guess_mapping(list(df.columns))
    assert mapping == {
        "text": "Constat",
        "text_ar": None,  # no Arabic column: each text is filed by its script
        "kind": "Type",
        "source": "Source",
        "sector": "Secteur",
        "douars": None,
        "raised_by": None,
    }
    checked = fi.check_rows(df, mapping, sectors=SECTORS, douars=DOUARS)
    assert checked.ok and [r.kind for r in checked.rows] == ["constraint", "need"]
    assert checked.rows[1].source == "institutional"


def test_xlsx_is_read_and_bad_rows_are_reported_by_line_and_file_column() -> None:
    buf = io.BytesIO()
    pd.DataFrame(
        {
            "Libellé": ["Dispensaire loin", "", "Argan"],
            "Nature": ["Contrainte", "Atout", "Opinion"],
            "Origine": ["Atelier thématique", "Monographie", "Monographie"],
            "Douar": ["Tagmout", "", "Inconnu"],
        }
    ).to_excel(buf, index=False)
    df = fi.read_table("diag.xlsx", buf.getvalue())
    mapping = fi.guess_mapping(list(df.columns))
    assert mapping["text"] == "Libellé" and mapping["kind"] == "Nature" and mapping["source"] == "Origine"
    assert mapping["douars"] == "Douar"
    checked = fi.check_rows(df, mapping, sectors=SECTORS, douars=DOUARS)
    assert not checked.ok
    messages = [str(p) for p in checked.problems]
    assert any(m.startswith("Ligne 3, champ « Libellé (Constat) »") and "obligatoire" in m for m in messages)
    assert any(m.startswith("Ligne 4, champ « Nature (Type de constat) »") for m in messages)
    assert any(m.startswith("Ligne 4, champ « Douar (Douar(s)) »") and "Inconnu" in m for m in messages)
    assert len(checked.rows) == 1  # line 2 alone is right; the import still refuses the whole file


@pytest.mark.parametrize(
    "name,data,words",
    [
        ("x.csv", b"", "vide"),
        ("x.pdf", b"%PDF-1.4", "format non reconnu"),
        ("x.xls", b"\xd0\xcf\x11\xe0", ".xlsx"),
        ("x.xlsx", b"not a zip at all", "classeur Excel"),
        ("x.csv", b"Constat\n", "aucune ligne"),
        ("x.csv", b"a,\x00b\n1,2", "binaire"),
    ],
)
def test_malformed_files_are_refused_in_french(name: str, data: bytes, words: str) -> None:
    with pytest.raises(DomainError) as e:
        fi.read_table(name, data)
    assert words in str(e.value)


def test_mapping_needs_the_required_fields_and_distinct_columns() -> None:
    with pytest.raises(DomainError) as e:
        fi.check_mapping({"text": "A", "kind": "A", "source": None}, ["A", "B"])
    text = str(e.value)
    assert "Source" in text and "plusieurs champs" in text


# --------------------------------------------------------------------------- key figures, douars, population


def test_key_figures_drop_unknown_values_and_check_the_others() -> None:
    rows = [
        {"code": "access_water", "label": "Eau", "sex": "all", "value": 58, "unit": "%", "year": 2021},
        {"code": "access_electricity", "label": "Électricité", "sex": "all", "value": None},
        {"code": "", "label": "Pistes communales", "sex": "Ensemble", "value": "62", "unit": "km"},
        {"code": "schooling_primary", "label": "Primaire", "sex": "Femmes", "value": 91},
    ]
    out = d.clean_figures(rows)
    assert [(f.code, f.sex, f.value, f.unit) for f in out] == [
        ("access_water", "all", 58, "%"),
        ("pistes_communales", "all", 62, "km"),
        ("schooling_primary", "f", 91, "%"),
    ]
    with pytest.raises(DomainError) as e:
        d.clean_figures(
            [
                {"code": "access_water", "label": "Eau", "value": 130, "unit": "%"},
                {"code": "x", "label": "", "value": 3},
                {"code": "y", "label": "Y", "value": 3, "sex": "autre"},
                {"label": "Population", "value": 5000, "unit": "hab."},
            ]
        )
    fields = [p.field for p in e.value.problems]
    assert "Valeur — Eau" in fields and "Indicateur" in fields and "Sexe — Y" in fields
    assert any("au-dessus du tableau" in p.message for p in e.value.problems)


def test_douars_need_unique_names_and_sane_numbers() -> None:
    assert [x.name for x in d.clean_douars([{"name": "Tagmout", "population": 300}, {"name": None}])] == [
        "Tagmout"
    ]
    with pytest.raises(DomainError) as e:
        d.clean_douars([{"name": "Aït Ali"}, {"name": "ait ali", "population": -3}])
    assert {p.field for p in e.value.problems} == {"Douar", "Population"}


def test_population_by_sex_must_add_up() -> None:
    assert (
        d.clean_population({"population": 100, "population_women": 52, "population_men": 48})["population"]
        == 100
    )
    with pytest.raises(DomainError, match="ne font pas la population totale"):
        d.clean_population({"population": 100, "population_women": 50, "population_men": 49})


# --------------------------------------------------------------------------- finances and summaries


def test_finances_are_checked_and_give_the_capacity_table() -> None:
    rows = d.clean_finances(
        [
            {
                "year": 2022,
                "own_revenues": 1_000_000,
                "vat_share": "7 500 000",
                "operating_expenses": 6_000_000,
                "debt_service": 400_000,
                "is_forecast": "oui",
            },
            {
                "year": 2021,
                "own_revenues": 900_000,
                "vat_share": 7_000_000,
                "operating_expenses": 6_100_000,
                "capacity_override": -50_000,
            },
            {"year": None, "own_revenues": None},  # an empty line
        ]
    )
    assert [r.figures.year for r in rows] == [2021, 2022]
    table = d.finance_table([r.figures for r in rows])
    assert table.loc[1, "surplus"] == 2_500_000 and table.loc[1, "investment_capacity"] == 2_100_000
    assert bool(table.loc[1, "is_forecast"]) and table.loc[0, "investment_capacity"] == -50_000
    with pytest.raises(DomainError) as e:
        d.clean_finances(
            [{"year": 2021, "own_revenues": -5}, {"year": 2021, "vat_share": "beaucoup"}, {"year": 1850}]
        )
    fields = sorted(p.field for p in e.value.problems)
    assert fields == ["Année", "Année", "Part de la TVA", "Recettes propres"]


def test_summaries_count_by_sector_and_compare_women_with_others() -> None:
    df = pd.DataFrame(
        [
            {
                "sector_code": "water",
                "kind": "constraint",
                "source": "diagnostic_workshop",
                "raised_by": "women",
            },
            {"sector_code": "water", "kind": "need", "source": "diagnostic_workshop", "raised_by": "women"},
            {"sector_code": "health", "kind": "need", "source": "thematic_workshop", "raised_by": "women"},
            {
                "sector_code": "roads",
                "kind": "constraint",
                "source": "diagnostic_workshop",
                "raised_by": "elected",
            },
            {"sector_code": "roads", "kind": "constraint", "source": "monograph", "raised_by": ""},
            {"sector_code": "roads", "kind": "asset", "source": "monograph", "raised_by": "youth"},
            {"sector_code": None, "kind": "risk", "source": "monograph", "raised_by": ""},
        ]
    )
    by_kind = d.counts_by_sector(df, "kind").set_index("sector_code")
    assert list(by_kind.index[:1]) == ["roads"] and by_kind.loc["roads", "constraint"] == 2
    assert by_kind.loc["", "risk"] == 1 and by_kind["total"].sum() == 7
    women = d.women_versus_others(df).set_index("sector_code")
    assert women.loc["water", "women"] == 2 and women.loc["water", "women_rank"] == 1
    assert women.loc["roads", "others_rank"] == 1 and women.loc["roads", "women"] == 0
    assert women["women_share"].sum() == pytest.approx(1) and women["others_share"].sum() == pytest.approx(1)
    assert d.counts_by_sector(df.iloc[0:0], "source").empty and d.women_versus_others(df.iloc[0:0]).empty
