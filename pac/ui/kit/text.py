"""User text shown as text: never live markdown, never HTML.

Streamlit renders markdown (links, images, emphasis, `:red[…]` and `:material/…:` directives, LaTeX
between dollars) in st.markdown, st.caption, st.info…, in widget labels and in expander titles.
A project title or an option label typed in the room must come out exactly as typed: every ASCII
punctuation character that markdown or Streamlit's extensions could read is escaped with a backslash
(CommonMark shows an escaped punctuation character as itself).  Where no markup is needed at all,
st.text is simpler still.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character: CommonMark allows a backslash before any of them.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:^&=\"'@%,;?/])")
# Where GFM's autolinks start, once escaped: a scheme before « :// », « www » before « . », and « @ ».
_AUTOLINK = re.compile(r"((?:https?|ftp|mailto|xmpp)(?=\\:)|www(?=\\\.)|(?<=\w)(?=\\@))", re.IGNORECASE)


def plain(text: object) -> str:
    """`text` escaped for any Streamlit element that renders markdown; None gives ""."""
    if text is None:
        return ""
    s = str(text).replace("\r\n", "\n")
    s = _SPECIAL.sub(r"\\\1", s)
    # GFM turns a bare address (http://…, www.…, a@b.c) into a live link after escapes are read, so an
    # invisible WORD JOINER (U+2060) is put inside each one: the text reads the same and links nowhere.
    s = _AUTOLINK.sub("\\1\u2060", s)
    # A line break inside a label or caption stays a line break, not a paragraph or a heading.
    return s.replace("\n", "  \n")


def bi(obj: object, field: str, lang: str | None = None) -> str:
    """A bilingual field of `obj` (model or view dict) in the reader's language, escaped like `plain`.

    When only the other language's version exists it is shown, isolated (so neither direction scrambles
    the other) and followed by a discreet marker saying its language; never a blank."""
    from pac.domain.bilingual import isolate, shown
    from pac.i18n import t
    from pac.ui.kit.state import lang as reader_lang

    lang = lang or reader_lang()
    s = shown(obj, field, lang)
    if not s.fallback:
        return plain(s.text)
    return plain(isolate(s.text)) + " " + plain(t(f"bilingual.fallback.{s.lang}", lang))


def bi_raw(obj: object, field: str, lang: str | None = None) -> str:
    """Like `bi` but not escaped, for elements that show text as text (st.text, grids, select options)."""
    from pac.domain.bilingual import isolate, shown
    from pac.i18n import t
    from pac.ui.kit.state import lang as reader_lang

    lang = lang or reader_lang()
    s = shown(obj, field, lang)
    if not s.fallback:
        return s.text
    return isolate(s.text) + " " + t(f"bilingual.fallback.{s.lang}", lang)
