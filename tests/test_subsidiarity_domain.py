"""Subsidiarity rules: competence suggestion, warnings (each rule and its boundaries), summary, own share."""

from __future__ import annotations

import pytest

from pac.domain import subsidiarity as r

C = r.CompetenceRef
CATALOGUE = [  # catalogue order: own first, then shared, transferred, province, region, State, public bodies
    C(
        "OWN_WATER",
        "own",
        "water",
        ("eau potable", "adduction", "AEP", "réseau d'eau"),
        "Distribution de l'eau potable",
    ),
    C("OWN_LIGHTING", "own", "electricity", ("éclairage public", "lampadaire"), "Éclairage public"),
    C(
        "SH_SCHOOL_MAINTENANCE",
        "shared",
        "education",
        ("école primaire", "réhabilitation école"),
        "Entretien des écoles de l'enseignement primaire",
    ),
    C(
        "SH_COMMUNAL_ROADS",
        "shared",
        "roads",
        ("piste", "route communale"),
        "Construction et entretien des routes",
    ),
    C(
        "SH_WOMEN_CENTRES",
        "shared",
        "social",
        ("foyer féminin",),
        "Création et entretien des foyers féminins",
    ),
    C("TR_HYDRAULIC", "transferred", "water", ("séguia", "khettara"), "Ouvrages hydrauliques"),
    C("PROV_SCHOOL_TRANSPORT", "province", "education", ("transport scolaire",), "Transport scolaire"),
    C("STATE_SCHOOLS", "state", "education", ("construction d'école", "collège"), "Construction des écoles"),
    C(
        "STATE_CLASSIFIED_ROADS",
        "state",
        "roads",
        ("route régionale", "route provinciale"),
        "Routes classées",
    ),
    C("PB_ONEE_WATER", "public_body", "water", ("adduction", "forage"), "ONEE eau"),
]
PARTNERS = ["COMMUNE", "CONSEIL_PROV", "CONSEIL_REG", "DP_EDUCATION", "DP_EQUIPEMENT", "ONEE_EAU", "ENTRAIDE"]


def suggest(title: str, sector: str | None = None, description: str = "") -> r.Suggestion | None:
    return r.suggest(title, sector, CATALOGUE, description, PARTNERS)


# --------------------------------------------------------------------------- suggestion


def test_words_of_the_title_find_the_competence_whatever_accents_case_and_plural() -> None:
    s = suggest("ADDUCTION D'EAU POTABLE de 13 douars", "water")
    assert s is not None and s.competence_code == "OWN_WATER"
    assert s.level == "own" and s.lead_code == "COMMUNE" and s.partners == ()
    assert s.confidence == "strong"
    assert "PB_ONEE_WATER" in s.alternatives
    s = suggest("Réhabilitation des SÉGUIAS du douar")
    assert s is not None and s.competence_code == "TR_HYDRAULIC"
    s = suggest("Lampadaires solaires", "electricity")
    assert s is not None and s.competence_code == "OWN_LIGHTING"


def test_building_a_school_is_the_state_not_the_communes_maintenance() -> None:
    s = suggest("Construction d'une école primaire au douar Tizi", "education")
    assert s is not None and s.competence_code == "STATE_SCHOOLS"
    assert s.lead_code == "DP_EDUCATION"
    assert s.partners == (("COMMUNE", "agreement"),)
    assert "SH_SCHOOL_MAINTENANCE" in s.alternatives


def test_maintaining_a_school_is_shared_with_an_agreement_partner() -> None:
    s = suggest("Réhabilitation de l'école primaire d'Imi", "education")
    assert s is not None and s.competence_code == "SH_SCHOOL_MAINTENANCE"
    assert s.lead_code == "COMMUNE" and s.partners == (("DP_EDUCATION", "agreement"),)


def test_rural_school_transport_goes_to_the_province() -> None:
    s = suggest("Transport scolaire pour les collégiennes", None)
    assert s is not None and s.competence_code == "PROV_SCHOOL_TRANSPORT"
    assert s.lead_code == "CONSEIL_PROV" and s.confidence == "medium"


def test_a_regional_road_is_a_state_road() -> None:
    s = suggest("Aménagement de la route régionale R105", "roads")
    assert s is not None and s.competence_code == "STATE_CLASSIFIED_ROADS" and s.lead_code == "DP_EQUIPEMENT"


def test_no_keyword_means_no_suggestion_even_with_a_sector() -> None:
    assert suggest("Étude de faisabilité", "water") is None
    assert suggest("", None) is None


