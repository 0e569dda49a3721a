"""Vote arithmetic: the rules of each method, counting, ranking, splits by sex and role, join codes.

Pure functions over plain values (no database, no Streamlit).  The three methods:

- ``dots``: each participant places up to N dots, at most K on one option; an option's score is
  its number of dots.
- ``points``: each participant shares exactly ``points_total`` points (100) among the options; an
  option's score is its number of points.
- ``scoring``: each participant rates options 1 to 5 on weighted criteria; an option's score is
  the weighted mean, over criteria, of its mean rating on each criterion (a rating left blank is
  not counted, so that a participant who skips an option does not drag it down).

Paper ballots arrive as tallies per option (and criterion), per sex and role when known; they
merge with phone ballots in every count and stay visible as such.

Every refusal is written in the reader's language (`lang`: the facilitator's interface or the phone's),
and a bilingual label is shown as that reader sees it (`bi_text`).  Slightly over 600 lines: the rules a
ballot is checked against and the words that refuse it are kept together; the next addition splits this
module into a package (rules, counting, texts).
"""

from __future__ import annotations

import math
import random
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pac.domain import vocab
from pac.domain.bilingual import isolate, shown
from pac.domain.errors import Collector, DomainError, Problem
from pac.domain.validate import message_in
from pac.i18n import t

METHODS = vocab.VOTE_METHODS
OPTION_KINDS = ("project", "objective", "free")

# Join code: short and easy to read aloud in French, Arabic or Tamazight.  Left out: signs that
# look alike (0 O Q D, 1 I L J, 2 Z, 5 S, 8 B, G next to 6, U V) and letters that sound alike when
# spelled in French (B D P T V E, M N, G J).
CODE_ALPHABET = "ACFHKRWXY34679"
CODE_LENGTH = 4

SCORE_MIN, SCORE_MAX = 1, 5
MIN_OPTIONS, MAX_OPTIONS = 2, 60
MAX_DOTS = 30
MAX_PAPER_BALLOTS = 10_000
# Results of a group smaller than this are not shown: with one or two women voting, the "women"
# bar would reveal how each of them voted.
MIN_GROUP_SIZE = 3
# Below this share of women among ballots of known sex, the parity check says so on screen.
PARITY_ALERT_SHARE = 0.4
# The ToR's scoring criteria, proposed by default (labels editable per round; French and Arabic in
# pac/i18n/vote.py under vote.criterion.<code>).
DEFAULT_CRITERIA_CODES = ("impact", "urgency", "feasibility", "women_youth", "environment")
DEFAULT_CRITERIA: tuple[tuple[str, float], ...] = tuple(
    (t(f"vote.criterion.{code}", "fr"), 1.0) for code in DEFAULT_CRITERIA_CODES
)


def default_criteria() -> list[tuple[str, str, float]]:
    """The default criteria with both versions of their label: (French, Arabic, weight)."""
    return [
        (t(f"vote.criterion.{c}", "fr"), t(f"vote.criterion.{c}", "ar"), 1.0) for c in DEFAULT_CRITERIA_CODES
    ]


# --------------------------------------------------------------------------- texts in the reader's language


def bi_text(obj: Any, field: str, lang: str) -> str:
    """A bilingual field (`field` / `field_ar`) as a reader of `lang` sees it: their version, else the
    other one isolated (so that neither direction scrambles the other) with a discreet marker."""
    s = shown(obj, field, lang)
    if not s.fallback:
        return s.text
    return f"{isolate(s.text)} {t(f'bilingual.fallback.{s.lang}', lang)}"


@dataclass(frozen=True)
class Said(Problem):
    """A problem already written in the reader's language (its field name and message translated)."""

    lang: str = "fr"

    def __str__(self) -> str:
        if self.lang == "fr":
            return super().__str__()
        return f"{isolate(self.field)}: {self.message}" if self.field else self.message


def in_lang(problem: Problem, lang: str) -> Problem:
    """`problem` in `lang`: a validator's French message translated (the field is named by the caller)."""
    if lang == "fr" or isinstance(problem, Said):
        return problem
    said = message_in(problem.message, lang)
    return Said(problem.field, problem.message if said is None else said, lang=lang)


def raise_in(c: Collector, lang: str) -> None:
    """`c.raise_if_any()`, every problem in the reader's language."""
    if c.problems:
        raise DomainError([in_lang(p, lang) for p in c.problems])


def refuse(lang: str, key: str, field_key: str = "", **fmt: Any) -> DomainError:
    """A refusal of the vote in the reader's language (French text unchanged for a French reader)."""
    field = t(field_key, lang) if field_key else ""
    return DomainError(Said(field, t(key, lang, **fmt), lang=lang))


