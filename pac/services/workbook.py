"""The commune workbook: export a commune's whole dataset, import one back (backup and exchange format).

The layout and every check live in `pac.domain.workbook`; the Excel file in
`pac.exports.workbook_xlsx`.  Here: reading the database into the workbook's
plain tables, and writing checked tables back in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import workbook as wb
from pac.domain.errors import DomainError, Problem
from pac.i18n import vocab_labels
from pac.models import (
    Attendance,
    Axis,
    Ballot,
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
    Project,
    ProjectDouar,
    ProjectPartner,
    ProjectProgress,
    ProjectYearCost,
    Sector,
    SwotFinding,
    SwotItem,
    Vote,
    VotingCriterion,
    VotingOption,
    VotingRound,
    Workshop,
)
from pac.services.common import find_commune

FORMATS = ("xlsx", "json")


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: the commune, whether it replaced one, and the rows read per sheet."""

    commune_id: int
    slug: str
    name: str
    replaced: bool
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# --------------------------------------------------------------------------- export


def workbook_dict(db: Database, commune_ref: int | str) -> dict[str, Any]:
    """The whole dataset of a commune as plain JSON-ready data: {"format", "version", "commune", "sheets"}."""
    with db.read() as s:
        commune = find_commune(s, commune_ref)
        return {
            "format": wb.FORMAT,
            "version": wb.VERSION,
            "commune": commune.slug,
            "sheets": _Exporter(s, commune).run(),
        }


def export_workbook(db: Database, commune_ref: int | str, fmt: str) -> bytes:
    """The commune workbook as `.xlsx` or `.json` bytes."""
    fmt = _check_format(fmt)
    data = workbook_dict(db, commune_ref)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    from pac.exports.workbook_xlsx import write_xlsx

    commune_row = data["sheets"]["commune"][0]
    meta = {
        "format": data["format"],
        "version": data["version"],
        "commune": commune_row["slug"],
        "name": commune_row["nom_fr"],
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
    }
    return write_xlsx(data["sheets"], meta=meta)


def _check_format(fmt: str) -> str:
    f = (fmt or "").lower().lstrip(".")
    if f not in FORMATS:
        raise DomainError(
            Problem("format", f"format de classeur inconnu « {fmt} » (permis : .xlsx ou .json).")
        )
    return f


def _row(sheet: wb.Sheet, obj: Any, **refs: Any) -> dict[str, Any]:
    """One row of `sheet`: plain columns read from `obj`, the others given by name (all of them, or KeyError)."""
    out: dict[str, Any] = {}
    for col in sheet.columns:
        value = getattr(obj, col.attr) if col.attr else refs[col.name]
        out[col.name] = wb.canonical(col, value)
    return out


