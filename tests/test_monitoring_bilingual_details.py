"""The M&E step's shorter texts in French and in Arabic: an indicator's unit, source and responsible body, a
tool's responsible body, a committee member's organisation (services on a real SQLite file, then the page in
the Arabic interface with AppTest)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bench.plan import seed_plan
from pac.db import Database
from pac.domain.conflict import ConflictError
from pac.domain.errors import DomainError
from pac.models import Indicator, MeCommitteeMember, MeTool
from pac.services import monitoring, plan
from tests.seeded_commune import by_label, call, serve_seeded_commune, submit

INDICATOR = {
    "level": "output",
    "name": "Ménages raccordés au réseau",
    "name_ar": "الأسر المربوطة بالشبكة",
    "unit": "ménages",
    "unit_ar": "أسرة",
    "baseline_value": 0,
    "baseline_year": 2026,
    "source": "Registre des branchements (ONEE)",
    "source_ar": "سجل الربط (المكتب الوطني للكهرباء والماء)",
    "responsible": "Service technique",
    "responsible_ar": "المصلحة التقنية",
}


@pytest.fixture
def seeded(catalogued_db: Database) -> tuple[Database, int]:
    _, pid = seed_plan(catalogued_db, projects=8, fundings=12, indicators=4, tracking=False)
    return catalogued_db, pid


def _project(db: Database, plan_id: int) -> int:
    return plan.load_board(db, plan_id).retained[0].id


def _rows(db: Database, model, plan_id: int) -> list[tuple]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return [
            tuple(getattr(r, c.key) for c in model.__table__.columns)
            for r in s.scalars(select(model).where(model.plan_id == plan_id).order_by(model.id))
        ]


# --------------------------------------------------------------------------- services


def test_an_indicator_keeps_both_versions_of_its_unit_source_and_responsible(seeded) -> None:  # type: ignore[no-untyped-def]
    db, pid = seeded
    view = monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": _project(db, pid)})
    reopened = Database(db.url)
    try:
        saved = monitoring.load_indicators(reopened, pid).get(view.id)
    finally:
        reopened.dispose()
    for f in ("unit", "source", "responsible"):
        assert (getattr(saved, f), getattr(saved, f"{f}_ar")) == (INDICATOR[f], INDICATOR[f"{f}_ar"]), f
        assert saved.values()[f"{f}_ar"] == INDICATOR[f"{f}_ar"]
    # changed through the form's values: the Arabic version alone can be emptied, the French one kept
    monitoring.save_indicator(db, pid, {**saved.values(), "unit_ar": "", "source": ""}, view.id)
    again = monitoring.load_indicators(db, pid).get(view.id)
    assert (again.unit, again.unit_ar) == ("ménages", "")
    assert (again.source, again.source_ar) == ("", INDICATOR["source_ar"])


def test_committee_organisation_and_tool_responsible_in_both_languages(seeded) -> None:  # type: ignore[no-untyped-def]
    db, pid = seeded
    monitoring.save_committee(
        db,
        pid,
        [
            {"name": "Khadija", "role": "ieeag", "sex": "f", "organisation_ar": "تعاونية الأركان"},
            {
                "name": "Omar",
                "role": "staff",
                "sex": "m",
                "organisation": "Commune",
                "organisation_ar": "الجماعة",
            },
        ],
    )
    monitoring.save_tools(
        db,
        pid,
        [
            {
                "name": "Tableau de bord",
                "frequency": "quarterly",
                "responsible": "Service de planification",
                "responsible_ar": "مصلحة التخطيط",
            },
            {"name_ar": "زيارات ميدانية", "responsible_ar": "لجنة التتبع"},  # Arabic only
        ],
    )
    system = monitoring.load_system(db, pid)
    assert [(m.organisation, m.organisation_ar) for m in system.committee] == [
        ("", "تعاونية الأركان"),
        ("Commune", "الجماعة"),
    ]
    assert [(x.responsible, x.responsible_ar) for x in system.tools] == [
        ("Service de planification", "مصلحة التخطيط"),
        ("", "لجنة التتبع"),
    ]


def test_standard_tools_come_with_their_responsible_in_arabic(seeded) -> None:  # type: ignore[no-untyped-def]
    db, pid = seeded
    monitoring.save_tools(db, pid, [])
    assert monitoring.add_standard_tools(db, pid) == 4
    tools = monitoring.load_system(db, pid).tools
    assert all(x.responsible and x.responsible_ar for x in tools)
    assert "لجنة التتبع" in {x.responsible_ar for x in tools}


@pytest.mark.parametrize(
    ("field", "length", "name"),
    [
        ("unit_ar", 61, "Unité (arabe)"),
        ("unit", 61, "Unité (français)"),
        ("responsible_ar", 201, "Responsable (arabe)"),
        ("source_ar", 1001, "Source et moyens de vérification (arabe)"),
    ],
)
def test_a_too_long_version_is_refused_by_name_and_nothing_is_saved(seeded, field, length, name) -> None:  # type: ignore[no-untyped-def]
    db, pid = seeded
    project = _project(db, pid)
    before = _rows(db, Indicator, pid)
    with pytest.raises(DomainError) as e:
        monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": project, field: "ب" * length})
    assert name in {p.field for p in e.value.problems}, e.value.messages
    assert _rows(db, Indicator, pid) == before
    # the same on a change of an existing indicator: the stored one is left as it was
    view = monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": project})
    before = _rows(db, Indicator, pid)
    with pytest.raises(DomainError):
        monitoring.save_indicator(db, pid, {**view.values(), field: "ب" * length}, view.id)
    assert _rows(db, Indicator, pid) == before


def test_the_arabic_interface_names_the_arabic_version_in_arabic(seeded) -> None:  # type: ignore[no-untyped-def]
    db, pid = seeded
    with pytest.raises(DomainError) as e:
        monitoring.save_indicator(
            db, pid, {**INDICATOR, "project_id": _project(db, pid), "unit_ar": "ب" * 61}, lang="ar"
        )
    assert "الوحدة (بالعربية)" in {p.field for p in e.value.problems}, e.value.messages


def test_a_bad_committee_or_tool_row_saves_nothing(seeded) -> None:  # type: ignore[no-untyped-def]
    db, pid = seeded
    monitoring.save_committee(db, pid, [{"name": "Khadija", "role": "ieeag", "organisation_ar": "تعاونية"}])
    monitoring.save_tools(db, pid, [{"name": "Tableau de bord", "responsible_ar": "مصلحة التخطيط"}])
    committee, tools = _rows(db, MeCommitteeMember, pid), _rows(db, MeTool, pid)
    with pytest.raises(DomainError) as e:
        monitoring.save_committee(
            db,
            pid,
            [
                {"name": "Khadija", "role": "ieeag", "organisation_ar": "تعاونية"},
                {"name": "Omar", "role": "staff", "organisation_ar": "ج" * 201},
            ],
        )
    assert {(p.row, p.field) for p in e.value.problems} == {(2, "Organisme (arabe)")}
    with pytest.raises(DomainError) as e:
        monitoring.save_tools(db, pid, [{"name": "Rapport", "responsible_ar": "<b>المسؤول</b>"}])
    assert {(p.row, p.field) for p in e.value.problems} == {(1, "Responsable (arabe)")}
    assert (_rows(db, MeCommitteeMember, pid), _rows(db, MeTool, pid)) == (committee, tools)


def test_the_indicator_form_merges_a_colleagues_arabic_unit(seeded) -> None:  # type: ignore[no-untyped-def]
    """Three-way merge: a colleague's Arabic unit is kept when I change only the source; when we both
    changed the Arabic unit, nothing is written and the clash names it."""
    db, pid = seeded
    view = monitoring.save_indicator(db, pid, {**INDICATOR, "project_id": _project(db, pid), "unit_ar": ""})
    base = view.values()
    monitoring.save_indicator(db, pid, {**base, "unit_ar": "أسرة"}, view.id, base=base)  # the colleague
    mine = monitoring.save_indicator(db, pid, {**base, "source_ar": "سجل جديد"}, view.id, base=base)
    assert (mine.unit_ar, mine.source_ar) == ("أسرة", "سجل جديد")
    with pytest.raises(ConflictError) as e:
        monitoring.save_indicator(db, pid, {**base, "unit_ar": "منزل"}, view.id, base=base)
    assert [c.field for c in e.value.clashes] == ["unit_ar"]
    assert monitoring.load_indicators(db, pid).get(view.id).unit_ar == "أسرة"


# --------------------------------------------------------------------------- the page, in Arabic


@pytest.fixture
def seeded_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, int]]:
    yield from serve_seeded_commune(tmp_path, monkeypatch, indicators=2)


def test_in_arabic_the_pages_show_the_arabic_versions_or_the_french_ones_marked(seeded_app) -> None:  # type: ignore[no-untyped-def]
    from tests.test_monitoring_app import open_in_arabic

    url, cid, pid = seeded_app
    project = call(url, monitoring.load_indicators, pid).coverage[0].project_id
    call(url, monitoring.save_indicator, pid, {**INDICATOR, "code": "X-BI", "project_id": project})
    call(
        url,
        monitoring.save_indicator,
        pid,
        {
            "level": "output",
            "code": "X-FR",
            "name": "Taux",
            "unit": "%",
            "source": "ONEE",
            "project_id": project,
        },
    )
    call(
        url,
        monitoring.save_committee,
        pid,
        [
            {
                "name": "Khadija",
                "role": "ieeag",
                "sex": "f",
                "organisation": "Coopérative",
                "organisation_ar": "تعاونية",
            }
        ],
    )
    call(
        url,
        monitoring.save_tools,
        pid,
        [{"name": "Tableau de bord", "responsible": "Service", "responsible_ar": "مصلحة التخطيط"}],
    )
    at = open_in_arabic(url, cid, pid, "indicators")
    assert not at.error, [e.value for e in at.error]
    table = at.dataframe[0].value.set_index("الرمز")
    bi, fr = table.loc["X-BI"], table.loc["X-FR"]
    assert (bi["الوحدة"], bi["المصدر ووسائل التحقق"], bi["المسؤول"]) == (
        "أسرة",
        INDICATOR["source_ar"],
        "المصلحة التقنية",
    )
    assert fr["الوحدة"].startswith("\u2068%\u2069") and "(بالفرنسية)" in fr["الوحدة"]  # the other one, marked
    assert "ONEE" in fr["المصدر ووسائل التحقق"] and "(بالفرنسية)" in fr["المصدر ووسائل التحقق"]
    # the form: both versions of each, the Arabic one first
    labels = [w.label for w in at.text_input]
    for name in ("الوحدة", "المصدر ووسائل التحقق", "المسؤول"):
        assert labels.index(f"{name} (بالعربية)") < labels.index(f"{name} (بالفرنسية)"), name

    at = open_in_arabic(url, cid, pid, "system")
    committee, tools = at.dataframe[0].value, at.dataframe[1].value
    assert list(committee.columns).index("organisation_ar") < list(committee.columns).index("organisation")
    assert committee.iloc[0]["organisation_ar"] == "تعاونية"
    assert tools.iloc[0]["responsible_ar"] == "مصلحة التخطيط"


def test_a_refused_indicator_keeps_its_arabic_unit_source_and_responsible(seeded_app) -> None:  # type: ignore[no-untyped-def]
    from tests.test_monitoring_app import open_view

    url, cid, pid = seeded_app
    before = len(call(url, monitoring.load_indicators, pid).indicators)
    at = open_view(url, cid, pid, "indicators")
    typed = {
        "Intitulé (français)": "Ménages raccordés",
        "Unité (arabe)": "أسرة",
        "Source et moyens de vérification (arabe)": "سجل الربط",
        "Responsable (arabe)": "المصلحة التقنية",
        "Valeur de référence": "12",  # without its year: refused
    }
    for name, value in typed.items():
        by_label(at.text_input, name).input(value)
    submit(at, "Ajouter l'indicateur")
    assert any("Année de référence" in e.value for e in at.error)
    for name, value in typed.items():
        assert by_label(at.text_input, name).value == value, name
    assert len(call(url, monitoring.load_indicators, pid).indicators) == before
    by_label(at.text_input, "Année de référence").input("2026")
    submit(at, "Ajouter l'indicateur")
    assert not at.error, [e.value for e in at.error]
    [new] = [
        i for i in call(url, monitoring.load_indicators, pid).indicators if i.name == "Ménages raccordés"
    ]
    assert (new.unit, new.unit_ar, new.source_ar, new.responsible_ar) == (
        "",
        "أسرة",
        "سجل الربط",
        "المصلحة التقنية",
    )
