"""A text the commune writes, edited in French and in Arabic side by side.

Two inputs in two columns (the reader's language first), each written in its own direction, with a
visible « version … manquante » under the empty one while the other is filled; neither is required
here (the service says when at least one is).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pac.i18n import t

CSS = """
<style>
  [class*="_bi_ar"] textarea, [class*="_bi_ar"] input {direction: rtl; text-align: right;}
  [class*="_bi_fr"] textarea, [class*="_bi_fr"] input {direction: ltr; text-align: left;}
  .pac-bi-missing {color: #9a6700; font-size: .85rem; margin: -.6rem 0 .4rem 0;}
</style>
"""


def order(lang: str) -> tuple[str, str]:
    """The two languages in the order a reader of `lang` meets them."""
    return ("ar", "fr") if lang == "ar" else ("fr", "ar")


def columns(lang: str, *fields: str) -> list[str]:
    """The table columns of bilingual `fields` (`f` and `f_ar`), each pair in the order a reader of `lang`
    meets the two languages: French | Arabic, or Arabic | French."""
    return [f if which == "fr" else f"{f}_ar" for f in fields for which in order(lang)]


def label(name: str, which: str, lang: str) -> str:
    """« Intitulé (arabe) »: the field's name and the language of this input."""
    return f"{name} ({t(f'bitext.lang.{which}', lang)})"


def inputs(
    name: str,
    key: str,
    fr: str,
    ar: str,
    lang: str,
    *,
    area: bool = False,
    height: int | None = None,
    help: str | None = None,  # noqa: A002 - Streamlit's own name for it
    placeholder: str | None = None,
    init: bool = False,
) -> tuple[str, str]:
    """(French, Arabic) as typed.  `init`: the widgets are keyed and seeded once (outside a form's
    clear_on_submit) so that what was typed survives reruns; otherwise `fr`/`ar` are their values."""
    st.html(CSS)
    current = {"fr": fr or "", "ar": ar or ""}
    out: dict[str, str] = {}
    cols = st.columns(2)
    for col, which in zip(cols, order(lang), strict=True):
        widget = f"{key}_bi_{which}"
        kw: dict[str, Any] = {"key": widget, "help": help, "placeholder": placeholder}
        if init:
            st.session_state.setdefault(widget, current[which])
        else:
            kw["value"] = current[which]
        with col:
            if area:
                out[which] = st.text_area(label(name, which, lang), height=height, **kw)
            else:
                out[which] = st.text_input(label(name, which, lang), **kw)
            other = "ar" if which == "fr" else "fr"
            if not (out[which] or "").strip() and current[other].strip():
                st.html(f'<div class="pac-bi-missing">⚠ {t(f"bitext.missing.{which}", lang)}</div>')
    return out["fr"], out["ar"]


def of(name: str, key: str, obj: Any, field: str, lang: str, **kw: Any) -> tuple[str, str]:
    """`inputs` for the text `field` of `obj` (its French `field` and Arabic `field_ar`), both empty
    when there is no object yet (a new item's form)."""
    fr = (getattr(obj, field) or "") if obj is not None else ""
    ar = (getattr(obj, f"{field}_ar") or "") if obj is not None else ""
    return inputs(name, key, fr, ar, lang, **kw)
