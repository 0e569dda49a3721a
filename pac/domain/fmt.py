"""Numbers, money, percentages and dates as read in Morocco's documents, in French or Arabic.

Formatting goes through Babel (CLDR data shipped with the package, so nothing is
fetched at run time) with the Moroccan locales fr_MA and ar_MA:

- French: ``1 250 000 DH`` (U+202F between thousands), ``12,5 %``, ``1,25 MDH``.
- Arabic: ``1.250.000 درهم``, ``12,5 %``, ``1,25 مليون درهم``.  ar_MA writes Latin
  digits with a dot between thousands and a comma before decimals, as the
  Ministry of the Interior's Arabic budget documents do; the unit is written out
  as « درهم » (the word used in Moroccan administrative Arabic, rather than the
  ISO abbreviation « د.م. » that CLDR proposes), and millions as « مليون درهم ».

Every function takes ``lang`` ("fr" by default, so older calls keep their output).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import NumberPattern, parse_pattern

NBSP = "\u202f"
DASH = "—"

LOCALES = {"fr": "fr_MA", "ar": "ar_MA"}
# Unit names written after the figure (a plain space before, as in the documents).
UNIT = {"fr": "DH", "ar": "درهم"}
MILLIONS = {"fr": "MDH", "ar": "مليون درهم"}


def locale(lang: str) -> str:
    """The Babel locale of a UI language (French for anything unknown)."""
    return LOCALES.get(lang, LOCALES["fr"])


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    """The parsed locale, once: parsing it at each call was two thirds of a big table's rerun."""
    return Locale.parse(locale(lang))


@lru_cache(maxsize=32)
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@lru_cache(maxsize=32)
def _zero(pattern: str, lang: str) -> str:
    return _pattern(pattern).apply(0, _locale(lang))


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x)))


def number(x: float | int | Decimal | None, decimals: int = 0, lang: str = "fr") -> str:
    """`x` with exactly `decimals` decimals, grouped by thousands the way `lang` reads them."""
    if _missing(x):
        return DASH
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    parsed, loc = _pattern(pattern), _locale(lang)
    s = parsed.apply(x, loc)
    # CLDR may write "-0" for a tiny negative rounded to zero; a document never shows that.
    if s[:1] in "-\u200e\u2212" and s.lstrip("-\u200e\u2212") == _zero(pattern, lang):
        s = s.lstrip("-\u200e\u2212")
    return s


def count(n: float | int | Decimal, lang: str = "fr") -> str:
    """A count as it appears inside a sentence: no forced decimals, up to three when present."""
    if _missing(n):
        return DASH
    return _pattern("#,##0.###").apply(n, _locale(lang))


def money(x: float | int | Decimal | None, unit: str | None = None, lang: str = "fr") -> str:
    """Dirhams, no decimals: « 1 250 000 DH » / « 1.250.000 درهم ».  `unit` overrides the unit name."""
    if _missing(x):
        return DASH
    return f"{number(x, 0, lang)} {unit if unit is not None else UNIT.get(lang, UNIT['fr'])}"


def mdh(x: float | int | Decimal | None, decimals: int = 2, lang: str = "fr") -> str:
    """Millions of dirhams, as large figures are usually given: « 1,25 MDH » / « 1,25 مليون درهم »."""
    if _missing(x):
        return DASH
    return f"{number(x / 1_000_000, decimals, lang)} {MILLIONS.get(lang, MILLIONS['fr'])}"


def percent(x: float | None, decimals: int = 0, lang: str = "fr") -> str:
    """A ratio (0.125) as a percentage: « 12,5 % » in both languages (a space before %, as written)."""
    if _missing(x):
        return DASH
    return f"{number(x * 100, decimals, lang)} %"


# Dates: the short numeric form is what tables and documents use (« 30/11/2026 »); the
# long form is for titles and signatures (« 30 novembre 2026 » / « 30 نونبر 2026 »,
# ar_MA naming the months the Moroccan way).
_DATE_FORMATS = {"short": "dd/MM/yyyy", "long": "d MMMM y", "day": "dd/MM"}


def date(d: dt.date | dt.datetime | None, style: str = "short", lang: str = "fr") -> str:
    """A date in `style` short (30/11/2026), long (30 novembre 2026) or day (30/11)."""
    if d is None:
        return DASH
    if isinstance(d, dt.datetime):
        d = d.date()
    return format_date(d, format=_DATE_FORMATS.get(style, style), locale=locale(lang))


def datetime(d: dt.datetime | None, style: str = "short", lang: str = "fr") -> str:
    """A date and time: « 30/11/2026 14:05 » (short) or « 30 novembre 2026 à 14:05 » (long)."""
    if d is None:
        return DASH
    if style == "long":
        at = {"fr": " 'à' ", "ar": "'، '"}.get(lang, " ")
        return format_datetime(d, format="d MMMM y" + at + "HH:mm", locale=locale(lang))
    return format_datetime(d, format="dd/MM/yyyy HH:mm", locale=locale(lang))
