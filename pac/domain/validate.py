"""Field validators shared by every form and import.  Each adds a French problem
naming the field to a Collector and returns the cleaned value (or None)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

from pac.domain.errors import Collector, Problem

_TAG = re.compile(r"<\s*[a-zA-Z/!?]")
# No figure of a commune comes near this; beyond it floats lose cents and integers overflow the database.
HARD_LIMIT = 1e13
_SCALARS = (str, int, float, dt.date)
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


# Lone surrogates, and the control characters other than tab, line feed and carriage return.
_UNSTORABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def storable(value: Any, max_len: int = 300) -> bool:
    """A code that may be looked up in the database: a short text without unstorable characters."""
    return isinstance(value, str) and len(value) <= max_len and not _UNSTORABLE.search(value)


def text(
    c: Collector,
    field: str,
    value: Any,
    *,
    required: bool = False,
    max_len: int = 300,
    **where: Any,
) -> str:
    """A free text: trimmed, bounded, and never HTML or script."""
    if is_blank(value):
        if required:
            c.add(field, "ce champ est obligatoire.", **where)
        return ""
    if not isinstance(value, _SCALARS):
        c.add(field, "type de valeur inattendu (un texte est attendu).", **where)
        return ""
    s = str(value).strip()
    if len(s) > max_len:
        c.add(field, f"le texte dépasse {max_len} caractères ({len(s)}).", **where)
    if _TAG.search(s):
        c.add(field, "le texte ne doit pas contenir de balises HTML ou de script.", **where)
    bad = _UNSTORABLE.search(s)
    if bad:
        # A lone surrogate cannot be stored as UTF-8, a NUL not at all by PostgreSQL; other control
        # characters come from a damaged file or a copy from a terminal: named, never dropped silently.
        c.add(field, f"le texte contient un caractère invalide (U+{ord(bad.group()):04X}).", **where)
    return s


def number(
    c: Collector,
    field: str,
    value: Any,
    *,
    required: bool = False,
    minimum: float | None = 0,
    maximum: float | None = None,
    **where: Any,
) -> float | None:
    """A number; by default it may not be negative.  Accepts '1 200,50' as typed in French."""
    if is_blank(value):
        if required:
            c.add(field, "une valeur numérique est obligatoire.", **where)
        return None
    if isinstance(value, bool):
        c.add(field, f"« {value} » n'est pas un nombre.", **where)
        return None
    if isinstance(value, int | float):
        x = float(value)
    else:
        s = str(value).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            x = float(s)
        except ValueError:
            c.add(field, f"« {value} » n'est pas un nombre.", **where)
            return None
    if math.isnan(x) or math.isinf(x):
        c.add(field, f"« {value} » n'est pas un nombre.", **where)
        return None
    if abs(x) > HARD_LIMIT:
        c.add(field, f"la valeur {value} est trop grande pour être plausible.", **where)
        return None
    if minimum is not None and x < minimum:
        c.add(field, f"la valeur doit être supérieure ou égale à {_fmt(minimum)} (reçu {_fmt(x)}).", **where)
        return None
    if maximum is not None and x > maximum:
        c.add(field, f"la valeur doit être inférieure ou égale à {_fmt(maximum)} (reçu {_fmt(x)}).", **where)
        return None
    return x


def integer(
    c: Collector,
    field: str,
    value: Any,
    *,
    required: bool = False,
    minimum: int | None = 0,
    maximum: int | None = None,
    **where: Any,
) -> int | None:
    x = number(c, field, value, required=required, minimum=minimum, maximum=maximum, **where)
    if x is None:
        return None
    if x != int(x):
        c.add(field, f"« {value} » doit être un nombre entier.", **where)
        return None
    return int(x)


def year(
    c: Collector,
    field: str,
    value: Any,
    *,
    first: int = 2000,
    last: int = 2100,
    required: bool = False,
    **where: Any,
) -> int | None:
    y = integer(c, field, value, required=required, minimum=None, **where)
    if y is None:
        return None
    if not first <= y <= last:
        c.add(field, f"l'année {y} est hors de la période {first}–{last}.", **where)
        return None
    return y


def choice(
    c: Collector,
    field: str,
    value: Any,
    allowed: Iterable[Any],
    *,
    required: bool = True,
    labels: dict | None = None,
    **where: Any,
) -> Any:
    allowed = list(allowed)
    if is_blank(value):
        if required:
            c.add(field, "ce champ est obligatoire.", **where)
        return None
    if value in allowed:
        return value
    s = str(value).strip()
    for a in allowed:
        if str(a) == s:
            return a
    if labels:  # accept a French label as typed in a spreadsheet
        for code, label in labels.items():
            if str(label).strip().lower() == s.lower():
                return code
    shown = ", ".join(str(labels.get(a, a)) if labels else str(a) for a in allowed if a != "")
    c.add(field, f"« {value} » n'est pas une valeur permise ({shown}).", **where)
    return None


def date(c: Collector, field: str, value: Any, *, required: bool = False, **where: Any) -> dt.date | None:
    if is_blank(value):
        if required:
            c.add(field, "une date est obligatoire.", **where)
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    c.add(field, f"« {value} » n'est pas une date (format attendu AAAA-MM-JJ ou JJ/MM/AAAA).", **where)
    return None


def slugify(s: str) -> str:
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return _SLUG_CHARS.sub("-", ascii_).strip("-")[:60]


def _fmt(x: float) -> str:
    return f"{int(x):,}".replace(",", " ") if x == int(x) else f"{x:,.2f}".replace(",", " ").replace(".", ",")


# --------------------------------------------------------------------------- the reader's language

# The validators above write French; each message as a pattern, with its key in pac/i18n/validate.py, so
# that a refusal reads in Arabic for a reader of Arabic (the field is named by the caller).
_MESSAGES = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"^ce champ est obligatoire\.$", "validate.required"),
        (r"^une valeur numérique est obligatoire\.$", "validate.number_required"),
        (r"^une date est obligatoire\.$", "validate.date_required"),
        (r"^type de valeur inattendu", "validate.type"),
        (r"^le texte dépasse (?P<max>\d+) caractères \((?P<n>\d+)\)\.$", "validate.too_long"),
        (r"^le texte ne doit pas contenir de balises", "validate.html"),
        (r"^le texte contient un caractère invalide \((?P<code>U\+[0-9A-F]+)\)\.$", "validate.bad_char"),
        (r"^« (?P<value>.*) » n'est pas un nombre\.$", "validate.not_number"),
        (r"^« (?P<value>.*) » doit être un nombre entier\.$", "validate.not_integer"),
        (r"^la valeur (?P<value>.+) est trop grande", "validate.too_big"),
        (r"^la valeur doit être supérieure ou égale à (?P<min>.+) \(reçu (?P<value>.+)\)\.$", "validate.min"),
        (r"^la valeur doit être inférieure ou égale à (?P<max>.+) \(reçu (?P<value>.+)\)\.$", "validate.max"),
        (
            r"^l'année (?P<year>\S+) est hors de la période (?P<first>\d+)–(?P<last>\d+)\.$",
            "validate.year_out",
        ),
        (r"^« (?P<value>.*) » n'est pas une valeur permise", "validate.choice"),
        (r"^« (?P<value>.*) » n'est pas une date", "validate.not_date"),
    )
)


def message_in(message: str, lang: str) -> str | None:
    """A validator's French `message` in `lang`, or None when it is not one of theirs."""
    from pac.i18n import t

    for pattern, key in _MESSAGES:
        m = pattern.match(message)
        if m:
            return t(key, lang, **m.groupdict())
    return None


