"""Subsidiarity: which competence a project falls under, who leads it, and what to warn about.

LO 113-14 gives the commune its **own** competences (art. 83, also 85 and 86), competences
**shared** with the State and exercised by agreement (art. 87) and competences **transferred**
from the State (art. 90).  Everything else belongs to the province (LO 112-14), the region
(LO 111-14), a State service or a public body.

Suggestion — `suggest`: the competence whose keywords best match the words of the project
title (and description), the project's sector breaking ties and adding weight; a suggestion is
only ever shown, the facilitator confirms or changes it.  Titles may be French or Arabic: the
catalogue carries keywords in both, and Arabic is normalised (hamza forms, alef maqsura, ta
marbuta, diacritics; the article and the proclitics و ف ب ل ك are free) so that an Arabic title
gets the same suggestion as its French twin.

Warnings — `warnings` (one code per rule, labels in pac/i18n/subsidiarity.py):

* ``no_lead``: the project has no lead actor;
* ``no_competence``: no competence chosen yet;
* ``commune_sole_lead``: the commune leads a project whose competence is not the commune's
  (province, region, State, public body) and no partner is tied to it by an agreement —
  e.g. building a school, rural school transport, a regional road.  The commune should be a
  contributor under an agreement, not the sole lead;
* ``shared_no_agreement``: a shared competence (art. 87) with no partner of role "agreement";
* ``not_confirmed``: the competence, lead and partners were not confirmed by the facilitator.

Own share of the programme — `own_share`: the programme is every project not rejected
(status "proposed" or "retained").  Own share = total cost of the programme's projects whose
lead is the commune **and** whose competence level is "own" (art. 83/85/86), divided by the
total cost of the programme.  Shared and transferred competences do not count as own, nor
do projects without a competence.  None when the programme costs nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

COMMUNE = "COMMUNE"  # the commune itself in the partners catalogue
COMMUNE_LEVELS = ("own", "shared", "transferred")  # competences of the commune (LO 113-14 arts 83-90)
OWN = "own"
SHARED = "shared"
AGREEMENT = "agreement"
PARTNER_ROLES = ("partner", "agreement", "funder")
REJECTED = "rejected"

NO_LEAD = "no_lead"
NO_COMPETENCE = "no_competence"
COMMUNE_SOLE_LEAD = "commune_sole_lead"
SHARED_NO_AGREEMENT = "shared_no_agreement"
NOT_CONFIRMED = "not_confirmed"
WARNING_CODES = (NO_LEAD, COMMUNE_SOLE_LEAD, SHARED_NO_AGREEMENT, NO_COMPETENCE, NOT_CONFIRMED)
SERIOUS = (NO_LEAD, COMMUNE_SOLE_LEAD, SHARED_NO_AGREEMENT)

# Who usually leads, by competence level, then by sector for State competences.  Only suggestions:
# a code missing from the partners catalogue is simply not suggested.
LEAD_BY_LEVEL = {
    "own": COMMUNE,
    "shared": COMMUNE,
    "transferred": COMMUNE,
    "province": "CONSEIL_PROV",
    "region": "CONSEIL_REG",
}
LEAD_BY_SECTOR = {
    "education": "DP_EDUCATION",
    "health": "DP_SANTE",
    "roads": "DP_EQUIPEMENT",
    "agriculture": "DPA",
    "environment": "ANEF",
    "social": "ENTRAIDE",
    "culture": "CULTURE",
    "tourism": "TOURISME",
    "youth_sport": "JEUNESSE_SPORT",
    "water": "ONEE_EAU",
    "electricity": "ONEE_ELEC",
}
LEAD_BY_COMPETENCE = {
    "PB_ABH_WATER_RESOURCES": "ABH_SM",
    "PB_ONEE_WATER": "ONEE_EAU",
    "PB_ONEE_ELECTRICITY": "ONEE_ELEC",
    "STATE_SOCIAL_WELFARE": "ENTRAIDE",
}
# The State service a shared competence is usually agreed with, by sector.
AGREEMENT_BY_SECTOR = {
    "education": "DP_EDUCATION",
    "health": "DP_SANTE",
    "youth_sport": "JEUNESSE_SPORT",
    "social": "ENTRAIDE",
    "culture": "CULTURE",
    "tourism": "TOURISME",
    "roads": "CONSEIL_PROV",
    "environment": "ANEF",
    "local_economy": "INDH",
}

_STOP_WORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "l",
    "d",
    "a",
    "au",
    "aux",
    "et",
    "en",
    "pour",
    "un",
    "une",
    # Arabic, as normalised (see `normalise`): in, from, on, to, with, about, and.
    "في",
    "من",
    "علي",
    "الي",
    "مع",
    "عن",
    "و",
}
# Building something new is not maintaining it: « construction d'une école » is not the commune's
# « entretien des écoles primaires » (art. 87) but the State's school building.
_BUILD_WORDS = (
    "construction",
    "construire",
    "creation",
    "edification",
    "realisation",
    "nouvelle",
    "nouveau",
    # Arabic (normalised): building, creating, setting up, erecting.
    "بناء",
    "احداث",
    "انشاء",
    "تشييد",
)
_MAINTENANCE_ONLY = ("entretien",)
BUILD_PENALTY = 3


@dataclass(frozen=True)
class CompetenceRef:
    code: str
    level: str
    sector_code: str | None
    keywords: tuple[str, ...]
    domain: str = ""  # French wording of the competence, e.g. « Entretien des dispensaires de santé »

    @property
    def maintenance_only(self) -> bool:
        return normalise(self.domain).startswith(_MAINTENANCE_ONLY)


@dataclass(frozen=True)
class Suggestion:
    competence_code: str
    level: str
    score: float
    matched: tuple[str, ...]  # keywords found in the title or description
    sector_match: bool
    confidence: str  # "strong" (words and sector agree), "medium" (words only)
    lead_code: str | None
    partners: tuple[tuple[str, str], ...]  # (partner code, role)
    alternatives: tuple[str, ...]  # other competence codes that also matched, best first


# Arabic spellings that vary in everyday writing and mean the same word: hamza carriers, alef maqsura,
# ta marbuta; diacritics (harakat, shadda, sukun, superscript alef) and tatweel are dropped.
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه", "ـ": None}
    | {chr(c): None for c in range(0x064B, 0x0653)}
    | {"\u0670": None}
)
_ARABIC = re.compile(r"[\u0621-\u064A]")
# Proclitics written onto an Arabic word: and / so / with / to / like, then the article.
_AR_PREFIX = r"(?:[وف])?(?:[بلك])?(?:ال|لل)?"
_AR_SUFFIX = r"(?:ه|ات|ين|ون|ي)?"  # feminine, plurals, nisba: ماء/مياه stay two words


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed: « Réseau d'eau » → 'reseau d eau'.  Arabic letters
    are kept, folded to one spelling: « المدرسة الإبتدائية » → 'المدرسه الابتداييه'."""
    text = text or ""
    if _ARABIC.search(text):
        text = text.translate(_ARABIC_FOLD)
        # Latin letters lose their accents; Arabic letters (already folded) are kept as they are.
        text = "".join(
            ch
            if "\u0621" <= ch <= "\u064a"
            else unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            for ch in text
        )
        s = text.lower()
        return " ".join(re.sub(r"[^a-z0-9\u0621-\u064a]+", " ", s).split())
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def _arabic_stem(token: str) -> str:
    """An Arabic keyword's word without its article (« المدرسه » → « مدرسه »), so that the title's
    « بالمدرسه », « للمدرسه » or « مدرسه » all match it; the final ه is left to the optional suffix."""
    for article in ("ال", "لل"):
        if token.startswith(article) and len(token) > len(article) + 2:
            token = token[len(article) :]
            break
    return token[:-1] if len(token) > 3 and token.endswith("ه") else token


