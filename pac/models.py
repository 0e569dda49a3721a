"""The whole data model of PAC Atelier (SQLAlchemy 2, typed).

Only `pac/services` and `pac/db.py` use these classes; pages and exports see
plain dataclasses and DataFrames.  Column names are English; the French and
Arabic labels live in the translation table (`pac/i18n`).

Every schema change goes through an alembic revision in `migrations/versions`.

Longer than 600 lines on purpose: one file holds every table, so that a reader sees the whole schema
and its relationships at once, as alembic's autogenerate does; a split would scatter the foreign keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so that migrations work the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=_now, onupdate=_now, server_default=func.now()
    )


# --------------------------------------------------------------------------- users and settings


class User(Timestamped, Base):
    """A facilitator account (the app's own login: no online identity provider)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_commune_id: Mapped[int | None] = mapped_column(
        ForeignKey("communes.id", ondelete="SET NULL"), nullable=True
    )


class LoginSession(Base):
    """A facilitator's signed-in browser, so that a refresh or a server restart does not log out.

    Only a hash of the token is stored; the browser keeps the token in a cookie.
    """

    __tablename__ = "login_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Setting(Base):
    """Small key/value settings of this installation (e.g. the LAN address shown in QR codes)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


# --------------------------------------------------------------------------- reference catalogues


class Sector(Base):
    __tablename__ = "sectors"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_fr: Mapped[str] = mapped_column(String(200))
    label_ar: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Competence(Base):
    """A competence of the commune or of another level (LO 113-14 arts 83-90 and others)."""

    __tablename__ = "competences"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    level: Mapped[str] = mapped_column(String(30))  # see pac.domain.vocab.COMPETENCE_LEVELS
    article: Mapped[str] = mapped_column(String(80), default="")
    domain_fr: Mapped[str] = mapped_column(String(300))
    domain_ar: Mapped[str] = mapped_column(String(300), default="")
    sector_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    keywords: Mapped[str] = mapped_column(Text, default="")  # words of a project title that point here
    # The same in Arabic, for Arabic project titles (pac.domain.subsidiarity normalises both spellings).
    keywords_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=True)


class Partner(Base):
    __tablename__ = "partners"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_fr: Mapped[str] = mapped_column(String(300))
    name_ar: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(30))  # commune, state, region, province, public_body, ...


class Marker(Base):
    __tablename__ = "markers"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_fr: Mapped[str] = mapped_column(String(200))
    label_ar: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    levels: Mapped[list["MarkerLevel"]] = relationship(
        back_populates="marker", cascade="all, delete-orphan", order_by="MarkerLevel.value"
    )


class MarkerLevel(Base):
    __tablename__ = "marker_levels"
    marker_code: Mapped[str] = mapped_column(ForeignKey("markers.code", ondelete="CASCADE"), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0, 1, 2
    definition_fr: Mapped[str] = mapped_column(Text)
    definition_ar: Mapped[str] = mapped_column(Text, default="")
    marker: Mapped[Marker] = relationship(back_populates="levels")


class MigrationCriterion(Base):
    """Criteria of the (non-official) migration & development marker."""

    __tablename__ = "migration_criteria"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_fr: Mapped[str] = mapped_column(String(300))
    label_ar: Mapped[str] = mapped_column(String(300), default="")


class Mandate(Base):
    """The councils' mandates (elections), an editable catalogue with its source: a PAC is adopted within
    the first year of the mandate (LO 113-14 art. 78)."""

    __tablename__ = "mandates"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    elected_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # empty: not yet dated
    label_fr: Mapped[str] = mapped_column(String(300))
    label_ar: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(300), default="")


# --------------------------------------------------------------------------- commune, plan, workshops


class Commune(Timestamped, Base):
    __tablename__ = "communes"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200), default="")
    province: Mapped[str] = mapped_column(String(120), default="")
    region: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(20), default="rural")  # rural | urban
    population: Mapped[int | None] = mapped_column(Integer, nullable=True)
    population_women: Mapped[int | None] = mapped_column(Integer, nullable=True)
    population_men: Mapped[int | None] = mapped_column(Integer, nullable=True)
    households: Mapped[int | None] = mapped_column(Integer, nullable=True)
    area_km2: Mapped[float | None] = mapped_column(Float, nullable=True)
    census_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    douars: Mapped[list["Douar"]] = relationship(
        back_populates="commune", cascade="all, delete-orphan", order_by="Douar.name"
    )
    plans: Mapped[list["Plan"]] = relationship(
        back_populates="commune", cascade="all, delete-orphan", order_by="Plan.start_year"
    )


class Douar(Base):
    __tablename__ = "douars"
    __table_args__ = (UniqueConstraint("commune_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200), default="")
    fraction: Mapped[str] = mapped_column(String(200), default="")
    fraction_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    population: Mapped[int | None] = mapped_column(Integer, nullable=True)
    households: Mapped[int | None] = mapped_column(Integer, nullable=True)
    commune: Mapped[Commune] = relationship(back_populates="douars")


class KeyFigure(Base):
    """A figure of the monograph: an access rate, a count, by sex when known."""

    __tablename__ = "key_figures"
    __table_args__ = (UniqueConstraint("commune_id", "code", "sex", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(60))  # e.g. access_water, schooling_primary
    label: Mapped[str] = mapped_column(String(300), default="")
    label_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(40), default="%")
    unit_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    sex: Mapped[str] = mapped_column(String(10), default="all")  # all | f | m
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(300), default="")
    source_ar: Mapped[str] = mapped_column(Text, default="", server_default="")


class FinancialYear(Base):
    """One year of the institutional and financial analysis (amounts in DH)."""

    __tablename__ = "financial_years"
    __table_args__ = (UniqueConstraint("commune_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    own_revenues: Mapped[float] = mapped_column(Float, default=0)
    vat_share: Mapped[float] = mapped_column(Float, default=0)
    other_transfers: Mapped[float] = mapped_column(Float, default=0)
    operating_expenses: Mapped[float] = mapped_column(Float, default=0)
    debt_service: Mapped[float] = mapped_column(Float, default=0)
    # When the analysis states the capacity itself it wins over the computed one.
    investment_capacity_override: Mapped[float | None] = mapped_column(Float, nullable=True)
    is_forecast: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")


class Plan(Timestamped, Base):
    """The six-year PAC of a commune."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("commune_id", "start_year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"), index=True)
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), default="")
    title_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    mission: Mapped[str] = mapped_column(Text, default="")
    mission_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    vision: Mapped[str] = mapped_column(Text, default="")
    vision_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | adopted | archived
    # Compliance dates and notes (décret 2-16-301, LO 113-14)
    committees_sent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    adoption_session_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    state_services_consulted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ieeag_opinion_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    pdr_consistency_note: Mapped[str] = mapped_column(Text, default="")

    commune: Mapped[Commune] = relationship(back_populates="plans")
    values: Mapped[list["PlanValue"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanValue.position"
    )
    axes: Mapped[list["Axis"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Axis.position"
    )


class PlanValue(Base):
    __tablename__ = "plan_values"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    text_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    plan: Mapped[Plan] = relationship(back_populates="values")


class Workshop(Timestamped, Base):
    __tablename__ = "workshops"
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"), index=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    kind: Mapped[str] = mapped_column(
        String(30), default="planning"
    )  # diagnostic | thematic | planning | validation
    held_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    place_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    facilitators: Mapped[str] = mapped_column(Text, default="")
    facilitators_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    decisions: Mapped[str] = mapped_column(Text, default="", server_default="")
    decisions_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    attendance: Mapped[list["Attendance"]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", order_by="Attendance.role"
    )


class Attendance(Base):
    """Attendance of a workshop by role and sex."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("workshop_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(40))  # see pac.domain.vocab.ROLES
    women: Mapped[int] = mapped_column(Integer, default=0)
    men: Mapped[int] = mapped_column(Integer, default=0)
    workshop: Mapped[Workshop] = relationship(back_populates="attendance")


# --------------------------------------------------------------------------- diagnostic and SWOT


class FindingDouar(Base):
    __tablename__ = "finding_douars"
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True)
    douar_id: Mapped[int] = mapped_column(ForeignKey("douars.id", ondelete="CASCADE"), primary_key=True)


class Finding(Timestamped, Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(
        String(30)
    )  # monograph | institutional | diagnostic_workshop | thematic_workshop
    sector_code: Mapped[str | None] = mapped_column(ForeignKey("sectors.code"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))  # asset | constraint | need | potential | risk
    text: Mapped[str] = mapped_column(Text)
    text_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    raised_by: Mapped[str] = mapped_column(String(40), default="")  # see pac.domain.vocab.VOICES
    douars: Mapped[list[Douar]] = relationship(secondary="finding_douars", order_by="Douar.name")


class SwotFinding(Base):
    __tablename__ = "swot_item_findings"
    swot_item_id: Mapped[int] = mapped_column(
        ForeignKey("swot_items.id", ondelete="CASCADE"), primary_key=True
    )
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True)


class SwotItem(Timestamped, Base):
    __tablename__ = "swot_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    quadrant: Mapped[str] = mapped_column(String(1))  # S W O T
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    text_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    sector_code: Mapped[str | None] = mapped_column(ForeignKey("sectors.code"), nullable=True)
    findings: Mapped[list[Finding]] = relationship(secondary="swot_item_findings")


class AuditEntry(Base):
    """Who changed what and when during a workshop; `before` allows undoing the last change."""

    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    username: Mapped[str] = mapped_column(String(80), default="")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(30))  # create | update | delete | move | merge ...
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)


# --------------------------------------------------------------------------- strategy and projects


class Axis(Base):
    __tablename__ = "axes"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    plan: Mapped[Plan] = relationship(back_populates="axes")
    objectives: Mapped[list["Objective"]] = relationship(
        back_populates="axis", cascade="all, delete-orphan", order_by="Objective.position"
    )


class ObjectiveSwot(Base):
    __tablename__ = "objective_swot_items"
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), primary_key=True
    )
    swot_item_id: Mapped[int] = mapped_column(
        ForeignKey("swot_items.id", ondelete="CASCADE"), primary_key=True
    )


class Objective(Base):
    __tablename__ = "objectives"
    id: Mapped[int] = mapped_column(primary_key=True)
    axis_id: Mapped[int] = mapped_column(ForeignKey("axes.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    axis: Mapped[Axis] = relationship(back_populates="objectives")
    swot_items: Mapped[list[SwotItem]] = relationship(secondary="objective_swot_items")
    projects: Mapped[list["Project"]] = relationship(
        back_populates="objective", cascade="all, delete-orphan", order_by="Project.code"
    )


class ProjectDouar(Base):
    __tablename__ = "project_douars"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    douar_id: Mapped[int] = mapped_column(ForeignKey("douars.id", ondelete="CASCADE"), primary_key=True)


class Project(Timestamped, Base):
    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # plan_id is redundant with objective -> axis -> plan but keeps codes unique per plan.
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objectives.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    sector_code: Mapped[str | None] = mapped_column(ForeignKey("sectors.code"), nullable=True)
    whole_commune: Mapped[bool] = mapped_column(Boolean, default=False)
    beneficiaries_women: Mapped[int | None] = mapped_column(Integer, nullable=True)
    beneficiaries_men: Mapped[int | None] = mapped_column(Integer, nullable=True)
    beneficiaries_youth: Mapped[int | None] = mapped_column(Integer, nullable=True)
    total_cost: Mapped[float] = mapped_column(Float, default=0)  # DH
    owner: Mapped[str] = mapped_column(String(200), default="")  # maître d'ouvrage
    owner_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(20), default="proposed")  # proposed | retained | rejected
    # Cross-cutting markers, 0/1/2 or None when not assessed yet.
    marker_gender: Mapped[int | None] = mapped_column(Integer, nullable=True)
    marker_climate_adaptation: Mapped[int | None] = mapped_column(Integer, nullable=True)
    marker_climate_mitigation: Mapped[int | None] = mapped_column(Integer, nullable=True)
    marker_desertification: Mapped[int | None] = mapped_column(Integer, nullable=True)
    marker_biodiversity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    marker_environment: Mapped[int | None] = mapped_column(Integer, nullable=True)
    marker_migration: Mapped[int | None] = mapped_column(Integer, nullable=True)
    migration_criteria: Mapped[list[Any]] = mapped_column(JSON, default=list)
    gender_analysis_note: Mapped[str] = mapped_column(Text, default="")
    gender_analysis_note_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    expected_results: Mapped[str] = mapped_column(Text, default="", server_default="")
    expected_results_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    gender_objective: Mapped[str] = mapped_column(Text, default="", server_default="")
    gender_objective_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    vulnerability_context: Mapped[str] = mapped_column(Text, default="", server_default="")
    vulnerability_context_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Subsidiarity
    competence_code: Mapped[str | None] = mapped_column(ForeignKey("competences.code"), nullable=True)
    lead_partner_code: Mapped[str | None] = mapped_column(ForeignKey("partners.code"), nullable=True)
    subsidiarity_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Priority: rank written by a closed voting round, and the facilitator's override.
    vote_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    vote_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    priority_override: Mapped[int | None] = mapped_column(Integer, nullable=True)
    priority_override_reason: Mapped[str] = mapped_column(Text, default="")
    priority_override_reason_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Triennial plan
    in_plan: Mapped[bool] = mapped_column(Boolean, default=False)
    start_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_year: Mapped[int | None] = mapped_column(Integer, nullable=True)

    objective: Mapped[Objective] = relationship(back_populates="projects")
    douars: Mapped[list[Douar]] = relationship(secondary="project_douars", order_by="Douar.name")
    partners: Mapped[list["ProjectPartner"]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )
    year_costs: Mapped[list["ProjectYearCost"]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectYearCost.year"
    )
    fundings: Mapped[list["Funding"]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Funding.year"
    )
    progress: Mapped[list["ProjectProgress"]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectProgress.year"
    )


class ProjectPartner(Base):
    """A partner of a project besides its lead (with or without an agreement)."""

    __tablename__ = "project_partners"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    partner_code: Mapped[str] = mapped_column(ForeignKey("partners.code"), primary_key=True)
    role: Mapped[str] = mapped_column(String(30), default="partner")  # partner | agreement | funder
    project: Mapped[Project] = relationship(back_populates="partners")


class ProjectYearCost(Base):
    __tablename__ = "project_year_costs"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount: Mapped[float] = mapped_column(Float, default=0)
    project: Mapped[Project] = relationship(back_populates="year_costs")


class Funding(Base):
    __tablename__ = "fundings"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    partner_code: Mapped[str] = mapped_column(ForeignKey("partners.code"))
    year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="to_find")  # secured | negotiation | to_find
    project: Mapped[Project] = relationship(back_populates="fundings")


class ProjectProgress(Base):
    """Tracking after the workshop: a project's state at the end of a year."""

    __tablename__ = "project_progress"
    __table_args__ = (UniqueConstraint("project_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    percent_done: Mapped[float] = mapped_column(Float, default=0)
    spent: Mapped[float] = mapped_column(Float, default=0)
    comment: Mapped[str] = mapped_column(Text, default="")
    project: Mapped[Project] = relationship(back_populates="progress")


# --------------------------------------------------------------------------- voting


class VotingRound(Timestamped, Base):
    __tablename__ = "voting_rounds"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    method: Mapped[str] = mapped_column(String(20))  # dots | points | scoring
    option_kind: Mapped[str] = mapped_column(String(20), default="project")  # project | objective | free
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | open | closed
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    dots_per_participant: Mapped[int] = mapped_column(Integer, default=5)
    max_dots_per_option: Mapped[int] = mapped_column(Integer, default=2)
    points_total: Mapped[int] = mapped_column(Integer, default=100)
    hide_results: Mapped[bool] = mapped_column(Boolean, default=False)
    # Only printed participant cards may vote (rooms where each participant must vote once).
    cards_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # How many participants one shared phone may carry in this round (beyond: refused on the phone).
    max_per_phone: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    options: Mapped[list["VotingOption"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="VotingOption.position"
    )
    criteria: Mapped[list["VotingCriterion"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="VotingCriterion.position"
    )


class VotingOption(Base):
    __tablename__ = "voting_options"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(300))
    label_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), nullable=True
    )
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objectives.id", ondelete="SET NULL"), nullable=True
    )
    final_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    final_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    round: Mapped[VotingRound] = relationship(back_populates="options")


class VotingCriterion(Base):
    __tablename__ = "voting_criteria"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(200))
    label_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    weight: Mapped[float] = mapped_column(Float, default=1)
    round: Mapped[VotingRound] = relationship(back_populates="criteria")


