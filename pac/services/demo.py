"""The demonstration commune: one command gives a newcomer a full, fictional PAC to explore.

`load_demo` writes the content of `pac.demo_data` (a fictional commune of the
Anti-Atlas) in one transaction: douars and key figures, finances, the plan and
its workshops, findings, SWOT, axes, objectives and projects with their costs,
partners and funding, a closed voting round with its ballots, indicators and
the M&E set-up.  Everything derived (yearly costs, funding lines, ballots,
ranks, targets) is computed here, deterministically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pac import demo_data as D
from pac.db import Database
from pac.domain import vocab
from pac.models import (
    Attendance,
    Axis,
    Ballot,
    Commune,
    Douar,
    FinancialYear,
    Finding,
    Funding,
    Indicator,
    IndicatorTarget,
    KeyFigure,
    Measurement,
    MeCommitteeMember,
    MeEvent,
    MeTool,
    Objective,
    PaperTally,
    Participant,
    Plan,
    PlanValue,
    Project,
    ProjectPartner,
    ProjectProgress,
    ProjectYearCost,
    SwotItem,
    Vote,
    VotingOption,
    VotingRound,
    Workshop,
)
from pac.services import catalogues

DEMO_SLUG = D.SLUG
_ROUND_TO = 1_000  # yearly costs and funding lines are whole thousands of dirhams
_DOTS = 5  # the demo round: 5 dots each, at most 2 on one option
_MAX_PER_OPTION = 2
_CODE_SIGNS = "ACFHKRWXY34679"  # the voting page's alphabet: signs that cannot be misread aloud


def load_demo(db: Database) -> int:
    """Create the demonstration commune if it does not exist yet; return its id (idempotent)."""
    try:
        with db.write() as s:
            existing = s.scalar(select(Commune.id).where(Commune.slug == DEMO_SLUG))
            if existing is not None:
                return existing
            catalogues.fill_empty(s)
            _restore_codes(s)
            return _build(s)
    except IntegrityError:
        # Two starts at the same moment on PostgreSQL: the other one created it.
        with db.read() as s:
            existing = s.scalar(select(Commune.id).where(Commune.slug == DEMO_SLUG))
        if existing is None:
            raise
        return existing


# --------------------------------------------------------------------------- derived figures (pure)


def year_costs(cost: float, years: tuple[int, int], phasing: tuple[float, ...] = ()) -> dict[int, float]:
    """Spread a cost over its years (evenly, or by the `phasing` shares) in whole thousands of dirhams;
    the last year takes the remainder so that the years add up to the cost."""
    span = list(range(years[0], years[1] + 1))
    weights = phasing if len(phasing) == len(span) else (1 / len(span),) * len(span)
    out = {
        y: float(math.floor(cost * w / _ROUND_TO) * _ROUND_TO)
        for y, w in zip(span[:-1], weights, strict=False)
    }
    out[span[-1]] = float(cost - sum(out.values()))
    return out


def funding_lines(
    costs: dict[int, float], shares: Iterable[tuple[str, float, str]]
) -> list[tuple[str, int, float, str]]:
    """Funding lines (partner, year, amount, status): each share of each year's cost, never above it.

    When the shares cover the whole cost, the last line takes what rounding left, so the
    project is exactly funded; otherwise the gap stays visible.
    """
    shares = list(shares)
    full = abs(sum(sh for _, sh, _ in shares) - 1) < 1e-9
    lines = []
    for year, cost in costs.items():
        given = 0.0
        for i, (partner, share, status) in enumerate(shares):
            if full and i == len(shares) - 1:
                amount = cost - given
            else:
                amount = math.floor(cost * share / _ROUND_TO) * _ROUND_TO
            given += amount
            lines.append((partner, year, float(amount), status))
    return lines


def draw_ballots(seed: int) -> list[dict[str, int]]:
    """Dots of each demo participant (option key -> 1 or 2), drawn with a fixed seed.

    Every participant places all their dots, at most two on one option.
    """
    rng = random.Random(seed)
    ballots = []
    for _card, _role, _sex, _age, _douar, leaning in D.PARTICIPANTS:
        weights = {opt: 1 + D.VOTE_LEANINGS.get(leaning, {}).get(opt, 0) for opt in D.VOTE_OPTIONS}
        dots: dict[str, int] = {}
        for _ in range(_DOTS):
            allowed = [o for o in D.VOTE_OPTIONS if dots.get(o, 0) < _MAX_PER_OPTION]
            pick = rng.choices(allowed, weights=[weights[o] for o in allowed])[0]
            dots[pick] = dots.get(pick, 0) + 1
        ballots.append(dots)
    return ballots


def vote_scores(ballots: list[dict[str, int]], paper: dict[str, int]) -> dict[str, float]:
    """Total dots per option: phones plus the paper tally."""
    scores = {o: 0.0 for o in D.VOTE_OPTIONS}
    for b in ballots:
        for o, n in b.items():
            scores[o] += n
    for o, n in paper.items():
        scores[o] += n
    return scores


def ranks(scores: dict[str, float]) -> dict[str, int]:
    """1 for the highest score; equal scores share a rank (standard competition ranking)."""
    ordered = sorted(scores.values(), reverse=True)
    return {o: ordered.index(sc) + 1 for o, sc in scores.items()}


def _targets(baseline: float, target: float, first: int, last: int, years: Iterable[int]) -> dict[int, float]:
    """Yearly targets going linearly from the baseline (before `first`) to the target (from `last`)."""
    out = {}
    for y in years:
        if y < first:
            x = baseline
        elif y >= last:
            x = target
        else:
            x = baseline + (target - baseline) * (y - first + 1) / (last - first + 1)
        out[y] = round(x) if max(abs(baseline), abs(target)) >= 10 else round(x, 1)
    return out


# --------------------------------------------------------------------------- writing


def _restore_codes(s: Session) -> None:
    """The demo's codes must exist even if someone edited a catalogue before loading it."""
    sectors = {f.sector for f in D.FINDINGS} | {p.sector for p in D.PROJECTS}
    sectors |= {x.sector for x in D.SWOT if x.sector}
    partners = {"COMMUNE"} | {p.lead for p in D.PROJECTS}
    for p in D.PROJECTS:
        partners |= {code for code, _ in p.partners} | {code for code, _, _ in p.fundings}
    catalogues.restore_codes(s, "sectors", sectors)
    catalogues.restore_codes(s, "competences", {p.competence for p in D.PROJECTS if p.competence})
    catalogues.restore_codes(s, "partners", partners)
    catalogues.restore_codes(s, "migration_criteria", {c for p in D.PROJECTS for c in p.criteria})