def _token_pattern(token: str) -> str:
    if _ARABIC.search(token):
        return _AR_PREFIX + re.escape(_arabic_stem(token)) + _AR_SUFFIX
    # Singular and plural read alike: piste/pistes, réseau/réseaux, rurale/rurales.
    base = token[:-1] if len(token) > 3 and token[-1] in "sx" else token
    return re.escape(base) + r"(?:s|x)?"


_GAP = r"(?:\s+(?:" + "|".join(sorted(_STOP_WORDS)) + r"))*\s+"


@lru_cache(maxsize=4096)
def keyword_pattern(keyword: str) -> re.Pattern[str] | None:
    """A keyword as a phrase of the normalised text; articles between its words are free:
    « construction d'école » matches « construction d'une école »."""
    tokens = _tokens(keyword)
    if not tokens:
        return None
    return re.compile(r"\b" + _GAP.join(_token_pattern(t) for t in tokens) + r"\b")


@lru_cache(maxsize=4096)
def _tokens(keyword: str) -> tuple[str, ...]:
    words = normalise(keyword).split()
    return tuple(t for t in words if t not in _STOP_WORDS) or tuple(words)


@lru_cache(maxsize=4096)
def _probe(keyword: str) -> str:
    """A piece of text every match contains: a cheap test before the regular expression."""
    tokens = _tokens(keyword)
    if not tokens:
        return "\x00"  # never in a normalised text: a keyword without words matches nothing
    first = tokens[0]
    if _ARABIC.search(first):
        return _arabic_stem(first)
    return first[:-1] if len(first) > 3 and first[-1] in "sx" else first


