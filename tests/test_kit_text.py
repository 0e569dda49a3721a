"""User text is escaped for markdown: links, images, emphasis and Streamlit directives stay text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pac.ui.kit.text import plain


def _unescape(s: str) -> str:
    # the invisible word joiners that break bare addresses are not part of what was typed
    return re.sub(r"\\(.)", r"\1", s.replace("  \n", "\n")).replace("\u2060", "")


def test_a_link_and_an_image_are_escaped() -> None:
    s = plain("[voter ici](http://x.example) ![i](http://x.example/i.png) **gras** :red[rouge] $x$")
    assert "](" not in s.replace("\\]\\(", "")
    assert "\\[voter ici\\]\\(http\u2060\\:\\/\\/x\\.example\\)" in s  # no bare-address link either
    assert "\\!\\[i\\]" in s and "\\*\\*gras\\*\\*" in s and "\\:red\\[rouge\\]" in s and "\\$x\\$" in s


def test_arabic_and_html_are_kept_as_typed() -> None:
    assert _unescape(plain("<b>مشروع</b> « l'eau » & co")) == "<b>مشروع</b> « l'eau » & co"
    assert plain(None) == ""


@given(st.text())
def test_any_text_comes_back_once_unescaped(text: str) -> None:
    assert _unescape(plain(text)) == text.replace("\r\n", "\n").replace("\u2060", "")