class _Exporter:
    """Reads one commune, table by table, in id order (an import recreates rows in that same order)."""

    def __init__(self, s: Session, commune: Commune) -> None:
        self.s = s
        self.c = commune
        self.out: dict[str, list[dict[str, Any]]] = {}

    def add(self, name: str, obj: Any, **refs: Any) -> None:
        self.out.setdefault(name, []).append(_row(wb.SHEET_BY_NAME[name], obj, **refs))

    def all(self, stmt: Any) -> list[Any]:
        return list(self.s.scalars(stmt))

    def run(self) -> dict[str, list[dict[str, Any]]]:
        s, c, cid, slug = self.s, self.c, self.c.id, self.c.slug
        self.out = {sheet.name: [] for sheet in wb.SHEETS}
        self.add("commune", c)
        douar = {}
        for d in self.all(select(Douar).where(Douar.commune_id == cid).order_by(Douar.id)):
            douar[d.id] = d.name
            self.add("douars", d, commune=slug)
        for k in self.all(select(KeyFigure).where(KeyFigure.commune_id == cid).order_by(KeyFigure.id)):
            self.add("chiffres_cles", k, commune=slug)
        for f in self.all(
            select(FinancialYear).where(FinancialYear.commune_id == cid).order_by(FinancialYear.id)
        ):
            self.add("annees_financieres", f, commune=slug)
        plan_year = {}
        for p in self.all(select(Plan).where(Plan.commune_id == cid).order_by(Plan.id)):
            plan_year[p.id] = p.start_year
            self.add("plans", p, commune=slug)
        plan_ids = list(plan_year)
        for pv in self.all(select(PlanValue).where(PlanValue.plan_id.in_(plan_ids)).order_by(PlanValue.id)):
            self.add("valeurs", pv, plan=plan_year[pv.plan_id])

        ws_ref = {}
        for i, w in enumerate(
            self.all(select(Workshop).where(Workshop.commune_id == cid).order_by(Workshop.id)), 1
        ):
            ws_ref[w.id] = i
            self.add("ateliers", w, commune=slug, ref=i, plan=plan_year.get(w.plan_id) if w.plan_id else None)
        for a in self.all(
            select(Attendance).where(Attendance.workshop_id.in_(list(ws_ref))).order_by(Attendance.id)
        ):
            self.add("presences", a, atelier=ws_ref[a.workshop_id])

        f_ref = {}
        for i, f in enumerate(
            self.all(select(Finding).where(Finding.commune_id == cid).order_by(Finding.id)), 1
        ):
            f_ref[f.id] = i
            self.add("constats", f, commune=slug, ref=i, secteur=f.sector_code)
        for fid, did in s.execute(
            select(FindingDouar.finding_id, FindingDouar.douar_id)
            .where(FindingDouar.finding_id.in_(list(f_ref)))
            .order_by(FindingDouar.finding_id, FindingDouar.douar_id)
        ):
            self.add("constats_douars", None, constat=f_ref[fid], douar=douar[did])

        sw_ref = {}
        swot = self.all(select(SwotItem).where(SwotItem.plan_id.in_(plan_ids)).order_by(SwotItem.id))
        for i, item in enumerate(swot, 1):
            sw_ref[item.id] = i
            self.add("afom", item, ref=i, plan=plan_year[item.plan_id], secteur=item.sector_code)
        for sid, fid in s.execute(
            select(SwotFinding.swot_item_id, SwotFinding.finding_id)
            .where(SwotFinding.swot_item_id.in_(list(sw_ref)))
            .order_by(SwotFinding.swot_item_id, SwotFinding.finding_id)
        ):
            self.add("afom_constats", None, afom=sw_ref[sid], constat=f_ref[fid])

        axis_code = {}
        for a in self.all(select(Axis).where(Axis.plan_id.in_(plan_ids)).order_by(Axis.id)):
            axis_code[a.id] = a.code
            self.add("axes", a, plan=plan_year[a.plan_id])
        axis_plan = {a.id: a.plan_id for a in self.all(select(Axis).where(Axis.plan_id.in_(plan_ids)))}
        objective: dict[int, tuple[int, str]] = {}
        for o in self.all(
            select(Objective).where(Objective.axis_id.in_(list(axis_code))).order_by(Objective.id)
        ):
            year = plan_year[axis_plan[o.axis_id]]
            objective[o.id] = (year, o.code)
            self.add("objectifs", o, plan=year, axe=axis_code[o.axis_id])
        for oid, sid in s.execute(
            select(ObjectiveSwot.objective_id, ObjectiveSwot.swot_item_id)
            .where(ObjectiveSwot.objective_id.in_(list(objective)))
            .order_by(ObjectiveSwot.objective_id, ObjectiveSwot.swot_item_id)
        ):
            year, code = objective[oid]
            self.add("objectifs_afom", None, plan=year, objectif=code, afom=sw_ref[sid])

        project: dict[int, tuple[int, str]] = {}
        projects = self.all(select(Project).where(Project.plan_id.in_(plan_ids)).order_by(Project.id))
        for p in projects:
            year = plan_year[p.plan_id]
            project[p.id] = (year, p.code)
            self.add(
                "projets",
                p,
                plan=year,
                objectif=objective[p.objective_id][1],
                secteur=p.sector_code,
                competence=p.competence_code,
                chef_de_file=p.lead_partner_code,
            )
        pids = list(project)
        for pid, did in s.execute(
            select(ProjectDouar.project_id, ProjectDouar.douar_id)
            .where(ProjectDouar.project_id.in_(pids))
            .order_by(ProjectDouar.project_id, ProjectDouar.douar_id)
        ):
            self.add("projets_douars", None, plan=project[pid][0], projet=project[pid][1], douar=douar[did])
        for pp in self.all(
            select(ProjectPartner)
            .where(ProjectPartner.project_id.in_(pids))
            .order_by(ProjectPartner.project_id, ProjectPartner.partner_code)
        ):
            year, code = project[pp.project_id]
            self.add("projets_partenaires", pp, plan=year, projet=code, partenaire=pp.partner_code)
        for yc in self.all(
            select(ProjectYearCost)
            .where(ProjectYearCost.project_id.in_(pids))
            .order_by(ProjectYearCost.project_id, ProjectYearCost.year)
        ):
            year, code = project[yc.project_id]
            self.add("projets_couts", yc, plan=year, projet=code)
        for fu in self.all(select(Funding).where(Funding.project_id.in_(pids)).order_by(Funding.id)):
            year, code = project[fu.project_id]
            self.add("financements", fu, plan=year, projet=code, partenaire=fu.partner_code)
        for pr in self.all(
            select(ProjectProgress).where(ProjectProgress.project_id.in_(pids)).order_by(ProjectProgress.id)
        ):
            year, code = project[pr.project_id]
            self.add("avancement", pr, plan=year, projet=code)
        for p in projects:
            for crit in p.migration_criteria or []:
                self.add(
                    "projets_criteres_migration", None, plan=project[p.id][0], projet=p.code, critere=crit
                )

        r_ref: dict[int, int] = {}
        rounds = self.all(
            select(VotingRound).where(VotingRound.plan_id.in_(plan_ids)).order_by(VotingRound.id)
        )
        for i, r in enumerate(rounds, 1):
            r_ref[r.id] = i
            self.add("scrutins", r, ref=i, plan=plan_year[r.plan_id])
        rids = list(r_ref)
        o_ref: dict[int, int] = {}
        options = self.all(
            select(VotingOption).where(VotingOption.round_id.in_(rids)).order_by(VotingOption.id)
        )
        for i, o in enumerate(options, 1):
            o_ref[o.id] = i
            self.add(
                "options",
                o,
                ref=i,
                scrutin=r_ref[o.round_id],
                projet=project[o.project_id][1] if o.project_id in project else "",
                objectif=objective[o.objective_id][1] if o.objective_id in objective else "",
            )
        c_ref: dict[int, int] = {}
        criteria = self.all(
            select(VotingCriterion).where(VotingCriterion.round_id.in_(rids)).order_by(VotingCriterion.id)
        )
        for i, cr in enumerate(criteria, 1):
            c_ref[cr.id] = i
            self.add("criteres", cr, ref=i, scrutin=r_ref[cr.round_id])
        p_ref: dict[int, int] = {}
        participants = self.all(
            select(Participant).where(Participant.commune_id == cid).order_by(Participant.id)
        )
        for i, pa in enumerate(participants, 1):
            p_ref[pa.id] = i
            self.add("participants", pa, commune=slug, ref=i)
        for b in self.all(select(Ballot).where(Ballot.round_id.in_(rids)).order_by(Ballot.id)):
            self.add("bulletins", b, scrutin=r_ref[b.round_id], participant=p_ref[b.participant_id])
        for vote, round_id, participant_id in s.execute(
            select(Vote, Ballot.round_id, Ballot.participant_id)
            .join(Ballot, Vote.ballot_id == Ballot.id)
            .where(Ballot.round_id.in_(rids))
            .order_by(Vote.id)
        ):
            self.add(
                "votes",
                vote,
                scrutin=r_ref[round_id],
                participant=p_ref[participant_id],
                option=o_ref[vote.option_id],
                critere=c_ref.get(vote.criterion_id) if vote.criterion_id else None,
            )
        for t in self.all(select(PaperTally).where(PaperTally.round_id.in_(rids)).order_by(PaperTally.id)):
            self.add(
                "depouillement_papier",
                t,
                scrutin=r_ref[t.round_id],
                option=o_ref[t.option_id],
                critere=c_ref.get(t.criterion_id) if t.criterion_id else None,
            )

        i_ref: dict[int, int] = {}
        indicators = self.all(select(Indicator).where(Indicator.plan_id.in_(plan_ids)).order_by(Indicator.id))
        for i, ind in enumerate(indicators, 1):
            i_ref[ind.id] = i
            self.add(
                "indicateurs",
                ind,
                ref=i,
                plan=plan_year[ind.plan_id],
                objectif=objective[ind.objective_id][1] if ind.objective_id in objective else "",
                projet=project[ind.project_id][1] if ind.project_id in project else "",
            )
        iids = list(i_ref)
        for tg in self.all(
            select(IndicatorTarget)
            .where(IndicatorTarget.indicator_id.in_(iids))
            .order_by(IndicatorTarget.indicator_id, IndicatorTarget.year)
        ):
            self.add("cibles", tg, indicateur=i_ref[tg.indicator_id])
        for m in self.all(
            select(Measurement).where(Measurement.indicator_id.in_(iids)).order_by(Measurement.id)
        ):
            self.add("mesures", m, indicateur=i_ref[m.indicator_id])
        for model, name in (
            (MeCommitteeMember, "comite_suivi"),
            (MeTool, "outils_suivi"),
            (MeEvent, "calendrier_suivi"),
        ):
            for obj in self.all(select(model).where(model.plan_id.in_(plan_ids)).order_by(model.id)):
                self.add(name, obj, plan=plan_year[obj.plan_id])
        return self.out


