"""The SWOT through the service layer, on a real SQLite file: items, order, moves, merge, links, drafts, undo."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pac.db import Database
from pac.domain.errors import DomainError
from pac.models import Axis, Objective, ObjectiveSwot
from pac.services import communes, diagnostic, swot


@pytest.fixture
def plan(catalogued_db: Database) -> tuple[int, int]:
    """(commune id, plan id) with four findings."""
    c = communes.create_commune(catalogued_db, {"name_fr": "Tinzert", "province": "Taroudant"})
    p = communes.create_plan(catalogued_db, c.id, {"start_year": 2028})
    for kind, sector, text in [
        ("asset", "local_economy", "Coopératives d'argan"),
        ("constraint", "water", "Coupures d'eau"),
        ("need", "water", "Château d'eau"),
        ("risk", None, "Sécheresse"),
    ]:
        diagnostic.add_finding(
            catalogued_db,
            c.id,
            {"source": "diagnostic_workshop", "kind": kind, "sector": sector, "text": text},
        )
    return c.id, p.id


def fids(db: Database, commune_id: int) -> dict[str, int]:
    return {f.text: f.id for f in diagnostic.list_findings(db, commune_id)}


def test_add_number_and_reopen(catalogued_db: Database, plan: tuple[int, int]) -> None:
    cid, pid = plan
    ids = fids(catalogued_db, cid)
    swot.add_item(
        catalogued_db,
        pid,
        {
            "quadrant": "W",
            "text": "Eau insuffisante",
            "finding_ids": [ids["Coupures d'eau"], ids["Château d'eau"]],
        },
        "Saïd",
    )
    swot.add_item(catalogued_db, pid, {"quadrant": "S", "text": "Argan"})
    swot.add_item(catalogued_db, pid, {"quadrant": "W", "text": "Pistes", "sector_code": "roads"})
    reopened = Database(catalogued_db.url)
    try:
        items = swot.list_items(reopened, pid)
        assert [(i.number, i.text) for i in items] == [
            ("F1", "Argan"),
            ("Fa1", "Eau insuffisante"),
            ("Fa2", "Pistes"),
        ]
        assert items[1].finding_ids == tuple(sorted([ids["Coupures d'eau"], ids["Château d'eau"]]))
        assert [i.supported for i in items] == [False, True, False]
        assert swot.list_items(reopened, pid, "ar")[0].number == "ق1"
        assert swot.history(reopened, cid)[-1].username == "Saïd"
    finally:
        reopened.dispose()


def test_bad_values_are_refused_naming_the_field(catalogued_db: Database, plan: tuple[int, int]) -> None:
    cid, pid = plan
    other = communes.create_commune(catalogued_db, {"name_fr": "Autre", "province": "Tiznit"})
    foreign = diagnostic.add_finding(
        catalogued_db, other.id, {"source": "monograph", "kind": "asset", "text": "X"}
    )
    with pytest.raises(DomainError) as e:
        swot.add_item(
            catalogued_db,
            pid,
            {"quadrant": "X", "text": "<script>", "sector_code": "peche", "finding_ids": [foreign.id]},
        )
    assert {p.field for p in e.value.problems} == {"Case", "Texte de l'élément", "Secteur", "Constats"}
    assert swot.list_items(catalogued_db, pid) == []


def test_reorder_move_and_their_numbers(catalogued_db: Database, plan: tuple[int, int]) -> None:
    _, pid = plan
    a, b, c = (swot.add_item(catalogued_db, pid, {"quadrant": "S", "text": t}) for t in ("A", "B", "C"))
    assert swot.shift_item(catalogued_db, c.id, -1).number == "F2"
    assert [i.text for i in swot.list_items(catalogued_db, pid)] == ["A", "C", "B"]
    assert swot.shift_item(catalogued_db, a.id, -1).number == "F1"  # already first: nothing moves
    moved = swot.move_item(catalogued_db, a.id, "O")
    assert (moved.quadrant, moved.number) == ("O", "O1")
    assert [(i.number, i.text) for i in swot.list_items(catalogued_db, pid)] == [
        ("F1", "C"),
        ("F2", "B"),
        ("O1", "A"),
    ]
    assert b.id in {i.id for i in swot.list_items(catalogued_db, pid)}


def test_merge_joins_texts_findings_and_objective_links(
    catalogued_db: Database, plan: tuple[int, int]
) -> None:
    cid, pid = plan
    db = catalogued_db
    ids = fids(db, cid)
    keep = swot.add_item(
        db, pid, {"quadrant": "W", "text": "Coupures", "finding_ids": [ids["Coupures d'eau"]]}
    )
    absorb = swot.add_item(
        db,
        pid,
        {
            "quadrant": "W",
            "text": "Pas de château d'eau",
            "sector_code": "water",
            "finding_ids": [ids["Château d'eau"], ids["Coupures d'eau"]],
        },
    )
    with db.write() as s:  # an objective of the strategy already cites the second item
        axis = Axis(plan_id=pid, code="A1", title="Eau")
        s.add(axis)
        s.flush()
        objective = Objective(axis_id=axis.id, code="A1.1", title="Eau pour tous")
        s.add(objective)
        s.flush()
        s.add(ObjectiveSwot(objective_id=objective.id, swot_item_id=absorb.id))
    merged = swot.merge_items(db, keep.id, absorb.id, "Saïd")
    assert merged.text == "Coupures ; Pas de château d'eau" and merged.sector_code == "water"
    assert set(merged.finding_ids) == {ids["Coupures d'eau"], ids["Château d'eau"]}
    assert [i.id for i in swot.list_items(db, pid)] == [keep.id]
    with db.read() as s:
        assert s.scalars(select(ObjectiveSwot.swot_item_id)).all() == [keep.id]
    with pytest.raises(DomainError, match="deux éléments différents"):
        swot.merge_items(db, keep.id, keep.id)
    # undo: both items, their findings and the objective's link are back as they were
    swot.undo_last(db, cid, "Saïd")
    items = {i.id: i for i in swot.list_items(db, pid)}
    assert items[keep.id].text == "Coupures" and items[absorb.id].text == "Pas de château d'eau"
    assert items[keep.id].finding_ids == (ids["Coupures d'eau"],)
    with db.read() as s:
        assert s.scalars(select(ObjectiveSwot.swot_item_id)).all() == [absorb.id]


def test_links_can_be_set_seen_and_cleared(catalogued_db: Database, plan: tuple[int, int]) -> None:
    cid, pid = plan
    ids = fids(catalogued_db, cid)
    item = swot.add_item(catalogued_db, pid, {"quadrant": "T", "text": "Climat"})
    assert not item.supported
    linked = swot.set_links(catalogued_db, item.id, [ids["Sécheresse"]])
    assert linked.finding_ids == (ids["Sécheresse"],) and linked.supported
    assert not swot.set_links(catalogued_db, item.id, []).supported


def test_drafts_are_proposed_never_written_then_accepted_one_by_one(
    catalogued_db: Database, plan: tuple[int, int]
) -> None:
    cid, pid = plan
    db = catalogued_db
    props = swot.proposals(db, pid)
    assert [(p.quadrant, p.sector_code, len(p.finding_ids)) for p in props] == [
        ("S", "local_economy", 1),
        ("W", "water", 2),
        ("T", None, 1),
    ]
    assert swot.list_items(db, pid) == []  # proposing writes nothing
    water = props[1]
    assert water.text.startswith("Eau potable : ")
    done = swot.accept_proposal(
        db, pid, "W", "Accès à l'eau insuffisant", water.sector_code, water.finding_ids
    )
    assert done.number == "Fa1" and set(done.finding_ids) == set(water.finding_ids)
    assert [p.quadrant for p in swot.proposals(db, pid)] == ["S", "T"]  # its findings are now cited


def test_history_and_undo_of_each_kind_of_change(catalogued_db: Database, plan: tuple[int, int]) -> None:
    cid, pid = plan
    db = catalogued_db
    a = swot.add_item(db, pid, {"quadrant": "S", "text": "A"}, "Aïcha")
    swot.update_item(db, a.id, {"text": "A bis", "quadrant": "O"}, "Aïcha")
    swot.delete_item(db, a.id, "Aïcha")
    assert [e.action for e in swot.history(db, cid)] == ["delete", "update", "create"]
    assert "déplacé vers « Opportunités »" in swot.history(db, cid)[1].summary
    swot.undo_last(db, cid, "Aïcha")  # the deletion
    assert [(i.quadrant, i.text) for i in swot.list_items(db, pid)] == [("O", "A bis")]
    swot.undo_last(db, cid)  # the edit and move
    assert [(i.quadrant, i.text) for i in swot.list_items(db, pid)] == [("S", "A")]
    swot.undo_last(db, cid)  # the creation
    assert swot.list_items(db, pid) == []
    with pytest.raises(DomainError, match="Rien à annuler"):
        swot.undo_last(db, cid)
    history = swot.history(db, cid)
    assert history[0].summary.startswith("Annulation") and all(
        e.undone for e in history if e.action != "undo"
    )
    # the findings' trail is separate: undoing the SWOT never touches the diagnostic
    assert diagnostic.history(db, cid)[0].action == "create"
