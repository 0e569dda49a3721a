"""Communes, plans and workshops through the service layer, on a real SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pac.db import Database
from pac.domain.errors import DomainError, NotFound
from pac.models import Commune
from pac.services import communes

TIZNIT = {
    "name_fr": "Ammelne",
    "name_ar": "أملن",
    "province": "Tiznit",
    "region": "Souss-Massa",
    "kind": "rural",
}


def test_create_then_reopen_proves_the_commit(db: Database) -> None:
    created = communes.create_commune(db, TIZNIT)
    assert created.slug == "ammelne"
    reopened = Database(db.url)
    try:
        again = communes.get_commune(reopened, "ammelne")
        assert (again.id, again.name_ar, again.province) == (created.id, "أملن", "Tiznit")
        assert communes.get_commune(reopened, str(created.id)).slug == "ammelne"
    finally:
        reopened.dispose()


def test_slug_is_unique_and_explicit_slug_must_be_free(db: Database) -> None:
    communes.create_commune(db, {**TIZNIT, "name_fr": "Ammelne-Est"}, slug="ammelne")
    assert communes.create_commune(db, TIZNIT).slug == "ammelne-2"
    with pytest.raises(DomainError, match="Identifiant court"):
        communes.create_commune(db, {**TIZNIT, "name_fr": "Ammelne-Ouest"}, slug="ammelne")


def test_a_second_commune_of_the_same_name_is_refused_naming_the_first(db: Database) -> None:
    """Issue 10, item 9: « Tinzert » created beside the reference « Tinzert » could not be told apart."""
    first = communes.create_commune(db, {"name_fr": "Tinzert", "province": "Taroudant"})
    for typed in ("Tinzert", "  tinzert ", "TINZÉRT"):
        with pytest.raises(DomainError) as e:
            communes.create_commune(db, {"name_fr": typed, "province": "Taroudant"})
        assert [p.field for p in e.value.problems] == ["Nom (français)"]
        assert "« Tinzert » existe déjà (province Taroudant, identifiant tinzert)" in e.value.messages[0]
    other = communes.create_commune(db, {"name_fr": "Tinzert Centre", "province": "Taroudant"})
    with pytest.raises(DomainError, match="existe déjà"):  # nor by renaming another one
        communes.update_commune(db, other.id, {"name_fr": "Tinzert", "province": "Taroudant"})
    communes.update_commune(db, first.id, {"name_fr": "Tinzert", "province": "Taroudant", "population": 6000})
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 2


def test_bad_values_are_all_refused_and_nothing_is_written(db: Database) -> None:
    bad = {
        "name_fr": "<b>x</b>",
        "province": "",
        "kind": "village",
        "population": "-5",
        "households": "beaucoup",
    }
    with pytest.raises(DomainError) as e:
        communes.create_commune(db, bad)
    fields = {p.field for p in e.value.problems}
    assert fields == {"Nom (français)", "Province", "Type", "Population", "Ménages"}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 0


def test_population_by_sex_must_add_up(db: Database) -> None:
    with pytest.raises(DomainError, match="ne font pas la population"):
        communes.create_commune(
            db, {**TIZNIT, "population": 100, "population_women": 40, "population_men": 50}
        )


def test_update_and_archive(db: Database) -> None:
    c = communes.create_commune(db, TIZNIT)
    communes.update_commune(db, c.id, {**TIZNIT, "population": 7000, "notes": "Recensement à vérifier"})
    communes.set_archived(db, c.id, True)
    assert communes.list_communes(db) == []
    [archived] = communes.list_communes(db, include_archived=True)
    assert archived.archived and archived.population == 7000
    communes.set_archived(db, c.id, False)
    assert len(communes.list_communes(db)) == 1


def test_unknown_commune_says_so_in_french(db: Database) -> None:
    with pytest.raises(NotFound, match="Commune inconnue"):
        communes.get_commune(db, "nulle-part")


def test_plan_is_six_years_and_periods_do_not_overlap(db: Database) -> None:
    c = communes.create_commune(db, TIZNIT)
    p = communes.create_plan(db, c.id, {"start_year": 2022})
    assert (p.start_year, p.end_year, p.triennial_years) == (2022, 2027, [2022, 2023, 2024])
    with pytest.raises(DomainError, match="chevauche"):
        communes.create_plan(db, c.id, {"start_year": 2025})
    nxt = communes.create_plan(db, c.id, {"start_year": 2028, "title": "PAC 2028-2033"})
    assert communes.get_current_plan(db, c.id) == nxt
    with pytest.raises(DomainError, match="Première année"):
        communes.create_plan(db, c.id, {"start_year": "deux mille"})


def test_workshop_with_attendance_by_role_and_sex(db: Database) -> None:
    c = communes.create_commune(db, TIZNIT)
    communes.create_plan(db, c.id, {"start_year": 2022})
    w = communes.save_workshop(
        db,
        c.id,
        {
            "title": "Atelier de planification",
            "held_on": "2022-03-15",
            "place": "Siège de la commune",
            "facilitators": "A. Ait Ali, S. Oubella",
            "attendance": {"elected": (4, 11), "ieeag": (6, 1), "staff": (0, 0)},
        },
    )
    assert (w.women, w.men) == (10, 12)
    assert set(w.attendance) == {"elected", "ieeag"}  # empty rows are not kept
    w2 = communes.save_workshop(
        db, c.id, {"title": "Atelier de planification (jour 2)", "attendance": {"elected": (5, 10)}}, w.id
    )
    assert w2.id == w.id and w2.attendance == {"elected": (5, 10)}
    with pytest.raises(DomainError) as e:
        communes.save_workshop(
            db, c.id, {"title": "", "held_on": "31/02/2022", "attendance": {"elected": (-1, 2)}}, w.id
        )
    assert {p.field for p in e.value.problems} == {"Intitulé", "Date", "Femmes — Élu·e"}
    assert communes.list_workshops(db, c.id)[0].title == "Atelier de planification (jour 2)"
    communes.delete_workshop(db, w.id)
    assert communes.list_workshops(db, c.id) == []