class Participant(Base):
    """An anonymous voter of a commune's workshop: a token and a profile, no name."""

    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    card_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    role: Mapped[str] = mapped_column(String(40), default="")
    sex: Mapped[str] = mapped_column(String(10), default="")  # f | m | "" (not said)
    age_band: Mapped[str] = mapped_column(String(20), default="")
    douar: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(5), default="fr")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # When the participant gave the profile (a printed card exists before its holder gives one).
    profiled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class Ballot(Base):
    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("round_id", "participant_id", name="uq_ballots_round_participant"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    # The phone (its anonymous cookie) that sent it: bounds the participants of one shared phone.
    phone: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    votes: Mapped[list["Vote"]] = relationship(back_populates="ballot", cascade="all, delete-orphan")


class BallotReceipt(Base):
    """One per submission, keyed by the idempotency key the phone made: a resubmission (timeout,
    reload, server restart) finds its receipt here and never writes a second ballot."""

    __tablename__ = "ballot_receipts"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"), index=True)
    updated: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Vote(Base):
    __tablename__ = "votes"
    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"), index=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("voting_options.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int | None] = mapped_column(
        ForeignKey("voting_criteria.id", ondelete="CASCADE"), nullable=True
    )
    value: Mapped[float] = mapped_column(Float)
    ballot: Mapped[Ballot] = relationship(back_populates="votes")


