"""The commune workbook: layout, checks, export, import, round trip (xlsx and json), refusal of bad files."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import String, func, select

from pac.db import Database, upgrade
from pac.domain import workbook as wb
from pac.domain.errors import Collector, DomainError
from pac.models import (
    AdoptionStep,
    Attendance,
    Axis,
    Ballot,
    Base,
    Commune,
    Competence,
    Douar,
    FinancialYear,
    Finding,
    FindingDouar,
    Funding,
    Indicator,
    IndicatorTarget,
    KeyFigure,
    Measurement,
    MeCommitteeMember,
    MeEvent,
    MeTool,
    MigrationCriterion,
    Objective,
    ObjectiveSwot,
    PaperTally,
    Participant,
    Partner,
    Plan,
    PlanValue,
    PlanVersion,
    PlanVersionPart,
    Project,
    ProjectDouar,
    ProjectPartner,
    ProjectProgress,
    ProjectYearCost,
    ReviewComment,
    Sector,
    SwotFinding,
    SwotItem,
    Vote,
    VotingCriterion,
    VotingOption,
    VotingRound,
    Workshop,
)
from pac.services import catalogues
from pac.services.workbook import export_workbook, import_workbook, workbook_dict

ROOT = Path(__file__).resolve().parent.parent
SLUG = "tafraout-essai"


def commune_tables() -> set[str]:
    """The tables of a commune's data: `communes` and every table tied to it by a NOT NULL foreign key chain.

    (Accounts, login sessions, settings and catalogues have no such chain; the audit trail's link is nullable.)"""
    owned = {"communes"}
    grown = True
    while grown:
        grown = False
        for table in Base.metadata.tables.values():
            if table.name not in owned and any(
                not fk.parent.nullable and fk.column.table.name in owned for fk in table.foreign_keys
            ):
                owned.add(table.name)
                grown = True
    return owned


# What only a live round needs and a backup must not carry: the receipts that make a phone's resubmission
# idempotent, and the phone's anonymous mark on a ballot (it bounds the participants of one phone while
# the round is open). Restoring a backup never resumes a round mid-vote from another device.
TRANSIENT_TABLES = {"ballot_receipts"}
TRANSIENT_COLUMNS = {"ballots": {"phone"}}
COMMUNE_TABLES = commune_tables() - TRANSIENT_TABLES


# --------------------------------------------------------------------------- a complete commune


def new_db(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    catalogues.load_if_empty(db)
    return db


def build_commune(db: Database, slug: str = SLUG, *, join_prefix: str = "K", token_prefix: str = "t") -> int:
    """A small commune that touches every table of a commune's data, with awkward values on purpose."""
    with db.write() as s:
        sectors = list(s.scalars(select(Sector.code).order_by(Sector.code)))
        partners = [p for p in s.scalars(select(Partner.code).order_by(Partner.code)) if p != "COMMUNE"]
        competence = s.scalars(select(Competence.code).order_by(Competence.code)).first()
        criteria = list(s.scalars(select(MigrationCriterion.code).order_by(MigrationCriterion.code)))
        c = Commune(
            slug=slug,
            name_fr="Tafraout (essai)",
            name_ar="تافراوت",
            province="Tiznit",
            region="Souss-Massa",
            kind="urban",
            population=5000,
            population_women=2600,
            population_men=2400,
            households=1100,
            area_km2=12.5,
            census_year=2014,
            is_demo=False,
            archived=False,
            notes="Ligne 1\nLigne 2 ; « guillemets »",
        )
        s.add(c)
        s.flush()
        douars = [
            Douar(commune_id=c.id, name=n, name_ar=a, fraction=f, population=p, households=h)
            for n, a, f, p, h in (
                ("Tazka", "تازكا", "Ammeln", 420, 80),
                ("12", "", "", None, None),
                ("Aït Omar", "", "Ammeln", 300, 61),
            )
        ]
        s.add_all(douars)
        s.add_all(
            [
                KeyFigure(
                    commune_id=c.id,
                    code="access_water",
                    label="Accès à l'eau",
                    value=72.5,
                    unit="%",
                    sex="all",
                    year=2024,
                    source="HCP",
                ),
                KeyFigure(
                    commune_id=c.id,
                    code="access_water",
                    label="Accès à l'eau",
                    value=-1.25,
                    unit="pts",
                    sex="f",
                    year=None,
                    source="",
                ),
            ]
        )
        s.add_all(
            [
                FinancialYear(
                    commune_id=c.id,
                    year=2022,
                    own_revenues=1_200_000.5,
                    vat_share=3_400_000,
                    other_transfers=0,
                    operating_expenses=2_900_000,
                    debt_service=120_000,
                    investment_capacity_override=-50_000.0,
                    is_forecast=False,
                    note="=SOMME(A1)",
                ),
                FinancialYear(commune_id=c.id, year=2023, own_revenues=1_300_000, is_forecast=True),
            ]
        )
        old = Plan(commune_id=c.id, start_year=2016, end_year=2021, title="PAC 2016-2021", status="archived")
        plan = Plan(
            commune_id=c.id,
            start_year=2022,
            end_year=2027,
            title="PAC 2022-2027",
            mission="Servir",
            vision="Une commune attractive",
            status="draft",
            committees_sent_on=dt.date(2022, 3, 1),
            adoption_session_on=dt.date(2022, 4, 5),
            state_services_consulted_on=None,
            ieeag_opinion_on=dt.date(2022, 3, 20),
            pdr_consistency_note="Cohérent avec le PDR.",
        )
        s.add_all([old, plan])
        s.flush()
        s.add_all(
            [PlanValue(plan_id=plan.id, position=i, text=t) for i, t in enumerate(("Équité", "Transparence"))]
        )
        w1 = Workshop(
            commune_id=c.id,
            plan_id=plan.id,
            title="Atelier de planification",
            kind="planning",
            held_on=dt.date(2022, 2, 14),
            place="Salle communale",
            facilitators="A. B.\nC. D.",
            notes="",
        )
        w2 = Workshop(commune_id=c.id, plan_id=None, title="Diagnostic des femmes", kind="diagnostic")
        s.add_all([w1, w2])
        f1 = Finding(
            commune_id=c.id,
            source="monograph",
            sector_code=sectors[0],
            kind="constraint",
            text="Pénurie d'eau en été",
            raised_by="women",
        )
        f2 = Finding(
            commune_id=c.id,
            source="diagnostic_workshop",
            sector_code=None,
            kind="potential",
            text="Diaspora active",
            raised_by="",
        )
        s.add_all([f1, f2])
        s1 = SwotItem(
            plan_id=plan.id, quadrant="W", position=0, text="Réseau d'eau vétuste", sector_code=sectors[0]
        )
        s2 = SwotItem(plan_id=plan.id, quadrant="O", position=1, text="Transferts des MRE", sector_code=None)
        s3 = SwotItem(plan_id=old.id, quadrant="S", position=0, text="Ancien atout")
        s.add_all([s1, s2, s3])
        a1 = Axis(plan_id=plan.id, code="A1", title="Services de base", description="", position=0)
        a2 = Axis(plan_id=plan.id, code="A2", title="Économie locale", position=1)
        a_old = Axis(plan_id=old.id, code="A1", title="Ancien axe", position=0)  # same code, another plan
        s.add_all([a1, a2, a_old])
        s.flush()
        s.add_all(
            [
                Attendance(workshop_id=w1.id, role="elected", women=3, men=9),
                Attendance(workshop_id=w1.id, role="ieeag", women=4, men=1),
                Attendance(workshop_id=w2.id, role="civil_society", women=12, men=0),
            ]
        )
        s.add_all(
            [
                FindingDouar(finding_id=f1.id, douar_id=douars[0].id),
                FindingDouar(finding_id=f1.id, douar_id=douars[1].id),
            ]
        )
        s.add_all(
            [
                SwotFinding(swot_item_id=s1.id, finding_id=f1.id),
                SwotFinding(swot_item_id=s2.id, finding_id=f2.id),
            ]
        )
        o1 = Objective(axis_id=a1.id, code="A1.1", title="Eau potable pour tous", position=0)
        o2 = Objective(axis_id=a2.id, code="A2.1", title="Valoriser l'amande", position=0)
        o_old = Objective(axis_id=a_old.id, code="A1.1", title="Ancien objectif", position=0)
        s.add_all([o1, o2, o_old])
        s.flush()
        s.add_all(
            [
                ObjectiveSwot(objective_id=o1.id, swot_item_id=s1.id),
                ObjectiveSwot(objective_id=o2.id, swot_item_id=s2.id),
            ]
        )
        p1 = Project(
            plan_id=plan.id,
            objective_id=o1.id,
            code="P01",
            title="Adduction d'eau de 3 douars",
            description="Réseau et château d'eau",
            sector_code=sectors[0],
            whole_commune=False,
            beneficiaries_women=400,
            beneficiaries_men=380,
            beneficiaries_youth=200,
            total_cost=2_450_000.75,
            owner="Commune",
            status="retained",
            marker_gender=1,
            marker_climate_adaptation=2,
            marker_climate_mitigation=0,
            marker_desertification=1,
            marker_biodiversity=None,
            marker_environment=1,
            marker_migration=2,
            migration_criteria=criteria[:2][::-1],
            gender_analysis_note="Corvée d'eau des femmes",
            competence_code=competence,
            lead_partner_code=partners[0],
            subsidiarity_confirmed=True,
            vote_rank=1,
            vote_score=37.5,
            priority_override=None,
            priority_override_reason="",
            in_plan=True,
            start_year=2023,
            end_year=2025,
        )
        p2 = Project(
            plan_id=plan.id,
            objective_id=o2.id,
            code="P02",
            title="Coopérative d'amandes",
            whole_commune=True,
            total_cost=0,
            status="proposed",
            priority_override=2,
            priority_override_reason="Demande des femmes",
            migration_criteria=[],
        )
        p_old = Project(
            plan_id=old.id, objective_id=o_old.id, code="P01", title="Ancien projet", total_cost=10
        )
        s.add_all([p1, p2, p_old])
        s.flush()
        s.add_all([ProjectDouar(project_id=p1.id, douar_id=d.id) for d in douars[:2]])
        s.add_all(
            [
                ProjectPartner(project_id=p1.id, partner_code=partners[1], role="funder"),
                ProjectPartner(project_id=p1.id, partner_code=partners[2], role="agreement"),
            ]
        )
        s.add_all(
            [
                ProjectYearCost(project_id=p1.id, year=y, amount=a)
                for y, a in ((2023, 1_000_000), (2024, 1_000_000), (2025, 450_000.75))
            ]
        )
        s.add_all(
            [
                Funding(
                    project_id=p1.id, partner_code="COMMUNE", year=2023, amount=250_000, status="secured"
                ),
                Funding(
                    project_id=p1.id,
                    partner_code=partners[1],
                    year=2024,
                    amount=1_500_000.5,
                    status="negotiation",
                ),
            ]
        )
        s.add(
            ProjectProgress(
                project_id=p1.id,
                year=2023,
                status="in_progress",
                percent_done=35.5,
                spent=300_000,
                comment="Marché attribué",
            )
        )
        r1 = VotingRound(
            plan_id=plan.id,
            title="Priorités",
            method="points",
            option_kind="project",
            status="closed",
            cards_only=True,
            join_code=f"{join_prefix}0427",
            points_total=100,
            hide_results=True,
            opened_at=dt.datetime(2022, 2, 14, 10, 5, 7),
            closed_at=dt.datetime(2022, 2, 14, 10, 31, 0),
        )
        r2 = VotingRound(
            plan_id=plan.id,
            title="Notation",
            method="scoring",
            option_kind="objective",
            status="draft",
            join_code=f"{join_prefix}7Q9X",
        )
        s.add_all([r1, r2])
        parts = [
            Participant(
                commune_id=c.id,
                token=f"{token_prefix}-{i}",
                card_number=i if i else None,
                role=r,
                sex=sx,
                age_band=ab,
                douar=d,
                language=lg,
            )
            for i, (r, sx, ab, d, lg) in enumerate(
                (
                    ("elected", "f", "35-49", "Tazka", "fr"),
                    ("", "", "", "", "ar"),
                    ("ieeag", "m", "18-24", "Ailleurs", "fr"),
                )
            )
        ]
        parts[0].profiled_at = dt.datetime(2022, 2, 14, 9, 58, 30)
        s.add_all(parts)
        s.flush()
        op1 = VotingOption(
            round_id=r1.id, position=0, label="Eau", project_id=p1.id, final_rank=1, final_score=60
        )
        op2 = VotingOption(
            round_id=r1.id, position=1, label="Amandes", project_id=p2.id, final_rank=2, final_score=40.5
        )
        op3 = VotingOption(round_id=r2.id, position=0, label="Objectif eau", objective_id=o1.id)
        op4 = VotingOption(round_id=r2.id, position=1, label="Idée libre")
        cr1 = VotingCriterion(round_id=r2.id, position=0, label="Urgence", weight=2)
        cr2 = VotingCriterion(round_id=r2.id, position=1, label="Faisabilité", weight=0.5)
        s.add_all([op1, op2, op3, op4, cr1, cr2])
        s.flush()
        b1 = Ballot(
            round_id=r1.id, participant_id=parts[0].id, submitted_at=dt.datetime(2022, 2, 14, 10, 10, 1)
        )
        b2 = Ballot(
            round_id=r1.id, participant_id=parts[2].id, submitted_at=dt.datetime(2022, 2, 14, 10, 12, 0)
        )
        b3 = Ballot(
            round_id=r2.id, participant_id=parts[0].id, submitted_at=dt.datetime(2022, 2, 15, 9, 0, 0)
        )
        s.add_all([b1, b2, b3])
        s.flush()
        s.add_all(
            [
                Vote(ballot_id=b1.id, option_id=op1.id, value=70),
                Vote(ballot_id=b1.id, option_id=op2.id, value=30),
                Vote(ballot_id=b2.id, option_id=op1.id, value=100),
                Vote(ballot_id=b3.id, option_id=op3.id, criterion_id=cr1.id, value=5),
                Vote(ballot_id=b3.id, option_id=op3.id, criterion_id=cr2.id, value=3.5),
            ]
        )
        s.add_all(
            [
                PaperTally(
                    round_id=r1.id, option_id=op2.id, sex="f", role="civil_society", value=120, ballots=4
                ),
                PaperTally(round_id=r2.id, option_id=op4.id, criterion_id=cr2.id, value=2, ballots=1),
            ]
        )
        i1 = Indicator(
            plan_id=plan.id,
            objective_id=o1.id,
            project_id=p1.id,
            code="I1",
            level="outcome",
            name="Taux d'accès à l'eau",
            definition="Ménages raccordés / ménages",
            unit="%",
            baseline_value=72.5,
            baseline_year=2021,
            target_final=95,
            source="Registre ONEE",
            frequency="yearly",
            responsible="Service technique",
            disaggregation=["sex", "douar"],
            is_gender=True,
            status="on_track",
            comment="",
        )
        i2 = Indicator(
            plan_id=plan.id,
            code="",
            level="impact",
            name="Migration des jeunes",
            frequency="end",
            disaggregation=[],
        )
        s.add_all([i1, i2])
        s.flush()
        s.add_all(
            [IndicatorTarget(indicator_id=i1.id, year=y, value=v) for y, v in ((2023, 80), (2025, 90.5))]
        )
        s.add_all(
            [
                Measurement(indicator_id=i1.id, year=2023, sex="all", value=78, comment="Relevé"),
                Measurement(indicator_id=i1.id, year=2023, sex="f", value=-0.5),
            ]
        )
        s.add_all(
            [
                MeCommitteeMember(
                    plan_id=plan.id,
                    name="Fatima",
                    role="president",
                    sex="f",
                    organisation="Conseil",
                    is_ieeag=True,
                ),
                MeCommitteeMember(plan_id=plan.id, name="", role="member"),
            ]
        )
        s.add(
            MeTool(
                plan_id=plan.id,
                name="Tableau de bord",
                description="Mensuel",
                frequency="quarterly",
                responsible="DGS",
            )
        )
        s.add_all(
            [
                MeEvent(
                    plan_id=plan.id,
                    kind="annual_report",
                    year=2023,
                    due_on=dt.date(2024, 5, 1),
                    evaluation_type="",
                    description="Avant la session de mai",
                ),
                MeEvent(plan_id=plan.id, kind="final", year=2028, evaluation_type="external"),
                AdoptionStep(
                    plan_id=plan.id, step="submitted_ngo", done_on=dt.date(2023, 3, 1), recorded_by="Fatima"
                ),
                AdoptionStep(
                    plan_id=plan.id,
                    step="ngo_review",
                    done_on=dt.date(2023, 3, 20),
                    outcome="returned",
                    note="Voir les commentaires « axe 2 »",
                ),
                AdoptionStep(
                    plan_id=plan.id,
                    step="adopted",
                    done_on=dt.date(2023, 6, 5),
                    session_type="extraordinary",
                    votes_for=17,
                    votes_against=2,
                    votes_abstain=0,
                ),
                ReviewComment(
                    plan_id=plan.id,
                    source="ngo",
                    target="project",
                    target_ref="P1",
                    written_on=dt.date(2023, 3, 20),
                    text="Coût à justifier *deux* fois",
                    state="answered",
                    answer="Devis joint",
                    answered_on=dt.date(2023, 4, 2),
                ),
                ReviewComment(plan_id=plan.id, written_on=dt.date(2023, 3, 21), text="سطر 2 : مؤشر النوع"),
            ]
        )
        version = PlanVersion(plan_id=plan.id, number=1, adopted_on=dt.date(2023, 6, 5))
        s.add(version)
        s.flush()
        s.add_all(
            [
                PlanVersionPart(version_id=version.id, position=0, data='{"format": "pac-atelier/classeur-'),
                PlanVersionPart(version_id=version.id, position=1, data='commune", "sheets": {}}'),
            ]
        )
        return c.id


def table_counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two database files made once: catalogues only, and catalogues plus the complete commune."""
    base = tmp_path_factory.mktemp("workbook")
    db = new_db(base / "empty.db")
    db.dispose()
    shutil.copy(base / "empty.db", base / "full.db")
    db = Database(f"sqlite:///{base / 'full.db'}")
    build_commune(db)
    db.dispose()
    return {"empty": base / "empty.db", "full": base / "full.db"}


def _copy(template: Path, path: Path) -> Iterator[Database]:
    shutil.copy(template, path)
    db = Database(f"sqlite:///{path}")
    yield db
    db.dispose()


@pytest.fixture
def src(templates: dict[str, Path], tmp_path: Path) -> Iterator[Database]:
    """A database holding the complete commune SLUG."""
    yield from _copy(templates["full"], tmp_path / "source.db")


@pytest.fixture
def dst(templates: dict[str, Path], tmp_path: Path) -> Iterator[Database]:
    """An empty database, catalogues loaded."""
    yield from _copy(templates["empty"], tmp_path / "target.db")


# --------------------------------------------------------------------------- layout (pure)


def test_every_sheet_name_fits_excel_and_columns_are_unique() -> None:
    assert wb.SHEETS[0].name == "commune"
    assert len({s.name for s in wb.SHEETS}) == len(wb.SHEETS)
    for sheet in wb.SHEETS:
        assert len(sheet.name) <= 31 and not set(sheet.name) & set("[]:*?/\\")
        assert len(set(sheet.names)) == len(sheet.names), sheet.name
        assert set(sheet.key) <= set(sheet.names), sheet.name
        for col in sheet.columns:
            assert col.doc, (sheet.name, col.name)


# What each reference column of a sheet fills in its table (plain columns fill `col.attr`).
REF_COLUMNS = {
    "commune": "commune_id",
    "plan": "plan_id",
    "atelier": "workshop_id",
    "constat": "finding_id",
    "douar": "douar_id",
    "afom": "swot_item_id",
    "axe": "axis_id",
    "objectif": "objective_id",
    "projet": "project_id",
    "partenaire": "partner_code",
    "secteur": "sector_code",
    "competence": "competence_code",
    "chef_de_file": "lead_partner_code",
    "scrutin": "round_id",
    "participant": "participant_id",
    "option": "option_id",
    "critere": "criterion_id",
    "indicateur": "indicator_id",
    "version": "version_id",
    "ref": "id",
}
SPECIAL = {
    ("projets_criteres_migration", "critere"): "migration_criteria",
    ("votes", "participant"): "ballot_id",
    ("participants", "douar"): "douar",
}


def test_the_commune_tables_are_found_from_the_model() -> None:
    assert {"communes", "douars", "finding_douars", "votes", "paper_tallies", "me_events"} <= COMMUNE_TABLES
    assert not {"users", "settings", "audit_entries", "sectors", "partners"} & COMMUNE_TABLES
    assert {sheet.table for sheet in wb.SHEETS} == COMMUNE_TABLES


def test_every_column_of_a_communes_data_is_in_the_workbook() -> None:
    """A column added to the model without its workbook column would silently be lost by a backup."""
    covered: dict[str, set[str]] = {}
    for sheet in wb.SHEETS:
        cols = covered.setdefault(sheet.table, {"id"})
        for col in sheet.columns:
            cols.add(col.attr or SPECIAL.get((sheet.name, col.name)) or REF_COLUMNS[col.name])
            if (sheet.name, col.name) in SPECIAL:
                cols.add(REF_COLUMNS.get(col.name, ""))
    timestamps = {"created_at", "updated_at"}
    missing = {}
    for table in Base.metadata.sorted_tables:
        if table.name not in COMMUNE_TABLES:
            continue
        assert table.name in covered, f"table {table.name} has no sheet"
        lost = {c.name for c in table.columns} - covered[table.name] - timestamps
        lost -= TRANSIENT_COLUMNS.get(table.name, set())
        if lost:
            missing[table.name] = lost
    assert missing == {}


def test_text_bounds_and_defaults_match_the_model() -> None:
    """A text the workbook accepts fits its column, and a blank cell of a NOT NULL column gets a default."""
    tables = Base.metadata.tables
    for sheet in wb.SHEETS:
        for col in sheet.columns:
            if not col.attr:
                continue
            column = tables[sheet.table].columns[col.attr]
            if isinstance(column.type, String) and column.type.length and col.kind == wb.TEXT:
                assert col.max_len <= column.type.length, (sheet.name, col.name)
            if not column.nullable:
                assert col.required or col.default is not None, (sheet.name, col.name)


def test_docs_show_the_generated_layout() -> None:
    doc = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    start, end = "<!-- layout:start -->\n", "<!-- layout:end -->"
    assert start in doc and end in doc
    assert doc.split(start, 1)[1].split(end, 1)[0].strip() == wb.render_markdown().strip(), (
        "docs/workbook.md is stale: run `python -m tests.test_workbook` to render it from pac.domain.workbook"
    )


def test_every_reference_of_the_layout_resolves() -> None:
    """What checks, export and import derive from a column's declaration exists: the row or catalogue it
    names, the columns its checks depend on, the model attribute it fills."""
    tables = Base.metadata.tables
    for sheet in wb.SHEETS:
        for col in sheet.columns:
            where = (sheet.name, col.name)
            if col.target:
                target = wb.SHEET_BY_NAME[col.target[0]]
                assert col.target[1] == target.key[-1] and target.unknown, where  # a key, and a message
            else:
                assert col.refers in ("", *wb.CATALOGUES), where
            for name in (col.scope, col.same, col.within, *col.not_before[:1]):
                assert not name or name in sheet.names, where
            if col.also_in:
                assert set(wb.SHEET_BY_NAME[col.also_in].key) <= set(sheet.names), where
            if col.fk:
                assert col.fk in tables[sheet.table].columns, where
            if col.refers and not col.fk and sheet.name != "projets_criteres_migration":
                # A reference that stores nothing is shown through another one (an objective's plan).
                assert any(
                    c.fk and col.name in wb.SHEET_BY_NAME[c.also_in or c.target[0]].key
                    for c in sheet.columns
                    if c.target
                ), where


# --------------------------------------------------------------------------- cell coercion (pure)


def _coerce(
    sheet: str, column: str, value: Any, labels: dict[str, str] | None = None
) -> tuple[Any, list[str]]:
    c = Collector()
    out = wb.coerce(c, wb.SHEET_BY_NAME[sheet].column(column), value, sheet=sheet, row=7, labels=labels)
    return out, [str(p) for p in c.problems]


@pytest.mark.parametrize(
    ("sheet", "column", "value", "expected"),
    [
        ("projets", "cout_total", "1 200 000,50", 1_200_000.5),
        ("projets", "cout_total", 3, 3.0),
        ("projets", "cout_total", None, 0.0),
        ("projets", "toute_commune", "oui", True),
        ("projets", "toute_commune", "Non", False),
        ("projets", "toute_commune", 1, True),
        ("projets", "toute_commune", None, False),
        ("projets", "marqueur_gender", "2", 2),
        ("projets", "marqueur_gender", 1.0, 1),
        ("projets", "marqueur_gender", "", None),
        ("douars", "nom", 12.0, "12"),
        ("plans", "envoi_commissions_le", "05/04/2022", dt.date(2022, 4, 5)),
        ("plans", "envoi_commissions_le", dt.datetime(2022, 4, 5), dt.date(2022, 4, 5)),
        (
            "scrutins",
            "ouvert_le",
            dt.datetime(2022, 2, 14, 10, 5, 6, 999_000),
            dt.datetime(2022, 2, 14, 10, 5, 7),
        ),
        ("scrutins", "ouvert_le", "2022-02-14 10:05:07", dt.datetime(2022, 2, 14, 10, 5, 7)),
        ("indicateurs", "desagregation", "sex, douar", ["sex", "douar"]),
        ("indicateurs", "desagregation", ["age"], ["age"]),
        ("indicateurs", "desagregation", None, []),
        ("participants", "sexe", None, ""),
    ],
)
def test_cells_are_coerced_to_their_type(sheet: str, column: str, value: Any, expected: Any) -> None:
    out, problems = _coerce(sheet, column, value)
    assert problems == []
    assert out == expected and type(out) is type(expected)


@pytest.mark.parametrize(
    ("sheet", "column", "value", "words"),
    [
        ("projets", "cout_total", "beaucoup", "n'est pas un nombre"),
        ("projets", "cout_total", -5, "supérieure ou égale à 0"),
        ("projets", "toute_commune", "peut-être", "n'est pas oui ou non"),
        ("projets", "marqueur_gender", 3, "n'est pas une valeur permise"),
        ("afom", "quadrant", "X", "n'est pas une valeur permise"),
        ("projets", "titre", "<script>alert(1)</script>", "balises HTML"),
        ("projets", "code", None, "obligatoire"),
        ("projets", "annee_debut", "deux mille", "n'est pas un nombre"),
        ("plans", "envoi_commissions_le", "32/13/2022", "n'est pas une date"),
        ("avancement", "pourcentage", 120, "inférieure ou égale à 100"),
        ("indicateurs", "desagregation", "sex, religion", "religion"),
        ("projets", "code", "x" * 21, "dépasse 20 caractères"),
    ],
)
def test_bad_cells_are_named_in_french(sheet: str, column: str, value: Any, words: str) -> None:
    _, problems = _coerce(sheet, column, value)
    assert len(problems) == 1
    assert f"Feuille « {sheet} », ligne 7, colonne « {column} »" in problems[0] and words in problems[0]


def test_a_french_label_is_accepted_for_a_code() -> None:
    out, problems = _coerce("afom", "quadrant", "forces", labels={"S": "Forces", "W": "Faiblesses"})
    assert (out, problems) == ("S", [])


# --------------------------------------------------------------------------- export


def test_export_uses_natural_keys_and_refs_never_database_ids(src: Database) -> None:
    d = workbook_dict(src, SLUG)
    assert d["format"] == wb.FORMAT and d["version"] == wb.VERSION and d["commune"] == SLUG
    sheets = d["sheets"]
    assert set(sheets) == {s.name for s in wb.SHEETS}
    for sheet in wb.SHEETS:
        for row in sheets[sheet.name]:
            assert list(row) == sheet.names  # every column, in the documented order
    assert [r["nom"] for r in sheets["douars"]] == ["Tazka", "12", "Aït Omar"]
    assert [r["ref"] for r in sheets["constats"]] == [1, 2]
    assert sheets["constats_douars"] == [{"constat": 1, "douar": "Tazka"}, {"constat": 1, "douar": "12"}]
    p01 = [r for r in sheets["projets"] if r["plan"] == 2022 and r["code"] == "P01"][0]
    assert (
        p01["objectif"] == "A1.1"
        and p01["marqueur_biodiversity"] is None
        and p01["cout_total"] == 2_450_000.75
    )
    assert [r["critere"] for r in sheets["projets_criteres_migration"]] == p01_criteria(src)
    assert sheets["votes"][3] == {"scrutin": 2, "participant": 1, "option": 3, "critere": 1, "valeur": 5.0}
    assert sheets["scrutins"][0]["ouvert_le"] == "2022-02-14 10:05:07"
    assert sheets["plans"][1]["envoi_commissions_le"] == "2022-03-01"
    assert sheets["indicateurs"][0]["desagregation"] == "sex, douar"
    # A SQLite id would show up as a key or a column named after it.
    assert not any("id" in row for rows in sheets.values() for row in rows)
    json.dumps(d)  # plain data


def p01_criteria(db: Database) -> list[str]:
    with db.read() as s:
        return list(
            s.scalar(
                select(Project.migration_criteria).where(
                    Project.code == "P01", Project.title != "Ancien projet"
                )
            )
        )


def test_export_unknown_commune_or_format_is_refused(src: Database) -> None:
    with pytest.raises(DomainError, match="Commune inconnue"):
        export_workbook(src, "nulle-part", "xlsx")
    with pytest.raises(DomainError, match="format de classeur inconnu"):
        export_workbook(src, SLUG, "csv")


def test_xlsx_file_is_documented_styled_and_readable(src: Database) -> None:
    data = export_workbook(src, SLUG, "xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [wb.README_SHEET, *[s.name for s in wb.SHEETS]]
    readme = book[wb.README_SHEET]
    texts = [c.value for row in readme.iter_rows() for c in row if isinstance(c.value, str)]
    assert wb.FORMAT in texts and SLUG in texts
    for sheet in wb.SHEETS:  # every sheet and every column is described on the LISEZ-MOI sheet
        assert sheet.name in texts
        for col in sheet.columns:
            assert col.doc in texts
    ws = book["projets"]
    assert [c.value for c in ws[1]] == wb.SHEET_BY_NAME["projets"].names
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold and ws["A1"].comment is not None
    assert ws.column_dimensions["D"].width > 8
    fy = book["annees_financieres"]
    note = [c for c in fy[2] if c.value == "=SOMME(A1)"][0]
    assert note.data_type == "s"  # a text, never a formula
    plans = book["plans"]
    col = wb.SHEET_BY_NAME["plans"].names.index("envoi_commissions_le") + 1
    assert plans.cell(row=3, column=col).value == dt.datetime(2022, 3, 1)  # a real date cell
    scrutins = book["scrutins"]
    assert (
        scrutins.cell(row=2, column=wb.SHEET_BY_NAME["scrutins"].names.index("code_acces") + 1).value
        == "K0427"
    )
    assert any("quadrant" in (dv.errorTitle or "") for dv in book["afom"].data_validations.dataValidation)


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_round_trip_into_an_empty_database_gives_the_same_workbook(
    src: Database, dst: Database, fmt: str, tmp_path: Path
) -> None:
    before = workbook_dict(src, SLUG)
    data = export_workbook(src, SLUG, fmt)
    summary = import_workbook(dst, data, fmt)
    assert summary.slug == SLUG and not summary.replaced
    assert summary.counts == {name: len(rows) for name, rows in before["sheets"].items()}
    assert workbook_dict(dst, SLUG) == before
    # Every table of the commune's data came across, row for row.
    assert {k: v for k, v in table_counts(dst).items() if k in COMMUNE_TABLES} == {
        k: v for k, v in table_counts(src).items() if k in COMMUNE_TABLES
    }
    # Reopen the file: the import was committed.
    dst.dispose()
    again = Database(f"sqlite:///{tmp_path / 'target.db'}")
    try:
        assert workbook_dict(again, SLUG) == before
        assert export_workbook(again, SLUG, "json") == export_workbook(src, SLUG, "json")
    finally:
        again.dispose()


def test_the_fixture_touches_every_table(src: Database) -> None:
    empty = [name for name, n in table_counts(src).items() if n == 0 and name in COMMUNE_TABLES]
    assert empty == []


def test_export_then_import_by_id(src: Database, dst: Database) -> None:
    with src.read() as s:
        cid = s.scalar(select(Commune.id).where(Commune.slug == SLUG))
    summary = import_workbook(dst, export_workbook(src, str(cid), "json"), "json")
    assert summary.slug == SLUG


# --------------------------------------------------------------------------- refusal, nothing changed


def _json(d: dict[str, Any]) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def _refused(db: Database, data: bytes, fmt: str = "json", **kw: Any) -> list[Any]:
    before = table_counts(db)
    with pytest.raises(DomainError) as err:
        import_workbook(db, data, fmt, **kw)
    assert table_counts(db) == before  # nothing imported, nothing deleted
    return err.value.problems


def _row_of(d: dict[str, Any], sheet: str, **match: Any) -> dict[str, Any]:
    return next(r for r in d["sheets"][sheet] if all(r[k] == v for k, v in match.items()))


BREAKAGES = {
    "missing sheet": (
        lambda d: d["sheets"].pop("financements"),
        ("financements", None, "", "feuille manquante"),
    ),
    "missing column": (
        lambda d: [r.pop("cout_total") for r in d["sheets"]["projets"]],
        ("projets", None, "cout_total", "colonne manquante"),
    ),
    "wrong type": (
        lambda d: _row_of(d, "projets", code="P02").update(beneficiaires_femmes="beaucoup"),
        ("projets", 2, "beneficiaires_femmes", "n'est pas un nombre"),
    ),
    "wrong date": (
        lambda d: d["sheets"]["plans"][1].update(session_adoption_le="hier"),
        ("plans", 2, "session_adoption_le", "n'est pas une date"),
    ),
    "unknown commune": (
        lambda d: d["sheets"]["douars"][2].update(commune="tiznit"),
        ("douars", 3, "commune", "commune inconnue « tiznit »"),
    ),
    "unknown partner": (
        lambda d: d["sheets"]["financements"][1].update(partenaire="NASA"),
        ("financements", 2, "partenaire", "partenaire inconnu du catalogue « NASA »"),
    ),
    "unknown sector": (
        lambda d: d["sheets"]["constats"][0].update(secteur="tourisme-spatial"),
        ("constats", 1, "secteur", "secteur inconnu"),
    ),
    "unknown competence": (
        lambda d: d["sheets"]["projets"][0].update(competence="NOPE"),
        ("projets", 1, "competence", "compétence inconnue"),
    ),
    "unknown douar": (
        lambda d: d["sheets"]["projets_douars"][0].update(douar="Atlantide"),
        ("projets_douars", 1, "douar", "douar inconnu"),
    ),
    "unknown project code": (
        lambda d: d["sheets"]["projets_couts"][2].update(projet="P99"),
        ("projets_couts", 3, "projet", "projet inconnu dans le plan 2022 « 2022 / P99 »"),
    ),
    "unknown ref": (
        lambda d: d["sheets"]["afom_constats"][0].update(constat=42),
        ("afom_constats", 1, "constat", "constat inconnu"),
    ),
    "negative cost": (
        lambda d: d["sheets"]["projets"][0].update(cout_total=-1),
        ("projets", 1, "cout_total", "supérieure ou égale à 0"),
    ),
    "negative amount": (
        lambda d: d["sheets"]["financements"][0].update(montant="-250 000"),
        ("financements", 1, "montant", "supérieure ou égale à 0"),
    ),
    "year outside the plan": (
        lambda d: d["sheets"]["financements"][0].update(annee=2031),
        ("financements", 1, "annee", "hors de la période du plan (2022–2027)"),
    ),
    "target outside the plan": (
        lambda d: d["sheets"]["cibles"][0].update(annee=2019),
        ("cibles", 1, "annee", "hors de la période du plan"),
    ),
    "duplicate code": (
        lambda d: _row_of(d, "projets", code="P02").update(code="P01"),
        ("projets", 2, "code", "doublon"),
    ),
    "duplicate douar": (
        lambda d: d["sheets"]["douars"][2].update(nom="Tazka"),
        ("douars", 3, "nom", "doublon"),
    ),
    "bad closed-list value": (
        lambda d: d["sheets"]["afom"][0].update(quadrant="Z"),
        ("afom", 1, "quadrant", "n'est pas une valeur permise"),
    ),
    "bad marker": (
        lambda d: d["sheets"]["projets"][0].update(marqueur_gender=5),
        ("projets", 1, "marqueur_gender", "n'est pas une valeur permise"),
    ),
    "html": (
        lambda d: d["sheets"]["constats"][1].update(texte="<img src=x onerror=alert(1)>"),
        ("constats", 2, "texte", "balises HTML"),
    ),
    "option of another round": (
        lambda d: d["sheets"]["votes"][0].update(option=3),
        ("votes", 1, "option", "appartient au scrutin 2"),
    ),
    "vote without ballot": (
        lambda d: d["sheets"]["votes"][1].update(participant=2),
        ("votes", 2, "participant", "aucun bulletin"),
    ),
    "plan end before start": (
        lambda d: d["sheets"]["plans"][0].update(annee_fin=2010),
        ("plans", 1, "annee_fin", "précède"),
    ),
    "plan not six years": (
        lambda d: d["sheets"]["plans"][0].update(annee_fin=d["sheets"]["plans"][0]["annee_debut"] + 13),
        ("plans", 1, "annee_fin", "un PAC couvre 6 ans"),
    ),
    "two communes": (
        lambda d: d["sheets"]["commune"].append(dict(d["sheets"]["commune"][0], slug="autre")),
        ("commune", None, "", "exactement une commune"),
    ),
    "bad slug": (
        lambda d: d["sheets"]["commune"][0].update(slug="Tafraout Essai"),
        ("commune", 1, "slug", "minuscules"),
    ),
    "wrong format": (lambda d: d.update(format="autre-chose"), ("", None, "format", "n'est pas un classeur")),
    "newer version": (lambda d: d.update(version=99), ("", None, "version", "plus récent")),
}


@pytest.mark.parametrize("case", list(BREAKAGES))
def test_a_broken_workbook_is_refused_and_the_database_is_unchanged(
    src: Database, dst: Database, case: str
) -> None:
    build_commune(
        dst, "autre-commune", join_prefix="Z", token_prefix="z"
    )  # something that must stay untouched
    d = copy.deepcopy(workbook_dict(src, SLUG))
    breaker, (sheet, row, column, words) = BREAKAGES[case]
    breaker(d)
    problems = _refused(dst, _json(d))
    hits = [
        p for p in problems if p.sheet == sheet and p.row == row and p.field == column and words in p.message
    ]
    assert hits, [str(p) for p in problems]
    assert workbook_dict(dst, "autre-commune")["sheets"]["projets"]


def test_a_text_needs_its_french_or_its_arabic_version(src: Database, dst: Database) -> None:
    """A project's title is required in one language or the other, never in both."""
    d = copy.deepcopy(workbook_dict(src, SLUG))
    first, second = d["sheets"]["projets"][:2]
    first["titre_ar"], first["titre"] = first["titre"] + " ع", ""  # Arabic only: fine
    second["titre"], second["titre_ar"] = "", ""  # neither: refused, naming the column
    problems = _refused(dst, _json(d))
    assert [(p.sheet, p.field) for p in problems] == [("projets", "titre")]
    assert "titre_ar" in problems[0].message and "obligatoire" in problems[0].message


def test_an_older_workbook_files_each_text_by_its_script(src: Database, dst: Database) -> None:
    """A workbook written before the Arabic columns existed: an Arabic text lands in the Arabic version."""
    d = copy.deepcopy(workbook_dict(src, SLUG))
    for sheet in d["sheets"].values():
        for row in sheet:
            for name in [k for k in row if k.endswith("_ar") and k[:-3] in row and k != "nom_ar"]:
                row.pop(name)
    d["sheets"]["projets"][0]["titre"] = "تزويد الدواوير بالماء الصالح للشرب"
    code = d["sheets"]["projets"][0]["code"]
    import_workbook(dst, _json(d), "json")
    with dst.read() as s:
        project = s.scalars(select(Project).where(Project.code == code)).first()
        assert (project.title, project.title_ar) == ("", "تزويد الدواوير بالماء الصالح للشرب")


def test_every_problem_is_listed_at_once(src: Database, dst: Database) -> None:
    d = workbook_dict(src, SLUG)
    d["sheets"]["projets"][0]["cout_total"] = -3
    d["sheets"]["financements"][0]["partenaire"] = "NASA"
    d["sheets"]["afom"][1]["quadrant"] = "?"
    d["sheets"]["douars"][0]["nom_ar"] = "<b>x</b>"
    problems = _refused(dst, _json(d))
    assert {(p.sheet, p.field) for p in problems} >= {
        ("projets", "cout_total"),
        ("financements", "partenaire"),
        ("afom", "quadrant"),
        ("douars", "nom_ar"),
    }


def test_xlsx_problems_give_the_spreadsheet_row_and_column(src: Database, dst: Database) -> None:
    book = load_workbook(io.BytesIO(export_workbook(src, SLUG, "xlsx")))
    ws = book["projets"]
    names = wb.SHEET_BY_NAME["projets"].names
    ws.cell(row=3, column=names.index("cout_total") + 1, value="trop cher")
    ws.cell(row=2, column=names.index("secteur") + 1, value="inconnu")
    book["douars"].delete_cols(3)  # drop « nom_ar »
    book["financements"].cell(
        row=2, column=wb.SHEET_BY_NAME["financements"].names.index("annee") + 1, value=1999
    )
    out = io.BytesIO()
    book.save(out)
    problems = _refused(dst, out.getvalue(), "xlsx")
    messages = [str(p) for p in problems]
    assert (
        "Feuille « projets », ligne 3, colonne « cout_total » : « trop cher » n'est pas un nombre."
        in messages
    )
    assert any(p.sheet == "projets" and p.row == 2 and p.field == "secteur" for p in problems)
    assert any(
        p.sheet == "douars" and p.row == 1 and p.field == "nom_ar" and "manquante" in p.message
        for p in problems
    )
    assert any(
        p.sheet == "financements" and p.row == 2 and p.field == "annee" and "hors de la période" in p.message
        for p in problems
    )


def test_an_xlsx_row_left_blank_is_skipped_and_rows_keep_their_numbers(src: Database, dst: Database) -> None:
    book = load_workbook(io.BytesIO(export_workbook(src, SLUG, "xlsx")))
    ws = book["douars"]
    ws.insert_rows(3)  # a blank line between Tazka and « 12 »
    ws.cell(row=5, column=2, value="<script>")  # « Aït Omar » is now on row 5
    out = io.BytesIO()
    book.save(out)
    problems = _refused(dst, out.getvalue(), "xlsx")
    assert [(p.sheet, p.row, p.field) for p in problems] == [("douars", 5, "nom")]


@pytest.mark.parametrize(
    ("data", "fmt", "words"),
    [
        (b"PK\x03\x04 pas vraiment un zip", "xlsx", "n'est pas un classeur Excel"),
        (b"\x00\x01\x02", "xlsx", "n'est pas un classeur Excel"),
        (b"{pas du json", "json", "n'est pas un JSON lisible"),
        (b"\xff\xfe\x00", "json", "UTF-8"),
        (b"[1, 2, 3]", "json", "n'a pas la forme d'un classeur"),
        (b"{}", "json", "n'a pas la forme d'un classeur"),
        (b"{}", "csv", "format de classeur inconnu"),
        (
            b'{"format": "pac-atelier/classeur-commune", "sheets": {"Feuil1": []}}',
            "json",
            "aucune des feuilles",
        ),
    ],
)
def test_an_unreadable_file_is_refused(dst: Database, data: bytes, fmt: str, words: str) -> None:
    problems = _refused(dst, data, fmt)
    assert any(words in str(p) for p in problems), [str(p) for p in problems]


# --------------------------------------------------------------------------- existing commune, replace


def test_an_existing_slug_is_refused_unless_replace(src: Database, tmp_path: Path) -> None:
    d = workbook_dict(src, SLUG)
    problems = _refused(src, _json(d))
    assert [(p.sheet, p.row, p.field) for p in problems] == [("commune", 1, "slug")]
    assert "existe déjà" in problems[0].message and "--replace" in problems[0].message

    with src.read() as s:
        cid = s.scalar(select(Commune.id).where(Commune.slug == SLUG))
    other = build_commune(src, "voisine", join_prefix="V", token_prefix="v")
    voisine = workbook_dict(src, "voisine")
    # The workbook now says something else: a renamed commune, one project fewer, one douar more.
    d["sheets"]["commune"][0]["nom_fr"] = "Tafraout (remplacée)"
    d["sheets"]["projets"] = [r for r in d["sheets"]["projets"] if r["code"] != "P02" or r["plan"] != 2022]
    d["sheets"]["options"][1]["projet"] = ""
    d["sheets"]["douars"].append(dict(d["sheets"]["douars"][0], nom="Nouveau douar"))
    summary = import_workbook(src, _json(d), "json", replace=True)
    assert summary.replaced and summary.commune_id == cid
    assert summary.counts["projets"] == 2 and summary.counts["douars"] == 4

    src.dispose()  # reopen: the replacement was committed
    again = Database(f"sqlite:///{tmp_path / 'source.db'}")
    try:
        got = workbook_dict(again, cid)
        assert got == d
        assert workbook_dict(again, "voisine") == voisine  # the other commune is untouched
        with again.read() as s:
            assert s.scalar(select(func.count()).select_from(Commune)) == 2
            assert s.scalar(select(Commune.id).where(Commune.slug == "voisine")) == other
    finally:
        again.dispose()


def test_a_replace_that_fails_keeps_the_old_data(src: Database) -> None:
    d = workbook_dict(src, SLUG)
    d["sheets"]["projets"][0]["cout_total"] = "gratuit"
    _refused(src, _json(d), replace=True)
    assert workbook_dict(src, SLUG)["sheets"]["projets"][0]["cout_total"] == 2_450_000.75


def test_join_codes_and_tokens_of_another_commune_are_refused(src: Database, dst: Database) -> None:
    build_commune(dst, "copie", join_prefix="K", token_prefix="t")  # same codes and tokens, another slug
    problems = _refused(dst, export_workbook(src, SLUG, "json"), "json")
    assert ("scrutins", 1, "code_acces") in {(p.sheet, p.row, p.field) for p in problems}
    assert ("participants", 1, "jeton") in {(p.sheet, p.row, p.field) for p in problems}


# --------------------------------------------------------------------------- the demo commune


def test_the_demo_commune_round_trips(demo_db: Database, dst: Database) -> None:
    from pac.services.demo import DEMO_SLUG

    before = workbook_dict(demo_db, DEMO_SLUG)
    assert all(before["sheets"][name] for name in ("projets", "financements", "votes", "cibles", "mesures"))
    for fmt in ("xlsx", "json"):
        started = time.perf_counter()
        data = export_workbook(demo_db, DEMO_SLUG, fmt)
        exported = time.perf_counter()
        summary = import_workbook(dst, data, fmt, replace=fmt == "json")
        imported = time.perf_counter()
        assert summary.replaced == (fmt == "json")
        assert workbook_dict(dst, DEMO_SLUG) == before
        # Generous bounds (about 1 s each on a laptop): a backup of a real commune takes seconds, not minutes.
        assert exported - started < 10 and imported - exported < 10


def test_a_formula_without_a_computed_value_is_reported_not_read_as_empty(catalogued_db) -> None:  # type: ignore[no-untyped-def]
    import io

    from openpyxl import Workbook

    from pac.exports.workbook_xlsx import read_xlsx

    book = Workbook()
    ws = book.active
    ws.title = "projets"
    ws.append(["code", "cout_total"])
    ws.append(["P01", "=1/0"])
    buffer = io.BytesIO()
    book.save(buffer)
    _, problems = read_xlsx(buffer.getvalue())
    assert [(p.sheet, p.row, p.field) for p in problems] == [("projets", 2, "cout_total")]
    assert "sans valeur calculée" in problems[0].message


if __name__ == "__main__":  # python -m tests.test_workbook: write the generated part of docs/workbook.md
    path = ROOT / "docs" / "workbook.md"
    path.write_text(wb.with_layout(path.read_text(encoding="utf-8")), encoding="utf-8")