def _add(c: Collector, lang: str, field_key: str, key: str, **fmt: Any) -> None:
    c.problems.append(Said(t(field_key, lang), t(key, lang, **fmt), lang=lang))


Key = tuple[int, int | None]  # (option_id, criterion_id); criterion None except for scoring


# --------------------------------------------------------------------------- join codes and tokens


def new_join_code(rng: random.Random | None = None) -> str:
    pick = rng.choice if rng is not None else secrets.choice
    return "".join(pick(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: Any) -> str:
    """What the participant typed, as stored: upper case, spaces and dashes removed."""
    if raw is None:
        return ""
    return "".join(ch for ch in str(raw).upper() if ch.isalnum())


def is_code_shaped(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def new_token() -> str:
    """An anonymous participant's identity: 96 random bits, short enough for a QR code."""
    return secrets.token_urlsafe(12)


# --------------------------------------------------------------------------- round settings


@dataclass(frozen=True)
class Rules:
    """What a ballot of one round may contain."""

    method: str
    option_ids: tuple[int, ...]
    criteria: tuple[tuple[int, float], ...] = ()  # (criterion_id, weight), scoring only
    dots: int = 5
    max_per_option: int = 2
    points_total: int = 100

    @property
    def keys(self) -> list[Key]:
        if self.method == "scoring":
            return [(o, c) for o in self.option_ids for c, _ in self.criteria]
        return [(o, None) for o in self.option_ids]


def check_settings(
    c: Collector,
    method: Any,
    n_options: int,
    dots: Any = 5,
    max_per_option: Any = 2,
    points_total: Any = 100,
    criteria: Sequence[tuple[Any, ...]] = (),
    lang: str = "fr",
) -> dict[str, Any]:
    """Validate a round's method settings; returns the cleaned values (problems go to `c`, fields named
    in `lang`).  A criterion is (label, weight) or (French label, Arabic label, weight)."""
    from pac.domain import validate as v

    def f(key: str, **fmt: Any) -> str:
        return t(f"vote.f.{key}", lang, **fmt)

    m = v.choice(
        c, f("method"), method, METHODS, labels={k: t(f"vocab.vote_methods.{k}", lang) for k in METHODS}
    )
    out: dict[str, Any] = {
        "method": m,
        "dots_per_participant": 5,
        "max_dots_per_option": 2,
        "points_total": 100,
        "criteria": [],
    }
    if n_options < MIN_OPTIONS:
        _add(c, lang, "vote.f.options", "vote.err.few_options", min=MIN_OPTIONS, n=n_options)
    if n_options > MAX_OPTIONS:
        _add(c, lang, "vote.f.options", "vote.err.many_options", max=MAX_OPTIONS, n=n_options)
    if m == "dots":
        n = v.integer(c, f("dots"), dots, required=True, minimum=1, maximum=MAX_DOTS)
        k = v.integer(c, f("max_dots"), max_per_option, required=True, minimum=1, maximum=MAX_DOTS)
        if n is not None and k is not None and k > n:
            _add(c, lang, "vote.f.max_dots", "vote.err.cap_over_dots", k=k, n=n)
        out["dots_per_participant"], out["max_dots_per_option"] = n or 5, k or 2
    elif m == "points":
        total = v.integer(c, f("points_total"), points_total, required=True, minimum=10, maximum=1000)
        out["points_total"] = total or 100
    elif m == "scoring":
        cleaned: list[tuple[str, str, float]] = []
        for i, row in enumerate(criteria, start=1):
            label, label_ar, weight = row if len(row) == 3 else (row[0], "", row[1])
            name = v.text(c, f("criterion", i=i), label, max_len=200)
            name_ar = v.text(c, f("criterion_ar", i=i), label_ar, max_len=200)
            w = v.number(
                c, f("weight", i=i), weight, required=bool(name or name_ar), minimum=0.1, maximum=100
            )
            if (name or name_ar) and w is not None:
                cleaned.append((name, name_ar, w))
        if not cleaned:
            _add(c, lang, "vote.f.criteria", "vote.err.no_criterion")
        for i in (0, 1):
            names = [row[i].lower() for row in cleaned if row[i]]
            if len(set(names)) != len(names):
                _add(c, lang, "vote.f.criteria", "vote.err.same_criterion")
                break
        out["criteria"] = cleaned
    return out


# --------------------------------------------------------------------------- ballots


def _int_value(c: Collector, field: str, raw: Any, lo: int, hi: int) -> int | None:
    from pac.domain import validate as v

    return v.integer(c, field, raw, minimum=lo, maximum=hi)


def clean_ballot(
    rules: Rules, raw: Mapping[Key, Any], labels: Mapping[int, str] | None = None, lang: str = "fr"
) -> dict[Key, float]:
    """The votes of one ballot, checked against the round's rules (DomainError in `lang` otherwise;
    `labels` are the options as the reader sees them).

    Returns only what counts: the options given dots or points, or the ratings given.
    """
    labels = labels or {}
    c = Collector()
    allowed = set(rules.keys)
    for key in raw:
        if key not in allowed:
            _add(c, lang, "vote.f.ballot", "vote.err.foreign_key")
            raise_in(c, lang)

    def name(key: Key) -> str:
        return t("vote.f.option", lang, label=labels.get(key[0]) or key[0])

    out: dict[Key, float] = {}
    if rules.method == "dots":
        for key in rules.keys:
            x = _int_value(c, name(key), raw.get(key), 0, rules.max_per_option)
            if x:
                out[key] = float(x)
        total = sum(out.values())
        if not c and total > rules.dots:
            _add(
                c,
                lang,
                "vote.f.dots_placed",
                "vote.err.too_many_dots",
                n=int(total),
                max=rules.dots,
                over=int(total) - rules.dots,
            )
        if not c and total == 0:
            _add(c, lang, "vote.f.dots_placed", "vote.err.no_dot")
    elif rules.method == "points":
        for key in rules.keys:
            x = _int_value(c, name(key), raw.get(key), 0, rules.points_total)
            if x:
                out[key] = float(x)
        total = int(sum(out.values()))
        if not c and total < rules.points_total:
            _add(
                c,
                lang,
                "vote.f.points",
                "vote.err.points_left",
                n=rules.points_total - total,
                total=rules.points_total,
            )
        if not c and total > rules.points_total:
            _add(
                c,
                lang,
                "vote.f.points",
                "vote.err.points_over",
                n=total - rules.points_total,
                total=rules.points_total,
            )
    elif rules.method == "scoring":
        for key in rules.keys:
            value = raw.get(key)
            if value is None or value == "":
                continue
            x = _int_value(c, name(key), value, SCORE_MIN, SCORE_MAX)
            if x is not None:
                out[key] = float(x)
        if not c and not out:
            _add(c, lang, "vote.f.ratings", "vote.err.no_rating")
    else:
        _add(c, lang, "vote.f.method", "vote.err.unknown_method", method=rules.method)
    raise_in(c, lang)
    return out


def remaining(rules: Rules, values: Mapping[Key, Any]) -> int | None:
    """Dots or points still to place (None for scoring): what the participant sees while voting."""
    placed = sum(int(v or 0) for v in values.values())
    if rules.method == "dots":
        return rules.dots - placed
    if rules.method == "points":
        return rules.points_total - placed
    return None


# --------------------------------------------------------------------------- paper ballots


@dataclass(frozen=True)
class PaperLine:
    """A hand-counted total: dots, points, or the sum of ratings given by `ballots` paper ballots."""

    sex: str
    role: str
    option_id: int
    criterion_id: int | None
    value: float
    ballots: int


def clean_paper(
    rules: Rules,
    sex: Any,
    role: Any,
    ballots: Any,
    raw: Mapping[Key, Any],
    labels: Mapping[int, str] | None = None,
    lang: str = "fr",
) -> list[PaperLine]:
    """One group's paper tally (sex and role, each possibly unknown), checked against the rules.

    For dots and points, `raw` holds the totals per option counted on the group's ballots; for
    scoring, the mean rating per option and criterion (blank when not rated): it is stored as a sum.
    """
    from pac.domain import validate as v

    labels = labels or {}
    c = Collector()
    s = v.choice(c, t("vote.f.sex", lang), sex or "", ("", *vocab.SEXES), required=False) or ""
    r = v.choice(c, t("vote.f.role", lang), role or "", ("", *vocab.ROLES), required=False) or ""
    n = v.integer(
        c, t("vote.f.paper_ballots", lang), ballots, required=True, minimum=1, maximum=MAX_PAPER_BALLOTS
    )
    raise_in(c, lang)
    assert n is not None
    allowed = set(rules.keys)
    if any(key not in allowed for key in raw):
        raise refuse(lang, "vote.err.foreign_key_page")

    def name(key: Key) -> str:
        return t("vote.f.option", lang, label=labels.get(key[0]) or key[0])

    lines: list[PaperLine] = []
    if rules.method in ("dots", "points"):
        cap = n * (rules.max_per_option if rules.method == "dots" else rules.points_total)
        for key in rules.keys:
            x = v.integer(c, name(key), raw.get(key), minimum=0, maximum=cap)
            if x:
                lines.append(PaperLine(s, r, key[0], None, float(x), n))
        total = sum(line.value for line in lines)
        budget = n * (rules.dots if rules.method == "dots" else rules.points_total)
        if not c and total > budget:
            _add(
                c,
                lang,
                "vote.f.total",
                f"vote.err.paper_over_{rules.method}",
                n=int(total),
                ballots=n,
                budget=budget,
            )
    else:
        for key in rules.keys:
            x = v.number(c, name(key), raw.get(key), minimum=SCORE_MIN, maximum=SCORE_MAX)
            if x is not None:
                lines.append(PaperLine(s, r, key[0], key[1], round(x * n, 6), n))
    if not c and not lines:
        _add(c, lang, "vote.f.paper_ballots_short", "vote.err.paper_empty")
    raise_in(c, lang)
    return lines


def paper_ballots_by_group(lines: Iterable[PaperLine]) -> dict[tuple[str, str], int]:
    """How many paper ballots each (sex, role) group sums: its lines all repeat that number."""
    out: dict[tuple[str, str], int] = {}
    for line in lines:
        key = (line.sex, line.role)
        out[key] = max(out.get(key, 0), line.ballots)
    return out


# --------------------------------------------------------------------------- counting and ranking


@dataclass(frozen=True)
class PhoneVote:
    """One line of a phone ballot, with its participant's profile."""

    ballot_id: int
    sex: str
    role: str
    option_id: int
    criterion_id: int | None
    value: float


@dataclass(frozen=True)
class OptionResult:
    """One option's result.  For dots and points, `phone` + `paper` = `score`; for scoring they are
    the numbers of ratings from each source and `score` is the weighted mean rating (1–5)."""

    option_id: int
    score: float | None
    phone: float
    paper: float
    rank: int | None


def rank(scores: Mapping[int, float | None]) -> dict[int, int | None]:
    """Competition ranking (1, 2, 2, 4): equal scores share a rank; no score, no rank."""
    scored = sorted((s for s in scores.values() if s is not None), reverse=True)
    out: dict[int, int | None] = {}
    for option, s in scores.items():
        out[option] = None if s is None else 1 + sum(1 for x in scored if x > s + 1e-9)
    return out


Filter = Callable[[str, str], bool]


def count(
    rules: Rules, phone: Iterable[PhoneVote], paper: Iterable[PaperLine], where: Filter | None = None
) -> list[OptionResult]:
    """Results of every option, best first (ties and unscored options keep the options' order)."""
    keep = where or (lambda _s, _r: True)
    sums: dict[Key, list[float]] = defaultdict(
        lambda: [0.0, 0.0, 0.0, 0.0]
    )  # phone sum, phone n, paper sum, paper n
    for v in phone:
        if keep(v.sex, v.role):
            acc = sums[(v.option_id, v.criterion_id)]
            acc[0] += v.value
            acc[1] += 1
    for line in paper:
        if keep(line.sex, line.role):
            acc = sums[(line.option_id, line.criterion_id)]
            acc[2] += line.value
            acc[3] += line.ballots
    scores: dict[int, float | None] = {}
    parts: dict[int, tuple[float, float]] = {}
    if rules.method == "scoring":
        weights = dict(rules.criteria)
        for o in rules.option_ids:
            num = den = 0.0
            n_phone = n_paper = 0.0
            for crit, w in weights.items():
                ph_sum, ph_n, pa_sum, pa_n = sums.get((o, crit), (0.0, 0.0, 0.0, 0.0))
                n = ph_n + pa_n
                n_phone += ph_n
                n_paper += pa_n
                if n:
                    num += w * (ph_sum + pa_sum) / n
                    den += w
            scores[o] = round(num / den, 4) if den else None
            parts[o] = (n_phone, n_paper)
    else:
        for o in rules.option_ids:
            ph_sum, _, pa_sum, _ = sums.get((o, None), (0.0, 0.0, 0.0, 0.0))
            scores[o] = ph_sum + pa_sum
            parts[o] = (ph_sum, pa_sum)
    ranks = rank(scores)
    order = {o: i for i, o in enumerate(rules.option_ids)}
    results = [OptionResult(o, scores[o], parts[o][0], parts[o][1], ranks[o]) for o in rules.option_ids]
    return sorted(results, key=lambda r: (r.rank is None, r.rank or 0, order[r.option_id]))


# --------------------------------------------------------------------------- splits and turnout


@dataclass(frozen=True)
class RankingDiff:
    """How a group's ranking compares with the room's."""

    same_top: bool  # the same option(s) in first place
    same_top3: bool  # the same options in the first three places, in the same order
    moved: tuple[tuple[int, int | None, int | None], ...]  # (option, room rank, group rank) that differ

    @property
    def differs(self) -> bool:
        return not (self.same_top and self.same_top3)


def compare(overall: Sequence[OptionResult], group: Sequence[OptionResult]) -> RankingDiff:
    room = {r.option_id: r.rank for r in overall}
    grp = {r.option_id: r.rank for r in group}

    def firsts(ranks: Mapping[int, int | None]) -> set[int]:
        return {o for o, r in ranks.items() if r == 1}

    def top3(results: Sequence[OptionResult]) -> list[tuple[int, int | None]]:
        return [(r.option_id, r.rank) for r in results if r.rank is not None and r.rank <= 3]

    moved = tuple((o, room.get(o), grp.get(o)) for o in room if room.get(o) != grp.get(o))
    return RankingDiff(firsts(room) == firsts(grp), top3(overall) == top3(group), moved)


@dataclass(frozen=True)
class GroupResult:
    dimension: str  # sex | role
    group: str  # a code of vocab.SEXES / vocab.ROLES, "" when not said
    ballots: int
    shown: bool  # False when the group is too small to show without revealing votes
    results: tuple[OptionResult, ...] = ()
    diff: RankingDiff | None = None


@dataclass(frozen=True)
class Turnout:
    phone: int
    paper: int
    by_sex: dict[str, tuple[int, int]] = field(default_factory=dict)  # sex -> (phone, paper)
    by_role: dict[str, tuple[int, int]] = field(default_factory=dict)  # role -> (phone, paper)

    @property
    def total(self) -> int:
        return self.phone + self.paper

    def sex_total(self, sex: str) -> int:
        return sum(self.by_sex.get(sex, (0, 0)))

    def role_total(self, role: str) -> int:
        return sum(self.by_role.get(role, (0, 0)))

    @property
    def women_share(self) -> float | None:
        """Women among ballots whose sex is known (None when no sex is known)."""
        known = self.sex_total("f") + self.sex_total("m")
        return self.sex_total("f") / known if known else None

    @property
    def parity_alert(self) -> bool:
        share = self.women_share
        return share is not None and share < PARITY_ALERT_SHARE


def turnout(phone_ballots: Iterable[tuple[str, str]], paper: Iterable[PaperLine]) -> Turnout:
    """Ballots by sex and by role; `phone_ballots` gives (sex, role) of each phone ballot."""
    by_sex: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_role: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    n_phone = 0
    for sex, role in phone_ballots:
        n_phone += 1
        by_sex[sex][0] += 1
        by_role[role][0] += 1
    n_paper = 0
    for (sex, role), n in paper_ballots_by_group(paper).items():
        n_paper += n
        by_sex[sex][1] += n
        by_role[role][1] += n
    return Turnout(
        n_phone,
        n_paper,
        {k: (v[0], v[1]) for k, v in by_sex.items()},
        {k: (v[0], v[1]) for k, v in by_role.items()},
    )


def splits(
    rules: Rules,
    phone: Sequence[PhoneVote],
    paper: Sequence[PaperLine],
    t: Turnout,
    overall: Sequence[OptionResult] | None = None,
) -> list[GroupResult]:
    """The ranking again for each sex and each role that voted, compared with the room's."""
    overall = overall if overall is not None else count(rules, phone, paper)
    out: list[GroupResult] = []
    dims: list[tuple[str, Sequence[str], Callable[[str], int], Callable[[str], Filter]]] = [
        ("sex", [*vocab.SEXES, ""], t.sex_total, lambda g: lambda s, _r: s == g),
        ("role", [*vocab.ROLES, ""], t.role_total, lambda g: lambda _s, r: r == g),
    ]
    for dim, groups, size, make_filter in dims:
        for g in groups:
            n = size(g)
            if not n:
                continue
            if n < MIN_GROUP_SIZE:
                out.append(GroupResult(dim, g, n, False))
                continue
            res = count(rules, phone, paper, make_filter(g))
            out.append(GroupResult(dim, g, n, True, tuple(res), compare(overall, res)))
    return out


def final_ranking(results: Sequence[OptionResult]) -> dict[int, tuple[int | None, float | None]]:
    """What closing a round writes on each option: its rank and score."""
    return {r.option_id: (r.rank, None if r.score is None else round(r.score, 4)) for r in results}


def share(part: float, whole: float) -> float | None:
    return part / whole if whole and not math.isnan(whole) else None
