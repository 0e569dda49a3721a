"""Rules of the SWOT: the quadrant of each kind of finding, drafts, numbering, order, merge, support."""

from __future__ import annotations

import pytest

from pac.domain import swot
from pac.domain.swot import DraftFinding, Placed


def test_kinds_map_to_quadrants_internal_then_external() -> None:
    assert {k: swot.quadrant_for(k) for k in ("asset", "constraint", "need", "potential", "risk")} == {
        "asset": "S",
        "constraint": "W",
        "need": "W",
        "potential": "O",
        "risk": "T",
    }
    assert swot.is_internal("S") and swot.is_internal("W")
    assert not swot.is_internal("O") and not swot.is_internal("T")
    with pytest.raises(KeyError):
        swot.quadrant_for("opinion")


def test_draft_groups_by_quadrant_and_sector_in_catalogue_order() -> None:
    findings = [
        DraftFinding(1, "constraint", "water", "Coupures d'eau en été"),
        DraftFinding(2, "need", "water", "Un château d'eau au douar Tagmout"),
        DraftFinding(3, "asset", "local_economy", "Coopératives d'argan actives"),
        DraftFinding(4, "risk", None, "Sécheresses répétées"),
        DraftFinding(5, "potential", "tourism", "Randonnée dans l'Anti-Atlas"),
        DraftFinding(6, "constraint", "health", "Dispensaire éloigné"),
    ]
    props = swot.propose(
        findings,
        sector_order=["water", "health", "local_economy", "tourism"],
        sector_labels={"water": "Eau potable"},
    )
    assert [(p.quadrant, p.sector_code, p.finding_ids) for p in props] == [
        ("S", "local_economy", (3,)),
        ("W", "water", (1, 2)),  # constraint and need: both internal weaknesses, same sector → one item
        ("W", "health", (6,)),
        ("O", "tourism", (5,)),
        ("T", None, (4,)),  # transversal findings still get a proposal
    ]
    assert props[0].text == "Coopératives d'argan actives"  # a single finding proposes its own words
    assert props[1].text == "Eau potable : Coupures d'eau en été ; Un château d'eau au douar Tagmout"


def test_draft_skips_findings_already_cited_and_keys_change_with_the_group() -> None:
    findings = [DraftFinding(1, "constraint", "water", "A"), DraftFinding(2, "constraint", "water", "B")]
    first = swot.propose(findings)
    assert len(first) == 1
    again = swot.propose(findings, already_linked={1})
    assert again[0].finding_ids == (2,) and again[0].key != first[0].key
    assert swot.propose(findings, already_linked={1, 2}) == []
    assert swot.propose(findings) == first  # same findings, same key: a rejection sticks


def test_draft_summary_stays_short_and_counts_what_it_left_out() -> None:
    findings = [
        DraftFinding(i, "risk", "environment", f"Constat numéro {i} " + "x" * 80) for i in range(1, 12)
    ]
    (p,) = swot.propose(findings, sector_labels={"environment": "Environnement"})
    assert len(p.text) <= swot.GROUP_TEXT_MAX + 10
    assert p.text.startswith("Environnement : Constat numéro 1")
    assert p.text.endswith(")") and "(+" in p.text
    assert p.finding_ids == tuple(range(1, 12))  # every finding stays linked, even those not quoted


def test_duplicate_texts_are_quoted_once() -> None:
    findings = [
        DraftFinding(1, "asset", "water", "Sources abondantes."),
        DraftFinding(2, "asset", "water", "sources  abondantes"),
    ]
    assert swot.propose(findings)[0].text == "Sources abondantes"


def test_numbers_follow_position_within_each_quadrant() -> None:
    items = [
        Placed(10, "S", 2),
        Placed(11, "S", 0),
        Placed(12, "W", 5),
        Placed(13, "T", 0),
        Placed(14, "S", 0),
    ]
    assert swot.numbers(items, {"S": "F", "W": "Fa", "O": "O", "T": "M"}) == {
        11: "F1",
        14: "F2",
        10: "F3",
        12: "Fa1",
        13: "M1",
    }


def test_shifted_moves_and_clamps() -> None:
    assert swot.shifted([1, 2, 3], 3, -1) == [1, 3, 2]
    assert swot.shifted([1, 2, 3], 1, -1) == [1, 2, 3]
    assert swot.shifted([1, 2, 3], 1, 5) == [2, 3, 1]


def test_merge_keeps_both_texts_unless_one_says_it_all() -> None:
    assert swot.merged_text("Pistes dégradées", "Douars enclavés") == "Pistes dégradées ; Douars enclavés"
    assert swot.merged_text("Pistes dégradées en hiver", "pistes dégradées") == "Pistes dégradées en hiver"
    assert swot.merged_text("Pistes", "Pistes dégradées") == "Pistes dégradées"
    assert swot.merged_findings([1, 2], [2, 3]) == [1, 2, 3]


def test_unsupported_items_are_flagged() -> None:
    assert swot.unsupported({1: [4, 5], 2: [], 3: ()}) == {2, 3}
