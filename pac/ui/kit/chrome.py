"""Streamlit's own English words, kept from a French or Arabic user.

Streamlit writes a few strings of its own that no parameter translates: « Press Enter to submit form »
under a field of a form, « Upload » and « 200MB per file » in a file picker, « No results » in a list
searched for nothing, « dd / mm / yyyy » in an empty date.  Each is hidden here by a CSS rule and, where
the user needs the words, written again in the reader's language with `::after` — so nothing in the page
changes but the text.  « Select N matches » is not drawn at all by the kit's picker (pac.ui.kit.pickers).
"""

from __future__ import annotations

import json

import streamlit as st

from pac.i18n import t


def _text(key: str, lang: str, **fmt: object) -> str:
    # A CSS string: JSON's quoting is valid CSS for these texts (quotes and backslashes escaped).
    return json.dumps(t(key, lang, **fmt), ensure_ascii=False)


def css(lang: str) -> str:
    """The <style> block that replaces Streamlit's English words, for `lang`."""
    limit = int(st.get_option("server.maxUploadSize"))
    say = {
        "upload": _text("frame.chrome.upload", lang),
        "limit": _text("frame.chrome.upload_limit", lang, mb=limit),
        "none": _text("frame.chrome.no_results", lang),
        "day": _text("frame.chrome.day", lang),
        "month": _text("frame.chrome.month", lang),
        "year": _text("frame.chrome.year", lang),
    }
    return f"""<style>
/* « Press Enter to submit form / to apply »: the button below the form says what to do */
[data-testid="InputInstructions"] {{display: none !important;}}
/* the file picker's « Upload » button and « 200MB per file • XLSX » line */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{font-size: 0;}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {say["upload"]}; font-size: 0.875rem;}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0;}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: {say["limit"]}; font-size: 0.875rem;}}
/* « No results »: the one pseudo-option of a list searched for nothing */
[role="option"][style*="contents"] > span {{font-size: 0;}}
[role="option"][style*="contents"] > span::after {{content: {say["none"]}; font-size: 0.875rem;}}
/* an empty date reads « jj / mm / aaaa », not « dd / mm / yyyy » */
[data-testid="stDateInputField"] [data-placeholder="true"] {{font-size: 0;}}
[data-testid="stDateInputField"] [data-placeholder="true"]::after {{font-size: 1rem;}}
[data-testid="stDateInputField"] [data-placeholder="true"][data-type="day"]::after {{content: {say["day"]};}}
[data-testid="stDateInputField"] [data-placeholder="true"][data-type="month"]::after {{content: {say["month"]};}}
[data-testid="stDateInputField"] [data-placeholder="true"][data-type="year"]::after {{content: {say["year"]};}}
</style>"""