def _build(s: Session) -> int:
    commune = Commune(
        slug=DEMO_SLUG,
        population=D.POPULATION,
        population_women=D.POPULATION_WOMEN,
        population_men=D.POPULATION_MEN,
        households=D.HOUSEHOLDS,
        is_demo=True,
        archived=False,
        **D.COMMUNE,
    )
    douars = {
        name: Douar(name=name, name_ar=ar, fraction=fraction, population=pop, households=hh)
        for name, ar, fraction, pop, hh in D.DOUARS
    }
    commune.douars = list(douars.values())
    plan = Plan(**D.PLAN)
    plan.values = [PlanValue(position=i + 1, text=text) for i, text in enumerate(D.VALUES)]
    commune.plans = [plan]
    s.add(commune)
    s.flush()

    s.add_all(
        KeyFigure(
            commune_id=commune.id,
            code=code,
            label=label,
            value=float(value),
            unit=unit,
            sex=sex,
            year=year,
            source=source,
        )
        for code, label, value, unit, sex, year, source in D.KEY_FIGURES
    )
    s.add_all(
        FinancialYear(
            commune_id=commune.id,
            year=y,
            own_revenues=own,
            vat_share=vat,
            other_transfers=other,
            operating_expenses=opex,
            debt_service=debt,
            is_forecast=forecast,
            note=note,
        )
        for y, own, vat, other, opex, debt, forecast, note in D.FINANCIAL_YEARS
    )
    for w in D.WORKSHOPS:
        s.add(
            Workshop(
                commune_id=commune.id,
                plan_id=plan.id,
                title=w.title,
                kind=w.kind,
                held_on=w.held_on,
                place=w.place,
                facilitators=w.facilitators,
                notes=w.notes,
                attendance=[Attendance(role=r, women=f, men=m) for r, (f, m) in w.attendance.items()],
            )
        )

    findings = {}
    for f in D.FINDINGS:
        findings[f.key] = Finding(
            commune_id=commune.id,
            source=f.source,
            sector_code=f.sector,
            kind=f.kind,
            text=f.text,
            raised_by=f.raised_by,
            douars=[douars[d] for d in f.douars],
        )
    s.add_all(findings.values())
    swot = {}
    for i, x in enumerate(D.SWOT):
        swot[x.key] = SwotItem(
            plan_id=plan.id,
            quadrant=x.quadrant,
            position=i + 1,
            text=x.text,
            sector_code=x.sector,
            findings=[findings[k] for k in x.findings],
        )
    s.add_all(swot.values())

    objectives: dict[str, Objective] = {}
    for i, (code, title, description) in enumerate(D.AXES):
        axis = Axis(plan=plan, code=code, title=title, description=description, position=i + 1)
        for j, (ocode, otitle, swot_keys) in enumerate(
            o for o in D.OBJECTIVES if o[0].startswith(code + ".")
        ):
            objectives[ocode] = Objective(
                axis=axis, code=ocode, title=otitle, position=j + 1, swot_items=[swot[k] for k in swot_keys]
            )
        s.add(axis)

    projects = _projects(s, plan, objectives, douars)
    s.flush()
    _indicators(s, plan, objectives, projects)
    _vote(s, commune, plan, projects)
    _monitoring(s, plan)
    s.flush()
    return commune.id


