"""The facilitator's side of a vote (page « Vote »): one function per user action, one transaction each.

What can be put to the vote; create, update, open, close, clear and delete a round; its display
flags; the projected counter and the results; paper tallies; printed participant cards; the
objectives' priorities.  The counting itself is `pac.domain.vote`'s: `_results` only reads the
phone ballots and paper tallies and hands them over.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import validate as v
from pac.domain import vote as rules_
from pac.domain.bilingual import sort_by_script
from pac.domain.errors import Collector, NotFound
from pac.domain.vote import Key, PaperLine, PhoneVote, raise_in, refuse
from pac.i18n import t
from pac.models import (
    Axis,
    Ballot,
    Commune,
    Objective,
    PaperTally,
    Participant,
    Plan,
    Project,
    Vote,
    VotingCriterion,
    VotingOption,
    VotingRound,
)
from pac.services.backups import auto_backup
from pac.services.common import get_or_404
from pac.services.vote.network import voter_url
from pac.services.vote.views import (
    CardView,
    Counter,
    PaperGroup,
    RoundResults,
    RoundSummary,
    RoundView,
    load_round,
    round_view,
    utcnow,
)

MAX_CARDS = 500

# --------------------------------------------------------------------------- rounds


def _coded(code: str | None, title: str | None) -> str:
    """An option's label: the project's or objective's code, then its title (nothing when no title)."""
    title = (title or "").strip()
    if not title:
        return ""
    return f"{code} — {title}" if code else title


def option_choices(db: Database, plan_id: int, kind: str) -> list[dict[str, Any]]:
    """What can be put to the vote: the plan's projects (not rejected) or objectives, each with both
    versions of its label (`label`, `label_ar`: code and title in French, in Arabic)."""
    with db.read() as s:
        if kind == "project":
            q = (
                select(Project.id, Project.code, Project.title, Project.title_ar)
                .where(Project.plan_id == plan_id, Project.status != "rejected")
                .order_by(Project.code)
            )
        elif kind == "objective":
            q = (
                select(Objective.id, Objective.code, Objective.title, Objective.title_ar)
                .join(Axis)
                .where(Axis.plan_id == plan_id)
                .order_by(Axis.position, Objective.position, Objective.code)
            )
        else:
            return []
        return [
            {"id": i, "label": _coded(code, title), "label_ar": _coded(code, title_ar)}
            for i, code, title, title_ar in s.execute(q)
        ]


def option_candidates(db: Database, plan_id: int, kind: str, lang: str = "fr") -> list[tuple[int, str]]:
    """The same as (id, label as a reader of `lang` sees it)."""
    return [(c["id"], rules_.bi_text(c, "label", lang)) for c in option_choices(db, plan_id, kind)]


def list_rounds(db: Database, plan_id: int) -> list[RoundSummary]:
    with db.read() as s:
        n_options = select(func.count()).where(VotingOption.round_id == VotingRound.id).scalar_subquery()
        n_ballots = select(func.count()).where(Ballot.round_id == VotingRound.id).scalar_subquery()
        q = (
            select(VotingRound, n_options, n_ballots)
            .where(VotingRound.plan_id == plan_id)
            .order_by(VotingRound.created_at.desc(), VotingRound.id.desc())
        )
        return [
            RoundSummary(
                r.id, r.title, r.method, r.option_kind, r.status, r.join_code, no, nb, r.title_ar or ""
            )
            for r, no, nb in s.execute(q)
        ]


def get_round(db: Database, round_id: int) -> RoundView:
    with db.read() as s:
        return round_view(*load_round(s, round_id))


DEFAULT_PER_PHONE = 3  # the model's default: a couple sharing a phone, a parent and a child
MAX_PER_PHONE = 1000  # beyond any room; keeps the column's integer in range


def _free_rows(raw: Any) -> list[tuple[Any, Any]]:
    """Free options as (French, Arabic): lines of a text, texts, pairs, or dicts {label, label_ar}."""
    if isinstance(raw, str):
        rows: list[Any] = raw.splitlines()
    else:
        rows = list(raw or [])
    out: list[tuple[Any, Any]] = []
    for row in rows:
        if isinstance(row, Mapping):
            out.append((row.get("label"), row.get("label_ar")))
        elif isinstance(row, tuple | list):
            out.append((row[0] if row else None, row[1] if len(row) > 1 else None))
        else:
            # one text: French or Arabic according to its script (a line typed in Arabic is the Arabic one)
            fr, ar = sort_by_script(row if isinstance(row, str) else None)
            out.append((fr, ar) if isinstance(row, str) else (row, None))
    return out


