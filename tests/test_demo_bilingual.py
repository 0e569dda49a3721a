"""The demo commune in both languages: a newcomer who reads Arabic, or French, finds a complete plan.

Every text of the demo (pac.domain.bilingual.BILINGUAL) has its French and its Arabic version, each
in its own script; place names keep the commune's Arabic spelling; the texts that only some projects
carry (gender, climate vulnerability) are there exactly where the markers ask for them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pac import models
from pac.db import Database
from pac.domain.bilingual import BILINGUAL, ar_field, is_arabic
from pac.models import Douar, Project, VotingOption

# Texts that only some projects carry, with the rule saying which (DOMAIN-FACTS: a gender marker of 1
# or 2 needs a gender analysis and an explicit gender objective; adaptation scoring needs the climate
# vulnerability context the project answers).
CONDITIONAL: dict[tuple[str, str], Any] = {
    ("Project", "gender_analysis_note"): lambda p: (p.marker_gender or 0) >= 1,
    ("Project", "gender_objective"): lambda p: (p.marker_gender or 0) >= 1,
    ("Project", "vulnerability_context"): lambda p: (p.marker_climate_adaptation or 0) >= 1,
    ("Project", "priority_override_reason"): lambda p: p.priority_override is not None,
}
LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def _texts(s: Session) -> list[tuple[str, str, object, str, str]]:
    """(model, field, row, French, Arabic) for every bilingual text of the database (the demo only)."""
    out = []
    for name, fields in BILINGUAL.items():
        model = getattr(models, name)
        for row in s.scalars(select(model)):
            for field in fields:
                out.append((name, field, row, getattr(row, field) or "", getattr(row, ar_field(field)) or ""))
    return out


def _label(name: str, field: str, row: Any) -> str:
    return f"{name}.{field} #{getattr(row, 'code', '') or row.id}"


def test_every_text_has_its_french_and_its_arabic_version(demo_db: Database) -> None:
    with demo_db.read() as s:
        texts = _texts(s)
        seen = {name for name, *_ in texts}
        # the demo's round is a dot vote: no criteria; every other kind of text is in the demo
        assert seen == set(BILINGUAL) - {"VotingCriterion"}
        missing = []
        for name, field, row, fr, ar in texts:
            rule = CONDITIONAL.get((name, field))
            needed = rule(row) if rule else True
            if needed and not (fr.strip() and ar.strip()):
                missing.append(_label(name, field, row))
            if not needed and bool(fr.strip()) != bool(ar.strip()):
                missing.append(_label(name, field, row) + " (one version only)")
        assert not missing, missing
        assert len(texts) > 400


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def test_each_version_is_written_in_its_own_script(demo_db: Database) -> None:
    """A text without any letter (a symbol such as « % ») is the same in both versions."""
    wrong = []
    with demo_db.read() as s:
        for name, field, row, fr, ar in _texts(s):
            if _has_letters(ar) and not is_arabic(ar) or LATIN.search(ar):
                wrong.append(("ar", _label(name, field, row), ar))  # no French word left in the Arabic
            if fr and is_arabic(fr) or ARABIC_LETTER.search(fr):
                wrong.append(("fr", _label(name, field, row), fr))
    assert not wrong, wrong


def test_place_names_keep_the_communes_arabic_spelling(demo_db: Database) -> None:
    """A douar named in a French text is named, with its own Arabic spelling, in the Arabic twin."""
    checked, wrong = 0, []
    with demo_db.read() as s:
        douars = [
            (re.sub(r"\s*\(.*\)", "", d.name), re.sub(r"\s*\(.*\)", "", d.name_ar))
            for d in s.scalars(select(Douar))
        ]
        for name, field, row, fr, ar in _texts(s):
            for fr_name, ar_name in douars:
                if re.search(rf"(?<!\w){re.escape(fr_name)}(?!\w)", fr):
                    checked += 1
                    if ar_name not in ar:
                        wrong.append((_label(name, field, row), fr_name, ar_name))
    assert checked >= 15 and not wrong, wrong


def test_vote_options_read_as_their_projects_in_both_languages(demo_db: Database) -> None:
    with demo_db.read() as s:
        pairs = s.execute(select(VotingOption, Project).join(Project, Project.id == VotingOption.project_id))
        pairs = pairs.tuples().all()
        assert pairs
        for option, project in pairs:
            assert (option.label, option.label_ar) == (project.title, project.title_ar), project.code


@pytest.mark.parametrize("marker", ["marker_gender", "marker_climate_adaptation"])
def test_the_marked_projects_are_among_those_checked(demo_db: Database, marker: str) -> None:
    """The conditional texts above are not vacuous: the demo has projects with and without each marker."""
    with demo_db.read() as s:
        values = {getattr(p, marker) or 0 for p in s.scalars(select(Project))}
    assert 0 in values and values & {1, 2}