def _projects(
    s: Session, plan: Plan, objectives: dict[str, Objective], douars: dict[str, Douar]
) -> dict[str, Project]:
    projects: dict[str, Project] = {}
    for n, p in enumerate(D.PROJECTS, start=1):
        if p.beneficiaries is not None:
            women, men, youth = p.beneficiaries
        else:
            total = sum(douars[d].population or 0 for d in p.douars) if p.douars else D.POPULATION
            women = round(total * 0.528)
            men = total - women
            youth = round(total * 0.3)
        retained = p.status == "retained"
        project = Project(
            plan_id=plan.id,
            objective=objectives[p.objective],
            code=f"P{n:02d}",
            title=p.title,
            description=p.description,
            sector_code=p.sector,
            whole_commune=not p.douars,
            douars=[douars[d] for d in p.douars],
            beneficiaries_women=women,
            beneficiaries_men=men,
            beneficiaries_youth=youth,
            total_cost=float(p.cost),
            owner=p.owner,
            status=p.status,
            migration_criteria=list(p.criteria),
            gender_analysis_note=p.gender_note,
            competence_code=p.competence,
            lead_partner_code=p.lead,
            subsidiarity_confirmed=p.confirmed,
            in_plan=retained and p.years is not None,
            start_year=p.years[0] if p.years else None,
            end_year=p.years[1] if p.years else None,
            partners=[ProjectPartner(partner_code=code, role=role) for code, role in p.partners],
        )
        for code, value in zip(vocab.MARKERS, p.markers, strict=True):  # demo_data lists them in this order
            setattr(project, f"marker_{code}", value)
        if p.years:
            costs = year_costs(p.cost, p.years, p.phasing)
            project.year_costs = [ProjectYearCost(year=y, amount=a) for y, a in costs.items()]
            project.fundings = [
                Funding(partner_code=partner, year=y, amount=amount, status=status)
                for partner, y, amount, status in funding_lines(costs, p.fundings)
                if amount > 0
            ]
            project.progress = [
                ProjectProgress(
                    year=y,
                    status=st,
                    percent_done=float(pct),
                    spent=round(costs.get(y, 0) * spent),
                    comment=comment,
                )
                for y, (st, pct, spent, comment) in sorted(D.PROGRESS.get(p.key, {}).items())
            ]
        projects[p.key] = project
    s.add_all(projects.values())
    return projects


def _indicators(
    s: Session, plan: Plan, objectives: dict[str, Objective], projects: dict[str, Project]
) -> None:
    years = range(plan.start_year, plan.end_year + 1)
    counter: dict[str, int] = {}
    for x in D.OBJECTIVE_INDICATORS:
        counter[x.objective] = counter.get(x.objective, 0) + 1
        s.add(
            Indicator(
                plan_id=plan.id,
                objective_id=objectives[x.objective].id,
                code=f"I-{x.objective}-{counter[x.objective]}",
                level=x.level,
                name=x.name,
                unit=x.unit,
                baseline_value=float(x.baseline),
                baseline_year=x.baseline_year,
                target_final=float(x.target),
                source=x.source,
                frequency=x.frequency,
                responsible=x.responsible,
                disaggregation=list(x.disaggregation),
                is_gender=x.is_gender,
                targets=[
                    IndicatorTarget(year=y, value=float(v))
                    for y, v in _targets(
                        x.baseline, x.target, x.baseline_year + 1, plan.end_year, years
                    ).items()
                ],
                measurements=[
                    Measurement(year=y, sex=sex, value=float(v)) for (y, sex), v in x.measurements.items()
                ],
            )
        )
    for p in D.PROJECTS:
        project = projects[p.key]
        if p.status != "retained" or p.years is None:
            continue
        for suffix, spec in (("", p.indicator), ("-G", p.gender_indicator)):
            if spec is None:
                continue
            measurements = []
            if not suffix and spec.level == "output":
                for y, (_st, pct, _spent, _c) in sorted(D.PROGRESS.get(p.key, {}).items()):
                    value = spec.baseline + (spec.target - spec.baseline) * pct / 100
                    measurements.append(Measurement(year=y, sex="all", value=float(round(value))))
            s.add(
                Indicator(
                    plan_id=plan.id,
                    project_id=project.id,
                    objective_id=None,
                    code=f"I-{project.code}{suffix}",
                    level=spec.level,
                    name=spec.name,
                    unit=spec.unit,
                    baseline_value=float(spec.baseline),
                    baseline_year=plan.start_year - 1,
                    target_final=float(spec.target),
                    source=spec.source,
                    frequency=spec.frequency,
                    responsible=spec.responsible,
                    disaggregation=list(spec.disaggregation),
                    is_gender=spec.is_gender,
                    targets=[
                        IndicatorTarget(year=y, value=float(v))
                        for y, v in _targets(
                            spec.baseline, spec.target, p.years[0], p.years[1], years
                        ).items()
                    ],
                    measurements=measurements,
                )
            )


