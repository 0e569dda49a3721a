"""The translation view's service: texts lacking a version, counted by step, completed in place."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pac.db import Database
from pac.domain.bilingual import BILINGUAL, ar_field
from pac.domain.errors import DomainError
from pac.models import AuditEntry, Finding, MeTool, Project
from pac.services import translation as tr


@pytest.fixture(autouse=True)
def _half_translated(demo_db: Database) -> None:
    """The demo carries both versions of every text (tests/test_demo_bilingual.py): take the Arabic away
    from its projects and a few findings, as a commune arriving half-translated, so there is work to do."""
    with demo_db.write() as s:
        for p in s.scalars(select(Project)):
            for field in BILINGUAL["Project"]:
                setattr(p, ar_field(field), "")
        for f in s.scalars(select(Finding).order_by(Finding.id).limit(3)):
            f.text_ar = ""


def _project(db: Database, commune_id: int) -> tr.TextItem:
    return next(i for i in tr.texts(db, commune_id, only_missing=False) if i.entity == "Project" and i.fr)


def test_texts_lacking_a_version_are_listed_by_step_and_counted(
    demo_db: Database, demo_commune_id: int
) -> None:
    every = tr.texts(demo_db, demo_commune_id, only_missing=False)
    todo = tr.texts(demo_db, demo_commune_id)
    assert todo and all(i.missing for i in todo) and all(i.fr or i.ar for i in every)
    assert tr.count_missing(demo_db, demo_commune_id) == len(todo)
    by_step = tr.counts_by_step(todo)
    assert list(by_step) == [step for step, _ in tr.STEPS] and sum(by_step.values()) == len(todo)
    assert {i.step for i in every} >= {"diagnostic", "swot", "vision", "projects", "monitoring"}


def test_a_translation_saved_leaves_the_list_and_is_audited(demo_db: Database, demo_commune_id: int) -> None:
    p = _project(demo_db, demo_commune_id)
    before = tr.count_missing(demo_db, demo_commune_id)
    edit = {
        "entity": p.entity,
        "id": p.id,
        "field": p.field,
        "where": p.where,
        "fr": p.fr,
        "ar": "مشروع مترجم",
    }
    if p.ar:  # the demo already carries the Arabic: empty it first so the test has something to do
        tr.save_texts(demo_db, demo_commune_id, [edit | {"ar": ""}])
        before = tr.count_missing(demo_db, demo_commune_id)
    assert tr.save_texts(demo_db, demo_commune_id, [edit], username="animateur") == 1
    assert tr.count_missing(demo_db, demo_commune_id) == before - 1
    with demo_db.read() as s:
        project = s.get(Project, p.id)
        assert (getattr(project, p.field), getattr(project, p.field + "_ar")) == (p.fr, "مشروع مترجم")
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "translate")).one()
        assert entry.username == "animateur" and entry.entity_id == p.id
    assert tr.save_texts(demo_db, demo_commune_id, [edit]) == 0  # nothing changed: nothing written


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"fr": "", "ar": ""}, "les deux versions sont vides"),
        ({"ar": "<script>x</script>"}, "balises"),
        ({"ar": "ع" * 301}, "dépasse 300"),
        ({"entity": "User", "field": "username"}, "texte inconnu"),
    ],
)
def test_bad_translations_are_refused_and_nothing_is_saved(
    demo_db: Database, demo_commune_id: int, change: dict, words: str
) -> None:
    p = _project(demo_db, demo_commune_id)
    good = {"entity": "Project", "id": p.id, "field": "title", "where": p.where, "fr": p.fr, "ar": "عنوان"}
    other = next(i for i in tr.texts(demo_db, demo_commune_id) if i.entity == "Finding")
    first = {"entity": other.entity, "id": other.id, "field": other.field, "fr": other.fr, "ar": "نص"}
    with pytest.raises(DomainError) as err:
        tr.save_texts(demo_db, demo_commune_id, [first, good | change])
    assert words in str(err.value)
    still = {(i.entity, i.id, i.field): i for i in tr.texts(demo_db, demo_commune_id, only_missing=False)}
    assert still[(other.entity, other.id, other.field)].ar == other.ar  # the good edit was not saved either


def test_a_text_of_another_commune_is_refused(demo_db: Database, demo_commune_id: int) -> None:
    p = _project(demo_db, demo_commune_id)
    with pytest.raises(DomainError, match="n'appartient pas"):
        tr.save_texts(
            demo_db, demo_commune_id + 999, [{"entity": "Project", "id": p.id, "field": "title", "fr": "x"}]
        )


def test_a_short_text_is_bounded_like_its_column(demo_db: Database, demo_commune_id: int) -> None:
    """An M&E tool's name is a VARCHAR(200): 250 characters are refused in French (PostgreSQL would
    refuse them at the write), a 200-character name is saved."""
    tool = next(i for i in tr.texts(demo_db, demo_commune_id, only_missing=False) if i.entity == "MeTool")
    edit = {"entity": "MeTool", "id": tool.id, "field": "name", "where": tool.where, "fr": tool.fr}
    with pytest.raises(DomainError, match="dépasse 200"):
        tr.save_texts(demo_db, demo_commune_id, [edit | {"ar": "ع" * 250}])
    assert tr.save_texts(demo_db, demo_commune_id, [edit | {"ar": "ع" * 200}]) == 1
    assert tr.bound(MeTool, "name") == 200 and tr.bound(Project, "description") == tr.LONG_MAX