class PaperTally(Base):
    """Paper ballots counted by hand: the total per option, per sex and role when known."""

    __tablename__ = "paper_tallies"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("voting_options.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int | None] = mapped_column(
        ForeignKey("voting_criteria.id", ondelete="CASCADE"), nullable=True
    )
    sex: Mapped[str] = mapped_column(String(10), default="")
    role: Mapped[str] = mapped_column(String(40), default="")
    value: Mapped[float] = mapped_column(Float, default=0)
    ballots: Mapped[int] = mapped_column(Integer, default=0)  # how many paper ballots this line sums


# --------------------------------------------------------------------------- monitoring and evaluation


class Indicator(Timestamped, Base):
    __tablename__ = "indicators"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), nullable=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=True
    )
    code: Mapped[str] = mapped_column(String(30), default="")
    level: Mapped[str] = mapped_column(String(20))  # output | outcome | impact
    name: Mapped[str] = mapped_column(String(300))
    name_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    definition: Mapped[str] = mapped_column(Text, default="")
    definition_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    unit: Mapped[str] = mapped_column(String(60), default="")
    unit_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    baseline_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    baseline_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_final: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(Text, default="")  # source and means of verification
    source_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    frequency: Mapped[str] = mapped_column(String(30), default="yearly")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    responsible_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    disaggregation: Mapped[list[Any]] = mapped_column(JSON, default=list)  # subset of ["sex", "age", "douar"]
    is_gender: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(30), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    targets: Mapped[list["IndicatorTarget"]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorTarget.year"
    )
    measurements: Mapped[list["Measurement"]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="Measurement.year"
    )