def matched_keywords(text: str, keywords: Iterable[str]) -> list[str]:
    """The keywords found in `text`; two spellings of one phrase (singular, plural) count once."""
    return _matched(normalise(text), tuple(keywords))


def _matched(norm: str, keywords: tuple[str, ...]) -> list[str]:
    """`matched_keywords` on a text already normalised."""
    found: list[str] = []
    patterns: set[str] = set()
    for k in keywords:
        if _probe(k) not in norm:
            continue
        p = keyword_pattern(k)
        if p is not None and p.pattern not in patterns and p.search(norm):
            patterns.add(p.pattern)
            found.append(k)
    if len(found) < 2:
        return found
    # « piste » inside « ouverture de piste » says nothing more: keep the longer phrase only.
    words = {k: set(_tokens(k)) for k in found}
    return [k for k in found if not any(o != k and words[k] < words[o] for o in found)]


def _weight(keyword: str) -> int:
    """A longer phrase is more specific: « construction d'école » beats « école »."""
    return sum(1 for t in normalise(keyword).split() if t not in _STOP_WORDS) or 1


def suggest(
    title: str,
    sector_code: str | None,
    competences: Sequence[CompetenceRef],
    description: str = "",
    partner_codes: Iterable[str] | None = None,
) -> Suggestion | None:
    """The best competence for a project, with a lead and partners to propose; None when no keyword
    of any competence is found in the title or description (the sector alone proves nothing).

    Each keyword found weighs its number of meaningful words, twice in the title; a sector match adds
    one point; a maintenance-only competence loses points when the title speaks of building.  Ties go
    to the most specific keyword, then to the catalogue order (own competences first).
    """
    norm_title, norm_desc = normalise(title), normalise(description)
    title_words = set(norm_title.split())
    building = any(w in title_words for w in _BUILD_WORDS)
    scored: list[tuple[float, int, int, CompetenceRef, tuple[str, ...], bool]] = []
    for order, comp in enumerate(competences):
        in_title = _matched(norm_title, comp.keywords)
        in_desc = [k for k in _matched(norm_desc, comp.keywords) if k not in in_title] if norm_desc else []
        if not in_title and not in_desc:
            continue
        sector_match = bool(sector_code) and comp.sector_code == sector_code
        score = (
            2 * sum(_weight(k) for k in in_title)
            + sum(_weight(k) for k in in_desc)
            + (1 if sector_match else 0)
        )
        if building and comp.maintenance_only:
            score -= BUILD_PENALTY
        longest = max((_weight(k) for k in (*in_title, *in_desc)), default=0)
        scored.append((score, longest, -order, comp, tuple(in_title + in_desc), sector_match))
    if not scored:
        return None
    scored.sort(key=lambda x: (x[0], x[1], x[2]), reverse=True)
    score, _, _, best, matched, sector_match = scored[0]
    confidence = "strong" if sector_match else "medium"
    lead, partners = propose_actors(best, sector_code, partner_codes)
    others = tuple(x[3].code for x in scored[1:4])
    return Suggestion(best.code, best.level, score, matched, sector_match, confidence, lead, partners, others)


def propose_actors(
    comp: CompetenceRef, sector_code: str | None, partner_codes: Iterable[str] | None = None
) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """Lead and partners usually seen for a competence: the commune leads its own; on a shared
    competence it leads with the State service by agreement; otherwise the competent body leads
    and the commune contributes under an agreement."""
    known = set(partner_codes) if partner_codes is not None else None

    def ok(x: str | None) -> str | None:
        return x if x and (known is None or x in known) else None

    lead = ok(LEAD_BY_COMPETENCE.get(comp.code)) or ok(LEAD_BY_LEVEL.get(comp.level))
    if lead is None and comp.level in ("state", "public_body"):
        lead = ok(LEAD_BY_SECTOR.get(comp.sector_code or sector_code or ""))
    partners: list[tuple[str, str]] = []
    if comp.level == SHARED:
        other = ok(AGREEMENT_BY_SECTOR.get(comp.sector_code or sector_code or ""))
        if other and other != lead:
            partners.append((other, AGREEMENT))
    elif comp.level not in COMMUNE_LEVELS and lead != COMMUNE and ok(COMMUNE):
        partners.append((COMMUNE, AGREEMENT))
    return lead, tuple(partners)