# --------------------------------------------------------------------------- import


def read_workbook(data: bytes, fmt: str) -> tuple[wb.RawWorkbook, list[Problem]]:
    """The raw cells of a workbook file (DomainError when it cannot be read at all)."""
    fmt = _check_format(fmt)
    if fmt == "xlsx":
        from pac.exports.workbook_xlsx import read_xlsx

        return read_xlsx(data)
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DomainError("Le fichier JSON n'est pas encodé en UTF-8.") from exc
    except json.JSONDecodeError as exc:
        raise DomainError(
            f"Le fichier n'est pas un JSON lisible (ligne {exc.lineno}, colonne {exc.colno} : {exc.msg})."
        ) from exc
    return wb.raw_from_json(obj)


def import_workbook(db: Database, data: bytes, fmt: str, replace: bool = False) -> ImportSummary:
    """Check the whole workbook, then write it in one transaction; on any problem write nothing and raise
    DomainError listing every problem (sheet, row, column).  A commune whose slug exists is refused unless
    `replace`, which replaces that commune's data (keeping its id)."""
    raw, problems = read_workbook(data, fmt)
    slug = _raw_slug(raw)
    with db.write() as s:
        existing = s.scalar(select(Commune).where(Commune.slug == slug)) if slug else None
        checked, found = wb.check_workbook(
            raw,
            catalogues=_catalogues(s),
            taken=_taken(s, existing.id if existing else None),
            labels=_labels(),
        )
        problems = problems + found
        if existing is not None and not replace:
            commune_row = checked.sheets["commune"][0] if checked.sheets.get("commune") else None
            problems.insert(
                0,
                Problem(
                    "slug",
                    f"la commune « {slug} » existe déjà dans cette base : importez avec l'option --replace "
                    "(remplacer) pour remplacer ses données, ou changez son identifiant dans le classeur.",
                    sheet="commune",
                    row=commune_row.number if commune_row else None,
                ),
            )
        if problems:
            raise DomainError(problems)
        if existing is not None:
            _clear(s, existing.id)
        commune = _Importer(s, checked, existing).run()
        return ImportSummary(
            commune.id, commune.slug, commune.name_fr, existing is not None, checked.counts()
        )


