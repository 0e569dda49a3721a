"""The one translation table of PAC Atelier.

Every user-facing string of the UI and of the documents is looked up here by
key.  The table is split into one module per area (frame, vocab, each page)
only so that areas can be edited without stepping on each other; `TABLE`
merges them and refuses a key defined twice.  French is complete; a key
missing in Arabic falls back to French.

Use: ``t("nav.communes")`` or ``t("communes.saved", lang="ar", name=...)``.
A sentence about a count agrees with it through ``tn``: ``tn("vote.points_left", 3, lang="ar")``
reads ``vote.points_left.few`` (CLDR plural categories: zero/one/two/few/many/other).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Any

from babel import Locale

from pac.domain import fmt as _fmt

LANGS = ("fr", "ar")
RTL = {"ar"}


def _load() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {"fr": {}, "ar": {}}
    owner: dict[str, str] = {}
    for mod in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        module = importlib.import_module(f"{__name__}.{mod}")
        for lang in LANGS:
            part: dict[str, str] = getattr(module, lang.upper(), {})
            for key, value in part.items():
                if lang == "fr":
                    if key in owner:
                        raise ValueError(f"translation key {key!r} defined in both {owner[key]} and {mod}")
                    owner[key] = mod
                table[lang][key] = value
    return table


TABLE = _load()


def t(key: str, lang: str = "fr", **fmt: Any) -> str:
    """The text of `key` in `lang` (French when Arabic lacks it; the key itself when unknown)."""
    text = TABLE.get(lang, {}).get(key) or TABLE["fr"].get(key)
    if text is None:
        return key
    return text.format(**fmt) if fmt else text


PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@lru_cache(maxsize=8)
def _plural_rule(lang: str) -> Any:
    return Locale.parse(_fmt.locale(lang)).plural_form


def plural_category(n: float | int, lang: str = "fr") -> str:
    """CLDR plural category of `n` in `lang`: French 0 and 1 are « one »; Arabic has all six."""
    return str(_plural_rule(lang)(abs(n)))


def tn(key: str, n: float | int, lang: str = "fr", **fmt: Any) -> str:
    """The text of `key` agreeing with the number `n` in `lang`.

    Looks up ``key.<category>`` (zero/one/two/few/many/other as CLDR gives for `n`),
    then ``key.other``; each language is searched before falling back to French so
    an Arabic sentence is never cut in two.  ``{n}`` in the text is `n` formatted for
    the language (« 1 250 » / « 1.250 »); other placeholders come from `fmt`.
    """
    category = plural_category(n, lang)
    candidates = (f"{key}.{category}", f"{key}.other")
    text = next((TABLE.get(lang, {})[k] for k in candidates if k in TABLE.get(lang, {})), None)
    if text is None:
        fr_category = plural_category(n, "fr")
        text = next(
            (TABLE["fr"][k] for k in (f"{key}.{fr_category}", f"{key}.other") if k in TABLE["fr"]), None
        )
    if text is None:
        return key
    values = {"n": _fmt.count(n, lang), **fmt}
    return text.format(**values)


def has(key: str) -> bool:
    return key in TABLE["fr"]


def vocab(list_name: str, code: Any, lang: str = "fr") -> str:
    """Label of a code of a closed list (pac.domain.vocab), e.g. vocab('sources', 'monograph')."""
    if code is None or code == "":
        return t("vocab.none", lang)
    return t(f"vocab.{list_name}.{code}", lang)


def vocab_labels(list_name: str, codes: Any, lang: str = "fr") -> dict[Any, str]:
    return {c: vocab(list_name, c, lang) for c in codes}


def is_rtl(lang: str) -> bool:
    return lang in RTL