def field_in(field: str, lang: str) -> str:
    """A field named in French (a form's or a grid's label) in `lang`: the translation table's twin of that
    French label when it has one (« Part de la TVA » -> « حصة الضريبة على القيمة المضافة »), else as is."""
    from pac.i18n import TABLE

    if lang == "fr" or not field:
        return field
    key = _french_labels().get(field)
    return TABLE.get(lang, {}).get(key, field) if key else field


_FRENCH_LABELS: dict[str, str] = {}


def _french_labels() -> dict[str, str]:
    """French label -> its first key having a twin (the labels a field can be named by)."""
    if not _FRENCH_LABELS:
        from pac.i18n import TABLE

        for key, text in TABLE["fr"].items():
            if "{" not in text and len(text) <= 80 and key in TABLE.get("ar", {}):
                _FRENCH_LABELS.setdefault(text, key)
    return _FRENCH_LABELS


def in_lang(problem: Problem, lang: str) -> Problem:
    """`problem` in `lang` when it is a validator's French message (others are left as they are), its
    field named in `lang` too."""
    if lang == "fr" or problem.lang != "fr":
        return problem
    said = message_in(problem.message, lang)
    if said is None:
        return problem
    return Problem(field_in(problem.field, lang), said, problem.sheet, problem.row, lang)