def test_the_sector_breaks_a_tie_between_equal_word_matches() -> None:
    # « adduction » is a keyword of OWN_WATER and of PB_ONEE_WATER
    assert suggest("Adduction", None).competence_code == "OWN_WATER"  # type: ignore[union-attr]  # catalogue order
    cat = [C("A", "own", "x", ("puits",)), C("B", "state", "y", ("puits",))]
    assert r.suggest("Puits", "y", cat).competence_code == "B"  # type: ignore[union-attr]
    assert r.suggest("Puits", "x", cat).competence_code == "A"  # type: ignore[union-attr]
    assert r.suggest("Puits", None, cat).competence_code == "A"  # type: ignore[union-attr]


def test_the_description_counts_but_less_than_the_title() -> None:
    cat = [C("A", "own", None, ("souk",)), C("B", "shared", None, ("stade",))]
    assert r.suggest("Aménagement", None, cat, description="près du souk").competence_code == "A"  # type: ignore[union-attr]
    assert r.suggest("Stade", None, cat, description="près du souk").competence_code == "B"  # type: ignore[union-attr]


def test_a_word_inside_another_word_does_not_match() -> None:
    cat = [C("A", "own", None, ("eau",))]
    assert r.suggest("Réseau routier", None, cat) is None
    assert r.suggest("Château d'eau", None, cat) is not None


def test_the_longer_phrase_wins_and_a_nested_keyword_does_not_count_twice() -> None:
    assert r.matched_keywords("Ouverture de pistes", ["piste", "ouverture de piste"]) == [
        "ouverture de piste"
    ]
    assert r.matched_keywords("pistes rurales", ["piste rurale", "pistes rurales"]) == ["piste rurale"]


def test_articles_between_the_words_of_a_keyword_are_free() -> None:
    assert r.matched_keywords("construction d'une école", ["construction d'école"]) == [
        "construction d'école"
    ]
    assert r.matched_keywords("construction rapide d'école", ["construction d'école"]) == []


def test_suggested_actors_skip_partners_missing_from_the_catalogue() -> None:
    s = r.suggest("Construction d'école", "education", CATALOGUE, partner_codes=["COMMUNE"])
    assert s is not None and s.lead_code is None and s.partners == (("COMMUNE", "agreement"),)


def test_normalise() -> None:
    assert r.normalise("Réseau d'Eau — Aït Baha") == "reseau d eau ait baha"


# --------------------------------------------------------------------------- warnings


def st(
    level: str | None,
    lead: str | None,
    partners=(),
    confirmed: bool = True,
    competence: str | None = "X",
    status: str = "proposed",
    cost: float = 100.0,
) -> r.SubsidiarityState:  # type: ignore[no-untyped-def]
    return r.SubsidiarityState(
        1, cost, status, competence if level else None, level, lead, tuple(partners), confirmed
    )


def test_no_lead() -> None:
    assert r.NO_LEAD in r.warnings(st("own", None))
    assert r.NO_LEAD in r.warnings(st("own", ""))
    assert r.NO_LEAD not in r.warnings(st("own", "COMMUNE"))


@pytest.mark.parametrize("level", ["province", "region", "state", "public_body"])
def test_commune_as_sole_lead_on_a_competence_not_its_own(level: str) -> None:
    assert r.warnings(st(level, "COMMUNE")) == [r.COMMUNE_SOLE_LEAD]
    # a mere partner or funder does not make it an agreement
    assert r.warnings(st(level, "COMMUNE", [("INDH", "funder"), ("ASSOCIATIONS", "partner")])) == [
        r.COMMUNE_SOLE_LEAD
    ]
    # under an agreement, or led by someone else, it is fine
    assert r.warnings(st(level, "COMMUNE", [("DP_EDUCATION", "agreement")])) == []
    assert r.warnings(st(level, "DP_EDUCATION", [("COMMUNE", "agreement")])) == []
    assert r.warnings(st(level, "DP_EDUCATION")) == []


@pytest.mark.parametrize("level", ["own", "transferred"])
def test_commune_alone_on_its_own_or_transferred_competence_is_fine(level: str) -> None:
    assert r.warnings(st(level, "COMMUNE")) == []


def test_shared_competence_needs_an_agreement_partner_whoever_leads() -> None:
    assert r.warnings(st("shared", "COMMUNE")) == [r.SHARED_NO_AGREEMENT]
    assert r.warnings(st("shared", "COMMUNE", [("INDH", "funder")])) == [r.SHARED_NO_AGREEMENT]
    assert r.warnings(st("shared", "DP_SANTE")) == [r.SHARED_NO_AGREEMENT]
    assert r.warnings(st("shared", "COMMUNE", [("DP_SANTE", "agreement")])) == []


def test_no_competence_and_not_confirmed_are_reported_last() -> None:
    assert r.warnings(st(None, None, confirmed=False)) == [r.NO_LEAD, r.NO_COMPETENCE, r.NOT_CONFIRMED]
    # without a competence the commune lead cannot be judged
    assert r.warnings(st(None, "COMMUNE")) == [r.NO_COMPETENCE]