def _validate_round(
    values: Mapping[str, Any], candidates: Mapping[int, Mapping[str, Any]], lang: str = "fr"
) -> dict[str, Any]:
    def f(key: str, **fmt: Any) -> str:
        return t(f"vote.f.{key}", lang, **fmt)

    c = Collector()
    title = v.text(c, f("title"), values.get("title"), max_len=300)
    title_ar = v.text(c, f("title_ar"), values.get("title_ar"), max_len=300)
    if not title and not title_ar and not c:
        c.problems.append(rules_.Said(f("title"), t("vote.err.title_required", lang), lang=lang))
    kind = v.choice(c, f("option_kind"), values.get("option_kind") or "project", rules_.OPTION_KINDS)
    options: list[tuple[str, str, int | None]] = []
    if kind == "free":
        seen: set[str] = set()
        for i, (fr, ar) in enumerate(_free_rows(values.get("free_options")), start=1):
            label = v.text(c, f("free_option", i=i), fr, max_len=300)
            label_ar = v.text(c, f("free_option_ar", i=i), ar, max_len=300)
            same = (label.lower(), label_ar)
            if (label or label_ar) and str(same) not in seen:
                seen.add(str(same))
                options.append((label, label_ar, None))
    elif kind in ("project", "objective"):
        for ref in values.get("option_refs") or []:
            if ref not in candidates:
                c.problems.append(
                    rules_.Said(f("options"), t(f"vote.err.not_in_plan.{kind}", lang, ref=ref), lang=lang)
                )
            elif ref not in {r for _, _, r in options}:
                got = candidates[ref]
                options.append((got["label"], got["label_ar"], ref))
    settings = rules_.check_settings(
        c,
        values.get("method"),
        len(options),
        values.get("dots_per_participant", 5),
        values.get("max_dots_per_option", 2),
        values.get("points_total", 100),
        values.get("criteria") or (),
        lang=lang,
    )
    # a shared phone carries this many participants at most (the default when a caller says nothing)
    max_per_phone = v.integer(
        c,
        f("max_per_phone"),
        values.get("max_per_phone", DEFAULT_PER_PHONE),
        required=True,
        minimum=1,
        maximum=MAX_PER_PHONE,
    )
    raise_in(c, lang)
    return {
        "title": title,
        "title_ar": title_ar,
        "option_kind": kind,
        "options": options,
        **settings,
        "hide_results": bool(values.get("hide_results")),
        "cards_only": bool(values.get("cards_only")),
        "max_per_phone": max_per_phone,
    }


def _fill(s: Session, r: VotingRound, data: Mapping[str, Any]) -> None:
    r.title = data["title"]
    r.title_ar = data["title_ar"]
    r.method = data["method"]
    r.option_kind = data["option_kind"]
    r.dots_per_participant = data["dots_per_participant"]
    r.max_dots_per_option = data["max_dots_per_option"]
    r.points_total = data["points_total"]
    r.hide_results = data["hide_results"]
    r.cards_only = data["cards_only"]
    r.max_per_phone = data["max_per_phone"]
    kind = data["option_kind"]
    r.options = [
        VotingOption(
            position=i,
            label=label,
            label_ar=label_ar,
            project_id=ref if kind == "project" else None,
            objective_id=ref if kind == "objective" else None,
        )
        for i, (label, label_ar, ref) in enumerate(data["options"])
    ]
    r.criteria = [
        VotingCriterion(position=i, label=label, label_ar=label_ar, weight=w)
        for i, (label, label_ar, w) in enumerate(data["criteria"] if data["method"] == "scoring" else [])
    ]


def _unique_code(s: Session) -> str:
    for _ in range(200):
        code = rules_.new_join_code()
        if s.scalar(select(VotingRound.id).where(VotingRound.join_code == code)) is None:
            return code
    raise refuse("fr", "vote.err.no_free_code")


def _candidates(db: Database, plan_id: int, kind: str) -> dict[int, dict[str, Any]]:
    return {c["id"]: c for c in option_choices(db, plan_id, kind)} if kind in ("project", "objective") else {}