def _raw_slug(raw: wb.RawWorkbook) -> str:
    sheet = raw.sheets.get("commune")
    if not sheet or not sheet.rows:
        return ""
    value = sheet.rows[0].get("slug")
    return str(value).strip() if value is not None else ""


def _catalogues(s: Session) -> wb.Catalogues:
    return wb.Catalogues(
        sectors=frozenset(s.scalars(select(Sector.code))),
        competences=frozenset(s.scalars(select(Competence.code))),
        partners=frozenset(s.scalars(select(Partner.code))),
        migration_criteria=frozenset(s.scalars(select(MigrationCriterion.code))),
    )


def _taken(s: Session, commune_id: int | None) -> wb.Taken:
    """Join codes and participant tokens used by other communes (they are unique in the whole database)."""
    codes = select(VotingRound.join_code).join(Plan, VotingRound.plan_id == Plan.id)
    tokens = select(Participant.token)
    if commune_id is not None:
        codes = codes.where(Plan.commune_id != commune_id)
        tokens = tokens.where(Participant.commune_id != commune_id)
    return wb.Taken(join_codes=frozenset(s.scalars(codes)), tokens=frozenset(s.scalars(tokens)))


def _labels() -> dict[str, dict[str, str]]:
    """French labels accepted in place of codes (a facilitator may type « Forces » for S)."""
    out: dict[str, dict[str, str]] = {}
    for sheet in wb.SHEETS:
        for col in sheet.columns:
            if col.vocab and col.vocab not in out:
                out[col.vocab] = {
                    a: lbl for a, lbl in vocab_labels(col.vocab, col.allowed).items() if a != ""
                }
    return out


