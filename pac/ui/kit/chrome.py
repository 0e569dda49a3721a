"""Streamlit's own English words, kept from a French or Arabic user.

Streamlit writes a few strings of its own that no parameter translates: « Press Enter to submit form »
under a field of a form, « Upload » and « 200MB per file » in a file picker, « No results » in a list
searched for nothing, « dd / mm / yyyy » in an empty date.  Each is hidden here by a CSS rule and, where
the user needs the words, written again in the reader's language with `::after` — so nothing in the page
changes but the text.  « Select N matches » is not drawn at all by the kit's picker (pac.ui.kit.pickers).

The tables' toolbar (« Add row », « Download as CSV », « Search »…), their column menu (« Sort ascending »…),
the help buttons' « Help for … » and the « Skip to main content » link are words CSS cannot reach (tooltips
and menus drawn on demand, labels read aloud): `script` rewrites them in the reader's language as they
appear.  It touches only Streamlit's own words, in its tooltips, menus and controls, matched whole: a text
a user typed is never rewritten.
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


# Streamlit's English words (as its frontend writes them) -> the key of the reader's words.
_WORDS = {
    "Show/hide columns": "frame.chrome.show_hide",
    "Download as CSV": "frame.chrome.download_csv",
    "Search": "frame.chrome.search",
    "Add row": "frame.chrome.add_row",
    "Delete row(s)": "frame.chrome.delete_rows",
    "Clear selection": "frame.chrome.clear_selection",
    "Fullscreen": "frame.chrome.fullscreen",
    "Close fullscreen": "frame.chrome.close_fullscreen",
    "Skip to main content": "frame.chrome.skip",
    "Sort ascending": "frame.chrome.sort_asc",
    "Sort descending": "frame.chrome.sort_desc",
    "Format": "frame.chrome.format",
    "Autosize": "frame.chrome.autosize",
    "Pin column": "frame.chrome.pin",
    "Unpin column": "frame.chrome.unpin",
    "Hide column": "frame.chrome.hide_column",
    "Copy column name": "frame.chrome.copy_column_name",
    "Statistics": "frame.chrome.statistics",
    "Select all": "frame.chrome.select_all",
    "Select...": "frame.chrome.select",
}

# Where Streamlit's own words are: its tooltips, menus and popovers, the skip link; attributes of its
# controls.  A user's text lives in none of these as a whole label.
_SCRIPT = """<script>
(() => {
  const w = window;
  w.__pacChromeSay = %(words)s;
  w.__pacChromeHelp = %(help)s;
  if (w.__pacChrome) { w.__pacChrome(document.body); return; }
  const SCOPES = '[role="tooltip"], [role="menu"], [data-baseweb="popover"], [data-testid="stSkipToContent"]';
  const CONTROLS = 'button, a, input, [role="menuitem"], [role="button"]';
  const ATTRS = ['aria-label', 'title', 'placeholder'];
  // what each word written so far stood for: the language may change, and its words with it
  const was = w.__pacChromeWas = w.__pacChromeWas || new Map();
  const say = (text) => {
    const s0 = (text || '').trim();
    const s = was.has(s0) ? was.get(s0) : s0;
    let n = null;
    if (Object.prototype.hasOwnProperty.call(w.__pacChromeSay, s)) n = w.__pacChromeSay[s];
    else if (s.startsWith('Help for ')) n = w.__pacChromeHelp.replace('{name}', s.slice(9));
    if (n !== null) was.set(n, s);
    return n;
  };
  const attrs = (el) => {
    if (!el.matches || !el.matches(CONTROLS)) return;
    for (const a of ATTRS) {
      const v = el.getAttribute(a);
      const n = v && say(v);
      if (n && n !== v) el.setAttribute(a, n);
    }
  };
  const text = (node) => {
    const p = node.parentElement;
    if (!p || !p.closest(SCOPES)) return;
    const n = say(node.nodeValue);
    if (n && n !== node.nodeValue.trim()) node.nodeValue = n;
  };
  const fix = (root) => {
    if (root.nodeType === 3) { text(root); return; }
    if (root.nodeType !== 1) return;
    attrs(root);
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) (n.nodeType === 3 ? text(n) : attrs(n));
  };
  w.__pacChrome = fix;
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === 'childList') c.addedNodes.forEach(fix);
      else if (c.type === 'attributes') attrs(c.target);
      else text(c.target);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: ATTRS});
  fix(document.body);
})();
</script>"""


def script(lang: str) -> str:
    """The <script> that rewrites Streamlit's own words of tooltips, menus and controls in `lang`."""
    words = {english: t(key, lang) for english, key in _WORDS.items()}
    return _SCRIPT % {
        "words": json.dumps(words, ensure_ascii=False),
        "help": json.dumps(t("frame.chrome.help_for", lang, name="{name}"), ensure_ascii=False),
    }
