"""Texts the commune writes exist in French and in Arabic.

Every bilingual field ``f`` of a model has its French version in the column ``f`` and its Arabic version
in ``f_ar`` (``BILINGUAL`` lists them).  Neither is required; a reader sees the version of their language,
or the other one with a discreet marker, never a blank.  Pure functions: no database, no Streamlit.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

# model class name -> its bilingual fields (French in `field`, Arabic in `field_ar`)
BILINGUAL: dict[str, tuple[str, ...]] = {
    "Plan": ("title", "mission", "vision"),
    "PlanValue": ("text",),
    "Workshop": ("title", "notes", "decisions", "place", "facilitators"),
    "KeyFigure": ("label", "unit", "source"),
    "Douar": ("fraction",),
    "Finding": ("text",),
    "SwotItem": ("text",),
    "Axis": ("title", "description"),
    "Objective": ("title", "description"),
    "Project": (
        "title",
        "description",
        "expected_results",
        "gender_objective",
        "gender_analysis_note",
        "vulnerability_context",
        "priority_override_reason",
        "owner",
    ),
    "VotingRound": ("title",),
    "VotingOption": ("label",),
    "VotingCriterion": ("label",),
    "Indicator": ("name", "definition", "unit", "source", "responsible"),
    "MeTool": ("name", "description", "responsible"),
    "MeCommitteeMember": ("name", "organisation"),
    "MeEvent": ("description",),
}

LANGS = ("fr", "ar")
ISOLATE_START, ISOLATE_END = "\u2068", "\u2069"  # FSI … PDI: a run that neither scrambles nor is scrambled


def ar_field(field: str) -> str:
    return f"{field}_ar"


def _is_arabic_letter(ch: str) -> bool:
    return ch.isalpha() and "ARABIC" in unicodedata.name(ch, "")


def is_arabic(text: str | None) -> bool:
    """True when most letters of `text` are Arabic script (so it is the Arabic version)."""
    letters = [ch for ch in (text or "") if ch.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for ch in letters if _is_arabic_letter(ch))
    return arabic * 2 > len(letters)


def sort_by_script(text: str | None) -> tuple[str, str]:
    """(French, Arabic) for a text written in one language: where it goes when only one is known."""
    text = text or ""
    return ("", text) if is_arabic(text) else (text, "")


@dataclass(frozen=True)
class Shown:
    """What a reader sees: the text, the language it is in, and whether it is the other language's."""

    text: str
    lang: str
    fallback: bool


def pick(fr: str | None, ar: str | None, lang: str) -> Shown:
    """The version of `lang`, else the other one (fallback=True), else an empty text."""
    fr, ar = (fr or "").strip(), (ar or "").strip()
    mine, other = (ar, fr) if lang == "ar" else (fr, ar)
    other_lang = "fr" if lang == "ar" else "ar"
    if mine:
        return Shown(mine, lang, False)
    if other:
        return Shown(other, other_lang, True)
    return Shown("", lang, False)


def shown(obj: Any, field: str, lang: str) -> Shown:
    """`pick` on an object (model instance, or a dict of a service view) holding `field` and `field_ar`."""
    if isinstance(obj, dict):
        return pick(obj.get(field), obj.get(ar_field(field)), lang)
    return pick(getattr(obj, field, ""), getattr(obj, ar_field(field), ""), lang)


def text(obj: Any, field: str, lang: str) -> str:
    """The text a reader of `lang` sees for `field` (their version or the other one), never blank."""
    return shown(obj, field, lang).text


def isolate(text: str) -> str:
    """`text` wrapped in Unicode isolates, so a French run in an Arabic line (or the reverse) keeps its order."""
    return f"{ISOLATE_START}{text}{ISOLATE_END}" if text else text


def missing(obj: Any, field: str) -> str | None:
    """The language lacking for `field` when exactly one version exists; None when both or neither do."""
    s = shown(obj, field, "fr")
    if not s.text:
        return None
    other = shown(obj, field, "ar")
    if s.fallback:
        return "fr"
    if other.fallback:
        return "ar"
    return None
