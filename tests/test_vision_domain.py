"""Rules of the strategy: codes, ordering, values and the SWOT links both ways."""

from __future__ import annotations

import pytest

from pac.domain import vision as r
from pac.domain.errors import Collector, DomainError


def test_axis_codes() -> None:
    assert r.axis_code([]) == "A1"
    assert r.axis_code(["A1", "A3", "X9"]) == "A4"
    assert r.axis_code(["AXE-1", "AXE-2"]) == "AXE-3"


def test_increment_keeps_the_width_of_the_number() -> None:
    assert r.increment("P09") == "P10"
    assert r.increment("A1.O2") == "A1.O3"
    assert r.increment("P1.2.9") == "P1.2.10"
    assert r.increment("ENV") == "ENV1"


def test_default_codes_spell_the_parent_number() -> None:
    assert r.objective_code("A2") == "O2.1"
    assert r.project_code("O2.3") == "P2.3.1"
    assert r.objective_code("ENV") == "OENV.1"  # a free code is kept whole


def test_hierarchical_codes_continue_the_siblings() -> None:
    family = [("A1", "A1.O1"), ("A1", "A1.O2"), ("A2", "A2.O1")]
    assert r.objective_code("A1", family) == "A1.O3"
    assert r.objective_code("A3", family) == "A3.O1"  # first child: the cousins' pattern
    projects = [("O1.1", "P1.1.1"), ("O1.1", "P1.1.2"), ("O1.2", "P1.2.1")]
    assert r.project_code("O1.1", projects) == "P1.1.3"
    assert r.project_code("O2.1", projects) == "P2.1.1"


def test_codes_numbered_through_the_plan_take_the_next_plan_number() -> None:
    family = [("A1.O1", "P01"), ("A1.O1", "P02"), ("A2.O1", "P09")]
    assert r.project_code("A1.O1", family) == "P10"
    assert r.project_code("A5.O9", family) == "P10"


def test_a_suggested_code_is_never_taken() -> None:
    family = [("A1", "A1.O1"), ("A1", "A1.O3"), ("A2", "A1.O4")]  # an objective moved to another axis
    assert r.objective_code("A1", family) == "A1.O5"


def test_code_validation_names_the_field() -> None:
    c = Collector()
    assert r.code(c, "Code", "A1") == "A1"
    assert r.code(c, "Code", " O1.2 ") == "O1.2"
    assert not c
    r.code(c, "Code", "")
    r.code(c, "Code", "axe 1")
    r.code(c, "Code", "é1")
    r.code(c, "Code", "A" * 21)
    assert len(c.problems) == 4
    assert all(p.field == "Code" for p in c.problems)
    assert "obligatoire" in c.problems[0].message


def test_code_of_exactly_twenty_characters_is_accepted() -> None:
    c = Collector()
    r.code(c, "Code", "A" * 20)
    assert not c


@pytest.mark.parametrize(
    ("step", "expected"),
    [(-1, [2, 1, 3]), (1, [1, 3, 2]), (-5, [2, 1, 3]), (5, [1, 3, 2]), (0, [1, 2, 3])],
)
def test_moving_an_item_is_clamped_at_both_ends(step: int, expected: list[int]) -> None:
    assert r.moved([1, 2, 3], 2, step) == expected


def test_moving_first_up_or_last_down_changes_nothing() -> None:
    assert r.moved([1, 2, 3], 1, -1) == [1, 2, 3]
    assert r.moved([1, 2, 3], 3, 1) == [1, 2, 3]
    assert r.moved([1, 2, 3], 9, 1) == [1, 2, 3]


def test_natural_order_of_codes() -> None:
    assert sorted(["P1.10", "P1.2", "P1.1"], key=r.natural_key) == ["P1.1", "P1.2", "P1.10"]


def test_swot_links_flag_lonely_objectives_and_unanswered_weaknesses_and_threats() -> None:
    items = [
        r.SwotRef(1, "S", "argan"),
        r.SwotRef(2, "W", "eau"),
        r.SwotRef(3, "T", "sécheresse"),
        r.SwotRef(4, "O", "diaspora"),
        r.SwotRef(5, "W", "pistes"),
    ]
    objectives = [
        r.ObjectiveRef(10, "O1.1", frozenset({2, 1})),
        r.ObjectiveRef(11, "O1.2", frozenset()),
        r.ObjectiveRef(12, "O2.1", frozenset({99})),  # a link to an item since deleted
    ]
    report = r.swot_links(objectives, items)
    assert report.objectives_without_link == (11, 12)
    assert report.unanswered == (3, 5)  # strengths and opportunities need no answer
    assert report.answered_by == {1: (10,), 2: (10,)}
    assert not report.ok


def test_swot_links_all_answered() -> None:
    items = [r.SwotRef(2, "W", "eau"), r.SwotRef(3, "T", "sécheresse")]
    report = r.swot_links([r.ObjectiveRef(1, "O1", frozenset({2, 3}))], items)
    assert report.ok
    assert report.answered_by == {2: (1,), 3: (1,)}


def test_swot_links_without_swot_flags_every_objective_but_no_item() -> None:
    report = r.swot_links([r.ObjectiveRef(1, "O1", frozenset())], [])
    assert report.objectives_without_link == (1,)
    assert report.unanswered == ()


def test_values_are_trimmed_blanks_dropped_duplicates_refused() -> None:
    c = Collector()
    assert r.clean_values(c, [" Transparence ", "", "Équité", None]) == ["Transparence", "Équité"]
    assert not c
    r.clean_values(c, ["Équité", "équité"])
    r.clean_values(c, ["<script>x</script>"])
    assert [p.field for p in c.problems] == ["Valeurs (n° 2)", "Valeurs (n° 1)"]
    with pytest.raises(DomainError):
        c.raise_if_any()


def test_at_most_thirty_values() -> None:
    c = Collector()
    r.clean_values(c, [f"valeur {i}" for i in range(30)])
    assert not c
    r.clean_values(c, [f"valeur {i}" for i in range(31)])
    assert c.problems[0].field == "Valeurs"