def create_round(db: Database, plan_id: int, values: Mapping[str, Any], lang: str = "fr") -> RoundView:
    """A new round in preparation, with its options, method settings and a fresh join code.

    `values` holds the title in French (`title`) and in Arabic (`title_ar`), at least one of them; free
    options as lines, texts, (French, Arabic) pairs or {label, label_ar}; refusals come in `lang`."""
    kind = values.get("option_kind") or "project"
    data = _validate_round(values, _candidates(db, plan_id, kind), lang)
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        r = VotingRound(plan_id=plan.id, join_code=_unique_code(s), status="draft")
        _fill(s, r, data)
        s.add(r)
        s.flush()
        return round_view(r, plan.commune_id)


def update_round(db: Database, round_id: int, values: Mapping[str, Any], lang: str = "fr") -> RoundView:
    """Change a round's options or method: only while it is in preparation and nobody has voted."""
    round_ = get_round(db, round_id)
    kind = values.get("option_kind") or "project"
    data = _validate_round(values, _candidates(db, round_.plan_id, kind), lang)
    with db.write() as s:
        r, commune_id = load_round(s, round_id)
        if r.status != "draft" or _has_ballots(s, r.id):
            raise refuse(lang, "vote.err.started", "vote.f.options")
        _fill(s, r, data)
        s.flush()
        return round_view(r, commune_id)


def set_display(db: Database, round_id: int, *, hide_results: bool, cards_only: bool) -> RoundView:
    """Hide results until the close (against herd voting) and the cards-only rule: changeable any time."""
    with db.write() as s:
        r, commune_id = load_round(s, round_id)
        r.hide_results = bool(hide_results)
        r.cards_only = bool(cards_only)
        return round_view(r, commune_id)


def open_round(db: Database, round_id: int, lang: str = "fr") -> RoundView:
    """Open (or reopen after a close) the round: phones may vote or change their ballot again."""
    with db.write() as s:
        r, commune_id = load_round(s, round_id)
        if r.status == "open":
            raise refuse(lang, "vote.err.already_open")
        r.status = "open"
        r.opened_at = utcnow()
        r.closed_at = None
        view = round_view(r, commune_id)
    auto_backup(db, "round_opened")  # the workshop's live moment starts from a copy (never blocks)
    return view


def _has_ballots(s: Session, round_id: int) -> bool:
    return bool(
        s.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id))
    ) or bool(s.scalar(select(func.count()).select_from(PaperTally).where(PaperTally.round_id == round_id)))


def close_round(db: Database, round_id: int, lang: str = "fr") -> RoundResults:
    """Close the round and write its ranking to the options and, for projects, to their priority.

    Objectives have no rank column of their own: their rank stays on the round's options
    (see `objective_priorities`).  A round closed without any ballot writes no ranking.
    """
    with db.write() as s:
        r, commune_id = load_round(s, round_id)
        if r.status != "open":
            raise refuse(lang, "vote.err.close_not_open")
        r.status = "closed"
        r.closed_at = utcnow()
        res = _results(s, r, commune_id)
        ranking = rules_.final_ranking(res.overall) if res.has_ballots else {}
        for o in r.options:
            o.final_rank, o.final_score = ranking.get(o.id, (None, None))
            if o.project_id is not None and ranking:
                project = s.get(Project, o.project_id)
                if project is not None:
                    project.vote_rank, project.vote_score = o.final_rank, o.final_score
        s.flush()
        closed = RoundResults(round_view(r, commune_id), res.overall, res.turnout, res.groups)
    auto_backup(db, "round_closed")  # the ballots and the ranking just written, copied (never blocks)
    return closed


def _confirm(r: VotingRound, confirmation: Any, what: str, lang: str) -> None:
    if rules_.normalise_code(confirmation) != r.join_code:
        raise refuse(lang, f"vote.err.confirm_{what}", "vote.f.confirmation", code=r.join_code)


def clear_round(db: Database, round_id: int, confirmation: str, lang: str = "fr") -> RoundView:
    """Delete every ballot (phone and paper) of the round; needs its join code typed as confirmation.

    A closed round goes back to preparation and the ranking it wrote on projects is removed.
    """
    with db.write() as s:
        r, commune_id = load_round(s, round_id)
        _confirm(r, confirmation, "clear", lang)
        ballot_ids = select(Ballot.id).where(Ballot.round_id == r.id)
        s.execute(delete(Vote).where(Vote.ballot_id.in_(ballot_ids)))
        s.execute(delete(Ballot).where(Ballot.round_id == r.id))
        s.execute(delete(PaperTally).where(PaperTally.round_id == r.id))
        if r.status == "closed":
            _forget_ranking(s, r)
            r.status = "draft"
            r.closed_at = None
        s.flush()
        s.expire(r)
        return round_view(r, commune_id)