def test_commune_code_is_configurable() -> None:
    assert r.warnings(st("state", "LA_COMMUNE"), commune_code="LA_COMMUNE") == [r.COMMUNE_SOLE_LEAD]
    assert r.warnings(st("state", "COMMUNE"), commune_code="LA_COMMUNE") == []


def test_check_partners() -> None:
    assert r.check_partners("COMMUNE", [("INDH", "funder"), ("DP_SANTE", "agreement")]) == []
    problems = r.check_partners("COMMUNE", [("COMMUNE", "partner"), ("INDH", "boss"), ("INDH", "funder")])
    assert len(problems) == 3
    assert any("chef de file" in p for p in problems)
    assert any("deux fois" in p for p in problems)
    assert any("boss" in p for p in problems)


# --------------------------------------------------------------------------- summary and own share


def sp(
    pid: int, level: str | None, lead: str | None, cost: float, status: str = "retained"
) -> r.SubsidiarityState:
    return r.SubsidiarityState(pid, cost, status, level and f"C{pid}", level, lead, (), True)


PROGRAMME = [
    sp(1, "own", "COMMUNE", 1_000_000),
    sp(2, "own", "ONEE_EAU", 2_000_000),  # own competence but someone else leads: not own share
    sp(3, "shared", "COMMUNE", 3_000_000),  # shared: not own
    sp(4, "state", "DP_EDUCATION", 4_000_000, status="proposed"),
    sp(5, "own", "COMMUNE", 9_000_000, status="rejected"),  # rejected: outside the programme
    sp(6, None, None, 500_000),
]


def test_own_share_is_commune_led_own_competence_cost_over_programme_cost() -> None:
    own = r.own_share(PROGRAMME)
    assert own.own_cost == 1_000_000
    assert own.total_cost == 10_500_000
    assert (own.own_projects, own.total_projects) == (1, 5)
    assert own.share == pytest.approx(1_000_000 / 10_500_000)


def test_own_share_boundaries() -> None:
    assert r.own_share([]).share is None
    assert r.own_share([sp(1, "own", "COMMUNE", 0)]).share is None  # a programme costing nothing has no share
    assert r.own_share([sp(1, "own", "COMMUNE", 5)]).share == 1.0
    assert r.own_share([sp(1, "transferred", "COMMUNE", 5)]).share == 0.0
    assert (
        r.own_share([sp(1, "own", "COMMUNE", -5), sp(2, "state", "X", 5)]).share == 0.0
    )  # negative cost ignored


def test_by_level_follows_the_given_order_unset_last_rejected_left_out() -> None:
    groups = r.by_level(
        PROGRAMME, ("own", "shared", "transferred", "province", "region", "state", "public_body")
    )
    assert [(g.key, g.projects, g.cost) for g in groups] == [
        ("own", 2, 3_000_000),
        ("shared", 1, 3_000_000),
        ("state", 1, 4_000_000),
        (None, 1, 500_000),
    ]


def test_by_lead_commune_first_then_by_cost_unset_last() -> None:
    groups = r.by_lead(PROGRAMME)
    assert [(g.key, g.projects, g.cost) for g in groups] == [
        ("COMMUNE", 2, 4_000_000),
        ("DP_EDUCATION", 1, 4_000_000),
        ("ONEE_EAU", 1, 2_000_000),
        (None, 1, 500_000),
    ]


def test_programme_leaves_out_rejected_projects_only() -> None:
    assert [p.project_id for p in r.programme(PROGRAMME)] == [1, 2, 3, 4, 6]


def test_every_catalogue_row_is_found_from_its_french_and_from_its_arabic_keywords() -> None:
    """Issue #12: an Arabic title gets the same suggestion as its French twin.  Every competence of
    data/competences.csv has Arabic keywords, at least one of them leads to it, and so does a French one;
    a title made of the row's first French keyword and one made of its first Arabic keyword get the same
    competence."""
    import csv

    from pac.db import ROOT

    with open(ROOT / "data/competences.csv", encoding="utf-8") as f:
        catalogue = list(csv.DictReader(f))
    refs = [
        r.CompetenceRef(
            row["code"],
            row["level"],
            row["sector_code"] or None,
            tuple(k.strip() for k in f"{row['keywords']};{row['keywords_ar']}".split(";") if k.strip()),
            row["domain_fr"],
        )
        for row in catalogue
    ]

    def found(title: str) -> str | None:
        s = r.suggest(title, None, refs)
        return s.competence_code if s else None

    for row in catalogue:
        fr = [k.strip() for k in row["keywords"].split(";") if k.strip()]
        ar = [k.strip() for k in row["keywords_ar"].split(";") if k.strip()]
        assert ar, f"{row['code']} has no Arabic keyword"
        assert row["code"] in {found(k) for k in fr}, row["code"]
        assert row["code"] in {found(k) for k in ar}, row["code"]
        assert found(fr[0]) == found(ar[0]), (row["code"], fr[0], ar[0])