# --------------------------------------------------------------------------- warnings


@dataclass(frozen=True)
class SubsidiarityState:
    project_id: int
    cost: float
    status: str
    competence_code: str | None
    level: str | None  # the competence's level, None without competence
    lead_code: str | None
    partners: tuple[tuple[str, str], ...] = ()  # (partner code, role)
    confirmed: bool = False


def is_commune(code: str | None, commune_code: str = COMMUNE) -> bool:
    return code == commune_code


def warnings(p: SubsidiarityState, commune_code: str = COMMUNE) -> list[str]:
    """Warning codes of one project, most serious first."""
    out: list[str] = []
    has_agreement = any(role == AGREEMENT for _, role in p.partners)
    if not p.lead_code:
        out.append(NO_LEAD)
    if (
        is_commune(p.lead_code, commune_code)
        and p.level is not None
        and p.level not in COMMUNE_LEVELS
        and not has_agreement
    ):
        out.append(COMMUNE_SOLE_LEAD)
    if p.level == SHARED and not has_agreement:
        out.append(SHARED_NO_AGREEMENT)
    if not p.competence_code:
        out.append(NO_COMPETENCE)
    if not p.confirmed:
        out.append(NOT_CONFIRMED)
    return out


def check_partners(lead: str | None, partners: Sequence[tuple[str, str]], lang: str = "fr") -> list[str]:
    """Problems of a partner list in the reader's language: unknown role, the lead or a partner listed twice."""
    from pac.i18n import t

    problems: list[str] = []
    seen: set[str] = set()
    for code, role in partners:
        if role not in PARTNER_ROLES:
            problems.append(t("subsidiarity.err.role", lang, role=role, code=code))
        if code == lead:
            problems.append(t("subsidiarity.err.lead_twice", lang, code=code))
        if code in seen:
            problems.append(t("subsidiarity.err.partner_twice", lang, code=code))
        seen.add(code)
    return problems


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class Group:
    key: str | None  # level or lead code; None = not set
    projects: int
    cost: float


@dataclass(frozen=True)
class OwnShare:
    own_cost: float
    total_cost: float
    own_projects: int
    total_projects: int

    @property
    def share(self) -> float | None:
        return self.own_cost / self.total_cost if self.total_cost > 0 else None


def programme(projects: Iterable[SubsidiarityState]) -> list[SubsidiarityState]:
    """The projects the summary counts: every project not rejected."""
    return [p for p in projects if p.status != REJECTED]


def _group(projects: Iterable[SubsidiarityState], key: str, order: Sequence[str]) -> list[Group]:
    acc: dict[str | None, list[float]] = {}
    for p in programme(projects):
        k = getattr(p, key)
        slot = acc.setdefault(k, [0, 0.0])
        slot[0] += 1
        slot[1] += max(p.cost, 0.0)
    rank = {k: i for i, k in enumerate(order)}
    keys = sorted(acc, key=lambda k: (k is None, rank.get(k, len(rank)) if k else 0, k or ""))
    return [Group(k, int(acc[k][0]), acc[k][1]) for k in keys]


def by_level(projects: Iterable[SubsidiarityState], levels: Sequence[str]) -> list[Group]:
    """Number and cost of the programme's projects per competence level (levels in the given order)."""
    return _group(projects, "level", levels)


def by_lead(projects: Iterable[SubsidiarityState], partner_order: Sequence[str] = ()) -> list[Group]:
    """Number and cost per lead actor, the commune first, then by decreasing cost."""
    groups = _group(projects, "lead_code", [COMMUNE, *partner_order])
    return sorted(groups, key=lambda g: (g.key is None, g.key != COMMUNE, -g.cost, g.key or ""))


def own_share(projects: Iterable[SubsidiarityState], commune_code: str = COMMUNE) -> OwnShare:
    prog = programme(projects)
    own = [p for p in prog if is_commune(p.lead_code, commune_code) and p.level == OWN]
    return OwnShare(
        sum(max(p.cost, 0.0) for p in own), sum(max(p.cost, 0.0) for p in prog), len(own), len(prog)
    )