def _forget_ranking(s: Session, r: VotingRound) -> None:
    """Remove the ranking this round wrote; a project ranked since by another round keeps that rank."""
    for o in r.options:
        if o.project_id is not None and o.final_rank is not None:
            s.execute(
                update(Project)
                .where(Project.id == o.project_id, Project.vote_rank == o.final_rank)
                .values(vote_rank=None, vote_score=None)
            )
        o.final_rank = o.final_score = None


def delete_round(db: Database, round_id: int, confirmation: str, lang: str = "fr") -> str:
    """Delete the round and its ballots; needs its join code typed as confirmation.  Returns the code."""
    with db.write() as s:
        r, _ = load_round(s, round_id)
        _confirm(r, confirmation, "delete", lang)
        if r.status == "closed":
            _forget_ranking(s, r)
        s.execute(delete(Vote).where(Vote.ballot_id.in_(select(Ballot.id).where(Ballot.round_id == r.id))))
        s.execute(delete(Ballot).where(Ballot.round_id == r.id))
        s.execute(delete(PaperTally).where(PaperTally.round_id == r.id))
        code = r.join_code
        s.delete(r)
        return code


def objective_priorities(db: Database, plan_id: int) -> dict[int, tuple[int | None, float | None]]:
    """Objectives' rank and score from the latest closed round on objectives (they have no column)."""
    with db.read() as s:
        r = s.scalar(
            select(VotingRound)
            .where(
                VotingRound.plan_id == plan_id,
                VotingRound.option_kind == "objective",
                VotingRound.status == "closed",
            )
            .order_by(VotingRound.closed_at.desc(), VotingRound.id.desc())
            .limit(1)
        )
        if r is None:
            return {}
        return {
            o.objective_id: (o.final_rank, o.final_score) for o in r.options if o.objective_id is not None
        }


# --------------------------------------------------------------------------- live counter and results


def counter(db: Database, round_id: int) -> Counter:
    """The projected counter: two small queries, cheap enough to run every second."""
    with db.read() as s:
        row = s.execute(
            select(VotingRound.status, VotingRound.hide_results).where(VotingRound.id == round_id)
        ).first()
        if row is None:
            raise NotFound(t("vote.err.round_gone", "fr"))
        phone = s.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id)) or 0
        groups = (
            select(func.max(PaperTally.ballots).label("n"))
            .where(PaperTally.round_id == round_id)
            .group_by(PaperTally.sex, PaperTally.role)
            .subquery()
        )
        paper = s.scalar(select(func.coalesce(func.sum(groups.c.n), 0))) or 0
        return Counter(row.status, bool(row.hide_results), int(phone), int(paper))


def _results(s: Session, r: VotingRound, commune_id: int) -> RoundResults:
    view = round_view(r, commune_id)
    phone = [
        PhoneVote(b, sex or "", role or "", o, c, val)
        for b, sex, role, o, c, val in s.execute(
            select(
                Ballot.id, Participant.sex, Participant.role, Vote.option_id, Vote.criterion_id, Vote.value
            )
            .join(Vote, Vote.ballot_id == Ballot.id)
            .join(Participant, Participant.id == Ballot.participant_id)
            .where(Ballot.round_id == r.id)
        )
    ]
    voters = [
        (sex or "", role or "")
        for sex, role in s.execute(
            select(Participant.sex, Participant.role)
            .join(Ballot, Ballot.participant_id == Participant.id)
            .where(Ballot.round_id == r.id)
        )
    ]
    paper = _paper_lines(s, r.id)
    rules = view.rules
    overall = rules_.count(rules, phone, paper)
    t = rules_.turnout(voters, paper)
    groups = rules_.splits(rules, phone, paper, t, overall)
    return RoundResults(view, tuple(overall), t, tuple(groups))


def _paper_lines(s: Session, round_id: int) -> list[PaperLine]:
    return [
        PaperLine(p.sex, p.role, p.option_id, p.criterion_id, p.value, p.ballots)
        for p in s.scalars(select(PaperTally).where(PaperTally.round_id == round_id))
    ]


def results(db: Database, round_id: int) -> RoundResults:
    """Ranking of the whole room, the same by sex and by role, and turnout: phone and paper merged."""
    with db.read() as s:
        return _results(s, *load_round(s, round_id))