def _vote(s: Session, commune: Commune, plan: Plan, projects: dict[str, Project]) -> None:
    v = D.VOTE
    rnd = VotingRound(
        plan_id=plan.id,
        title=v["title"],
        method="dots",
        option_kind="project",
        status="closed",
        join_code=_join_code(s, v["join_code"]),
        dots_per_participant=_DOTS,
        max_dots_per_option=_MAX_PER_OPTION,
        opened_at=v["opened_at"],
        closed_at=v["closed_at"],
        options=[
            VotingOption(position=i + 1, label=projects[key].title, project_id=projects[key].id)
            for i, key in enumerate(D.VOTE_OPTIONS)
        ],
    )
    participants = [
        Participant(
            commune_id=commune.id,
            token=hashlib.sha256(f"{DEMO_SLUG}:{card}".encode()).hexdigest()[:32],
            card_number=card,
            role=role,
            sex=sex,
            age_band=age,
            douar=douar,
            language="ar" if card % 6 == 0 else "fr",
            created_at=v["opened_at"] + dt.timedelta(minutes=card // 5),
        )
        for card, role, sex, age, douar, _leaning in D.PARTICIPANTS
    ]
    s.add(rnd)
    s.add_all(participants)
    s.flush()
    option_of = {key: opt for key, opt in zip(D.VOTE_OPTIONS, rnd.options, strict=True)}
    drawn = draw_ballots(v["seed"])
    for participant, dots in zip(participants, drawn, strict=True):
        at = v["opened_at"] + dt.timedelta(minutes=5 + (participant.card_number or 0))
        s.add(
            Ballot(
                round_id=rnd.id,
                participant_id=participant.id,
                submitted_at=at,
                updated_at=at,
                votes=[Vote(option_id=option_of[key].id, value=float(n)) for key, n in dots.items()],
            )
        )
    paper = D.PAPER
    s.add_all(
        PaperTally(
            round_id=rnd.id,
            option_id=option_of[key].id,
            sex=paper["sex"],
            role=paper["role"],
            value=float(n),
            ballots=paper["ballots"],
        )
        for key, n in paper["dots"].items()
    )
    scores = vote_scores(drawn, paper["dots"])
    rank = ranks(scores)
    for key, opt in option_of.items():
        opt.final_score = scores[key]
        opt.final_rank = rank[key]
        projects[key].vote_score = scores[key]
        projects[key].vote_rank = rank[key]
    # The other retained projects were ranked by the council after the vote, below the voted ones.
    others = [p for key, p in projects.items() if p.in_plan and key not in option_of]
    others.sort(key=lambda p: (p.start_year or 0, p.code))
    for n, p in enumerate(others, start=len(option_of) + 1):
        p.priority_override = n
        p.priority_override_reason = D.PRIORITY_REASON


def _join_code(s: Session, preferred: str) -> str:
    """The demo's join code, or, if a real round already uses it, another one drawn with a fixed seed."""
    rng = random.Random(preferred)
    code = preferred
    while s.scalar(select(VotingRound.id).where(VotingRound.join_code == code)) is not None:
        code = "".join(rng.choice(_CODE_SIGNS) for _ in range(len(preferred)))
    return code


def _monitoring(s: Session, plan: Plan) -> None:
    s.add_all(
        MeCommitteeMember(plan_id=plan.id, name=name, role=role, sex=sex, organisation=org, is_ieeag=ieeag)
        for name, role, sex, org, ieeag in D.COMMITTEE
    )
    s.add_all(
        MeTool(plan_id=plan.id, name=name, description=desc, frequency=freq, responsible=resp)
        for name, desc, freq, resp in D.TOOLS
    )
    s.add_all(
        MeEvent(plan_id=plan.id, kind=kind, year=year, due_on=due, evaluation_type=etype, description=desc)
        for kind, year, due, etype, desc in D.EVENTS
    )
