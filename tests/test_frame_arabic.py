"""The frame in Arabic (issue 12): the login, the sidebar and the kit's own words are Arabic, nothing French
slips through; refusals agree with their count."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pac.i18n import TABLE
from pac.services import auth
from pac.ui.kit import state
from tests.apptest_utils import APP, facilitator

ARABIC = re.compile("[\u0600-\u06ff]")
# Words that stay as they are in an Arabic page: the other language's own name, codes, a path.
LATIN_OK = {"Français", "QR", "voter", "DATABASE_URL", "PAC", "http", "localhost"}


def _latin_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-zÀ-ÿ]{2,}", text) if w not in LATIN_OK]


def _texts(at: AppTest) -> list[str]:
    out = [
        x.value
        for kind in ("title", "subheader", "caption", "markdown", "info", "error")
        for x in at.get(kind)
    ]
    out += [w.label for kind in ("text_input", "button", "selectbox", "toggle") for w in at.get(kind)]
    return [str(x) for x in out if str(x).strip()]


def test_the_login_in_arabic_has_no_french(app_env: Path) -> None:
    facilitator(f"sqlite:///{app_env}")
    auth.forget_failures()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[state.LANG] = "ar"
    at.run()
    assert not at.exception
    texts = _texts(at)
    assert any(ARABIC.search(x) for x in texts)
    assert [x for x in texts if _latin_words(x)] == []


def test_the_sidebar_in_arabic_has_no_french(app_env: Path, demo_commune_id: int) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[state.USER] = facilitator(f"sqlite:///{app_env}")
    at.session_state[state.LANG] = "ar"
    at.session_state[state.COMMUNE] = demo_commune_id
    at.run()
    assert not at.exception
    side = [str(x.value) for x in at.sidebar.caption] + [str(x.value) for x in at.sidebar.markdown]
    side += [w.label for w in at.sidebar.selectbox] + [w.label for w in at.sidebar.toggle]
    side += [w.label for w in at.sidebar.button]
    assert side and all(ARABIC.search(x) for x in side if _latin_words(x)), side
    assert "التحضير" in side and "الورشة" in side  # the menu's sections, written upper-case in French


def test_ag_grid_and_streamlit_words_are_arabic() -> None:
    from pac.ui.kit.grid import AG_GRID_WORDS, locale_text

    words = locale_text("ar")
    assert set(words) == set(AG_GRID_WORDS)
    assert all(ARABIC.search(v) for v in words.values()), words
    chrome = [k for k in TABLE["fr"] if k.startswith("frame.chrome.")]
    assert chrome and all(ARABIC.search(TABLE["ar"][k]) for k in chrome)
    assert locale_text("fr")["equals"] == "Égal à"  # French as it was