# --------------------------------------------------------------------------- paper ballots


def save_paper_tally(
    db: Database,
    round_id: int,
    sex: str,
    role: str,
    ballots: Any,
    values: Mapping[Key, Any],
    lang: str = "fr",
) -> PaperGroup:
    """Enter (or correct) one group's paper tally; it replaces what was entered for that sex and role."""
    round_ = get_round(db, round_id)
    lines = rules_.clean_paper(round_.rules, sex, role, ballots, values, round_.labels_in(lang), lang)
    with db.write() as s:
        r, _ = load_round(s, round_id)
        if r.status == "closed":
            raise refuse(lang, "vote.err.closed_paper_add")
        g_sex, g_role = lines[0].sex, lines[0].role
        s.execute(
            delete(PaperTally).where(
                PaperTally.round_id == r.id, PaperTally.sex == g_sex, PaperTally.role == g_role
            )
        )
        s.add_all(
            PaperTally(
                round_id=r.id,
                option_id=ln.option_id,
                criterion_id=ln.criterion_id,
                sex=ln.sex,
                role=ln.role,
                value=ln.value,
                ballots=ln.ballots,
            )
            for ln in lines
        )
    return _group(lines)


def _group(lines: Sequence[PaperLine]) -> PaperGroup:
    n = max(ln.ballots for ln in lines)
    vals = {
        (ln.option_id, ln.criterion_id): (ln.value / ln.ballots if ln.criterion_id is not None else ln.value)
        for ln in lines
    }
    return PaperGroup(lines[0].sex, lines[0].role, n, vals)


def paper_groups(db: Database, round_id: int) -> list[PaperGroup]:
    with db.read() as s:
        lines = _paper_lines(s, round_id)
    by: dict[tuple[str, str], list[PaperLine]] = {}
    for ln in lines:
        by.setdefault((ln.sex, ln.role), []).append(ln)
    return [_group(g) for _, g in sorted(by.items())]


def delete_paper_group(db: Database, round_id: int, sex: str, role: str, lang: str = "fr") -> int:
    """Remove one group's paper tally; returns how many lines went."""
    with db.write() as s:
        r, _ = load_round(s, round_id)
        if r.status == "closed":
            raise refuse(lang, "vote.err.closed_paper_fix")
        gone = s.execute(
            delete(PaperTally).where(
                PaperTally.round_id == r.id, PaperTally.sex == (sex or ""), PaperTally.role == (role or "")
            )
        )
        return int(gone.rowcount or 0)


# --------------------------------------------------------------------------- printed cards


def create_cards(db: Database, round_id: int, n: Any, lang: str = "fr") -> list[CardView]:
    """N new participant identities with a card number each (numbering goes on in the commune)."""
    c = Collector()
    count = v.integer(c, t("vote.f.cards", lang), n, required=True, minimum=1, maximum=MAX_CARDS)
    raise_in(c, lang)
    assert count is not None
    with db.write() as s:
        _, commune_id = load_round(s, round_id)
        last = (
            s.scalar(select(func.max(Participant.card_number)).where(Participant.commune_id == commune_id))
            or 0
        )
        people = [
            Participant(commune_id=commune_id, token=rules_.new_token(), card_number=last + i + 1)
            for i in range(count)
        ]
        s.add_all(people)
        return [CardView(p.card_number or 0, p.token) for p in people]


def cards_pdf(db: Database, round_id: int, n: Any, base_url: str, lang: str = "fr") -> bytes:
    """Create N participant cards and lay them out for printing (QR code and join code on each), the
    round's title in `lang` (the other version, marked, when it has only that one)."""
    from pac.exports.cards_pdf import Card
    from pac.exports.cards_pdf import cards_pdf as render

    round_ = get_round(db, round_id)
    cards = create_cards(db, round_id, n, lang)
    with db.read() as s:
        commune = s.get(Commune, round_.commune_id)
        commune_fr, commune_ar = (commune.name_fr, commune.name_ar) if commune else ("", "")
    return render(
        [Card(c.number, voter_url(base_url, round_.join_code, card=c.token)) for c in cards],
        join_code=round_.join_code,
        address=f"{base_url.rstrip('/')}/voter",
        round_title=round_.title_in(lang),
        commune_fr=commune_fr,
        commune_ar=commune_ar,
        lang=lang,
    )
