"""The tables of the M&E system (committee, tools, calendar) and the measured values: a row, or a form, with
anything typed in it is checked and refused by name when it lacks a required field — never dropped under a
success message; only a row left wholly empty is ignored."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from bench.plan import seed_plan
from pac.db import Database
from pac.domain import monitoring as rules
from pac.domain.errors import DomainError
from pac.domain.validate import in_lang
from pac.services import monitoring

MEMBER = {"name": "Aïcha", "role": "ieeag", "sex": "f", "organisation": "Association des femmes"}
TOOL = {"name": "Visites de terrain", "frequency": "quarterly"}


@pytest.fixture
def seeded(catalogued_db: Database) -> tuple[Database, int]:
    _, pid = seed_plan(catalogued_db, projects=6, fundings=6, indicators=3, tracking=False)
    return catalogued_db, pid


def _empty(columns: tuple[str, ...], **defaults: object) -> dict[str, object]:
    """A table's new row left untouched: text columns hold "", select and date columns None."""
    return {c: defaults.get(c) for c in columns}


def _refusals(error: DomainError, lang: str = "fr") -> list[str]:
    """The messages as the page shows them (a validator's French said in `lang`)."""
    return [str(in_lang(p, lang)) for p in error.problems]


def test_a_row_is_empty_only_when_every_column_is():
    assert rules.is_empty_row({"name": "", "role": None, "sex": float("nan"), "is_ieeag": False}, ("name",))
    assert rules.is_empty_row({"is_ieeag": np.bool_(False)}, rules.MEMBER_COLUMNS)  # a column of booleans
    assert not rules.is_empty_row({"sex": "f"}, rules.MEMBER_COLUMNS)
    assert not rules.is_empty_row({"is_ieeag": True}, rules.MEMBER_COLUMNS)
    assert not rules.is_empty_row({"year": 2028}, rules.EVENT_COLUMNS)
    assert not rules.is_empty_row({"year": 0}, rules.EVENT_COLUMNS)  # zero is a value, refused by name
    # a column the table list does not know still counts
    assert not rules.is_empty_row({"comment": "à revoir"}, rules.TOOL_COLUMNS)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_committee_row_with_only_a_sex_is_refused_naming_its_row_and_the_role(seeded, lang: str) -> None:
    db, pid = seeded
    monitoring.save_committee(db, pid, [MEMBER])
    before = monitoring.load_system(db, pid).committee
    new = {
        **_empty(rules.MEMBER_COLUMNS, name="", name_ar="", organisation="", organisation_ar=""),
        "sex": "f",
    }
    with pytest.raises(DomainError) as e:
        monitoring.save_committee(db, pid, [MEMBER, new], lang=lang)
    assert [(p.row, p.field) for p in e.value.problems] == [(2, "Rôle" if lang == "fr" else "الصفة")]
    expected = (
        "Ligne 2, champ « Rôle » : ce champ est obligatoire."
        if lang == "fr"
        else "السطر 2، حقل « الصفة »: هذه الخانة إلزامية."
    )
    assert _refusals(e.value, lang) == [expected]
    assert monitoring.load_system(db, pid).committee == before  # nothing saved


def test_a_committee_row_wholly_empty_is_still_ignored(seeded) -> None:
    db, pid = seeded
    blank = _empty(
        rules.MEMBER_COLUMNS, name="", name_ar="", organisation="", organisation_ar="", is_ieeag=False
    )
    assert monitoring.save_committee(db, pid, [MEMBER, blank, {**blank, "sex": None, "name": "  "}]) == 1
    assert [m.name for m in monitoring.load_system(db, pid).committee] == ["Aïcha"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_tool_row_with_only_a_frequency_is_refused_naming_the_tool(seeded, lang: str) -> None:
    db, pid = seeded
    monitoring.save_tools(db, pid, [TOOL])
    before = monitoring.load_system(db, pid).tools
    texts = {c: "" for c in rules.TOOL_COLUMNS}
    with pytest.raises(DomainError) as e:
        monitoring.save_tools(db, pid, [TOOL, {**texts, "frequency": "yearly"}], lang=lang)
    assert [(p.row, p.field) for p in e.value.problems] == [(2, "Outil" if lang == "fr" else "الأداة")]
    assert monitoring.load_system(db, pid).tools == before
    # the same table with its new row left empty saves, the empty row ignored
    assert monitoring.save_tools(db, pid, [TOOL, {**texts, "frequency": None}]) == 1


@pytest.mark.parametrize(
    ("typed", "fields"),
    [
        ({"evaluation_type": "external"}, ["Échéance", "Année"]),
        ({"year": "plan"}, ["Échéance"]),  # the plan's second year (set below)
        ({"due_on": dt.date(2028, 6, 30)}, ["Échéance", "Année"]),
        ({"description": "Visite du comité"}, ["Échéance", "Année"]),
    ],
)
def test_a_calendar_row_with_only_a_type_a_year_or_a_date_is_refused(seeded, typed, fields) -> None:  # type: ignore[no-untyped-def]
    db, pid = seeded
    system = monitoring.load_system(db, pid)
    year = system.plan.years[1]
    kept = {"kind": "final", "year": year}
    monitoring.save_events(db, pid, [kept])
    before = monitoring.load_system(db, pid).events
    typed = {k: (year if x == "plan" else x) for k, x in typed.items()}
    row = {**_empty(rules.EVENT_COLUMNS, description="", description_ar=""), **typed}
    with pytest.raises(DomainError) as e:
        monitoring.save_events(db, pid, [kept, row])
    assert [(p.row, p.field) for p in e.value.problems] == [(2, f) for f in fields]
    assert monitoring.load_system(db, pid).events == before
    assert monitoring.save_events(db, pid, [kept, _empty(rules.EVENT_COLUMNS, description="")]) == 1


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_comment_without_any_measured_value_is_refused_not_dropped(seeded, lang: str) -> None:
    db, pid = seeded
    board = monitoring.load_indicators(db, pid)
    i = board.indicators[0]
    year = board.plan.years[0]
    monitoring.save_measurements(db, i.id, year, {"all": 12}, "relevé de mars")
    before = monitoring.load_indicators(db, pid).get(i.id).measurements
    with pytest.raises(DomainError) as e:
        monitoring.save_measurements(db, i.id, year, {"all": None}, "pas de relevé cette année", lang=lang)
    assert [p.field for p in e.value.problems] == ["Commentaire" if lang == "fr" else "ملاحظة"]
    assert ("valeur mesurée" if lang == "fr" else "قيمة مقيسة") in e.value.problems[0].message
    assert monitoring.load_indicators(db, pid).get(i.id).measurements == before  # nothing removed
    # a blank value without a comment still removes what was recorded
    assert monitoring.save_measurements(db, i.id, year, {"all": None}, "") == 0
    assert (year, "all") not in monitoring.load_indicators(db, pid).get(i.id).measurements