def _clear(s: Session, commune_id: int) -> None:
    """Delete a commune's data, keeping the commune row (its id, its users' bookmarks, its audit trail).
    The database's ON DELETE CASCADE removes what hangs below each deleted row."""
    for model in (Plan, Workshop, Finding, Participant, Douar, KeyFigure, FinancialYear):
        s.execute(delete(model).where(model.commune_id == commune_id))
    s.expire_all()


def _fill(sheet: wb.Sheet, row: wb.Row, **extra: Any) -> dict[str, Any]:
    values = {col.attr: row[col.name] for col in sheet.columns if col.attr}
    values.update(extra)
    return values


class _Importer:
    """Writes checked rows, sheet after sheet, in the workbook's order (so ids follow the rows)."""

    def __init__(self, s: Session, checked: wb.Checked, existing: Commune | None) -> None:
        self.s = s
        self.rows = checked.sheets
        self.existing = existing

    def new(self, model: type, name: str, row: wb.Row, **extra: Any) -> Any:
        obj = model(**_fill(wb.SHEET_BY_NAME[name], row, **extra))
        self.s.add(obj)
        return obj

    def link(self, model: type, **values: Any) -> None:
        self.s.add(model(**values))

    def run(self) -> Commune:
        s, rows = self.s, self.rows
        crow = rows["commune"][0]
        commune = self.existing or Commune()
        for key, value in _fill(wb.SHEET_BY_NAME["commune"], crow).items():
            setattr(commune, key, value)
        s.add(commune)
        s.flush()
        cid = commune.id

        douars = {r["nom"]: self.new(Douar, "douars", r, commune_id=cid) for r in rows["douars"]}
        for r in rows["chiffres_cles"]:
            self.new(KeyFigure, "chiffres_cles", r, commune_id=cid)
        for r in rows["annees_financieres"]:
            self.new(FinancialYear, "annees_financieres", r, commune_id=cid)
        plans = {r["annee_debut"]: self.new(Plan, "plans", r, commune_id=cid) for r in rows["plans"]}
        s.flush()
        for r in rows["valeurs"]:
            self.new(PlanValue, "valeurs", r, plan_id=plans[r["plan"]].id)
        workshops = {
            r["ref"]: self.new(
                Workshop,
                "ateliers",
                r,
                commune_id=cid,
                plan_id=plans[r["plan"]].id if r["plan"] is not None else None,
            )
            for r in rows["ateliers"]
        }
        findings = {
            r["ref"]: self.new(Finding, "constats", r, commune_id=cid, sector_code=r["secteur"] or None)
            for r in rows["constats"]
        }
        swot = {
            r["ref"]: self.new(
                SwotItem, "afom", r, plan_id=plans[r["plan"]].id, sector_code=r["secteur"] or None
            )
            for r in rows["afom"]
        }
        axes = {
            (r["plan"], r["code"]): self.new(Axis, "axes", r, plan_id=plans[r["plan"]].id)
            for r in rows["axes"]
        }
        s.flush()
        for r in rows["presences"]:
            self.new(Attendance, "presences", r, workshop_id=workshops[r["atelier"]].id)
        for r in rows["constats_douars"]:
            self.link(FindingDouar, finding_id=findings[r["constat"]].id, douar_id=douars[r["douar"]].id)
        for r in rows["afom_constats"]:
            self.link(SwotFinding, swot_item_id=swot[r["afom"]].id, finding_id=findings[r["constat"]].id)
        objectives = {
            (r["plan"], r["code"]): self.new(
                Objective, "objectifs", r, axis_id=axes[(r["plan"], r["axe"])].id
            )
            for r in rows["objectifs"]
        }
        s.flush()
        for r in rows["objectifs_afom"]:
            self.link(
                ObjectiveSwot,
                objective_id=objectives[(r["plan"], r["objectif"])].id,
                swot_item_id=swot[r["afom"]].id,
            )
        criteria_of: dict[tuple[int, str], list[str]] = defaultdict(list)
        for r in rows["projets_criteres_migration"]:
            criteria_of[(r["plan"], r["projet"])].append(r["critere"])
        projects = {
            (r["plan"], r["code"]): self.new(
                Project,
                "projets",
                r,
                plan_id=plans[r["plan"]].id,
                objective_id=objectives[(r["plan"], r["objectif"])].id,
                sector_code=r["secteur"] or None,
                competence_code=r["competence"] or None,
                lead_partner_code=r["chef_de_file"] or None,
                migration_criteria=list(criteria_of.get((r["plan"], r["code"]), [])),
            )
            for r in rows["projets"]
        }
        s.flush()

        def pid(r: wb.Row) -> int:
            return projects[(r["plan"], r["projet"])].id

        for r in rows["projets_douars"]:
            self.link(ProjectDouar, project_id=pid(r), douar_id=douars[r["douar"]].id)
        for r in rows["projets_partenaires"]:
            self.new(
                ProjectPartner, "projets_partenaires", r, project_id=pid(r), partner_code=r["partenaire"]
            )
        for r in rows["projets_couts"]:
            self.new(ProjectYearCost, "projets_couts", r, project_id=pid(r))
        for r in rows["financements"]:
            self.new(Funding, "financements", r, project_id=pid(r), partner_code=r["partenaire"])
        for r in rows["avancement"]:
            self.new(ProjectProgress, "avancement", r, project_id=pid(r))

        rounds = {
            r["ref"]: self.new(VotingRound, "scrutins", r, plan_id=plans[r["plan"]].id)
            for r in rows["scrutins"]
        }
        participants = {
            r["ref"]: self.new(Participant, "participants", r, commune_id=cid) for r in rows["participants"]
        }
        indicators_rows = rows["indicateurs"]
        s.flush()
        round_year = {r["ref"]: r["plan"] for r in rows["scrutins"]}
        options = {}
        for r in rows["options"]:
            year = round_year[r["scrutin"]]
            options[r["ref"]] = self.new(
                VotingOption,
                "options",
                r,
                round_id=rounds[r["scrutin"]].id,
                project_id=projects[(year, r["projet"])].id if r["projet"] else None,
                objective_id=objectives[(year, r["objectif"])].id if r["objectif"] else None,
            )
        criteria = {
            r["ref"]: self.new(VotingCriterion, "criteres", r, round_id=rounds[r["scrutin"]].id)
            for r in rows["criteres"]
        }
        ballots = {
            (r["scrutin"], r["participant"]): self.new(
                Ballot,
                "bulletins",
                r,
                round_id=rounds[r["scrutin"]].id,
                participant_id=participants[r["participant"]].id,
            )
            for r in rows["bulletins"]
        }
        s.flush()
        for r in rows["votes"]:
            self.new(
                Vote,
                "votes",
                r,
                ballot_id=ballots[(r["scrutin"], r["participant"])].id,
                option_id=options[r["option"]].id,
                criterion_id=criteria[r["critere"]].id if r["critere"] else None,
            )
        for r in rows["depouillement_papier"]:
            self.new(
                PaperTally,
                "depouillement_papier",
                r,
                round_id=rounds[r["scrutin"]].id,
                option_id=options[r["option"]].id,
                criterion_id=criteria[r["critere"]].id if r["critere"] else None,
            )
        indicators = {
            r["ref"]: self.new(
                Indicator,
                "indicateurs",
                r,
                plan_id=plans[r["plan"]].id,
                objective_id=objectives[(r["plan"], r["objectif"])].id if r["objectif"] else None,
                project_id=projects[(r["plan"], r["projet"])].id if r["projet"] else None,
            )
            for r in indicators_rows
        }
        s.flush()
        for r in rows["cibles"]:
            self.new(IndicatorTarget, "cibles", r, indicator_id=indicators[r["indicateur"]].id)
        for r in rows["mesures"]:
            self.new(Measurement, "mesures", r, indicator_id=indicators[r["indicateur"]].id)
        for model, name in (
            (MeCommitteeMember, "comite_suivi"),
            (MeTool, "outils_suivi"),
            (MeEvent, "calendrier_suivi"),
        ):
            for r in rows[name]:
                self.new(model, name, r, plan_id=plans[r["plan"]].id)
        s.flush()
        return commune