class IndicatorTarget(Base):
    __tablename__ = "indicator_targets"
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    indicator: Mapped[Indicator] = relationship(back_populates="targets")


class Measurement(Base):
    __tablename__ = "measurements"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "sex"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(10), default="all")
    value: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[Indicator] = relationship(back_populates="measurements")


class MeCommitteeMember(Base):
    """A member of the plan's follow-up committee."""

    __tablename__ = "me_committee_members"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")  # a name or a function
    name_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    role: Mapped[str] = mapped_column(String(40))
    sex: Mapped[str] = mapped_column(String(10), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    organisation_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    is_ieeag: Mapped[bool] = mapped_column(Boolean, default=False)


class MeTool(Base):
    __tablename__ = "me_tools"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="", server_default="")
    frequency: Mapped[str] = mapped_column(String(30), default="")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    responsible_ar: Mapped[str] = mapped_column(Text, default="", server_default="")


class MeEvent(Base):
    """The M&E calendar: yearly reports, mid-term and final evaluations."""

    __tablename__ = "me_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # annual_report | mid_term | final | other
    year: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    evaluation_type: Mapped[str] = mapped_column(
        String(30), default=""
    )  # internal | external | participatory
    description: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="", server_default="")


class AdoptionStep(Base):
    """One step of the plan's road to adoption (pac.domain.adoption.STEPS), with its date, who and a note.
    Kept as a history: a step recorded again adds a row, the latest one counts."""

    __tablename__ = "adoption_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(30))
    done_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    note: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20), default="")  # ngo_review: validated | returned
    text: Mapped[str] = mapped_column(Text, default="")  # the IEEAG opinion, the committees' reports
    session_type: Mapped[str] = mapped_column(String(20), default="")  # ordinary | extraordinary
    votes_for: Mapped[int | None] = mapped_column(Integer, nullable=True)
    votes_against: Mapped[int | None] = mapped_column(Integer, nullable=True)
    votes_abstain: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ReviewComment(Base):
    """A reviewer's comment (NGO, committee, IEEAG) on the plan, one of its sections or one project."""

    __tablename__ = "review_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20), default="ngo")  # ngo | committee | ieeag | other
    target: Mapped[str] = mapped_column(String(20), default="plan")  # plan | section | project
    target_ref: Mapped[str] = mapped_column(String(100), default="")  # the section key or the project code
    author: Mapped[str] = mapped_column(String(100), default="")
    written_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="open")  # open | answered
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class PlanVersion(Base):
    """A plan as adopted in session, frozen: a later change of the plan makes it the next version, and
    this one stays readable (its commune workbook, from which every document can be produced again)."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    adopted_on: Mapped[dt.date] = mapped_column(Date)
    frozen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class PlanVersionPart(Base):
    """One piece of a frozen version's workbook (JSON text), in order: pieces fit a spreadsheet cell."""

    __tablename__ = "plan_version_parts"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
