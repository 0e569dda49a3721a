"""User text is shown as text (issue 10, item 12): a title or a label holding markdown — a link, an image,
bold, a colour directive — comes out exactly as typed on the vote, vision, SWOT, subsidiarity and
communes pages, never as a live link or an image the browser would load."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pac.db import Database
from pac.services import communes, vision
from pac.services.vote import rounds
from pac.ui.kit.text import plain
from tests.apptest_utils import logged_in_app

NASTY = "[voter ici](http://example.invalid/x) ![i](http://example.invalid/i.png) **x** :red[y]"


def _plan_id(url: str, commune_id: int) -> int:
    db = Database(url)
    try:
        plan = communes.get_current_plan(db, commune_id)
        assert plan is not None
        return plan.id
    finally:
        db.dispose()


def _markdown_bodies(at: AppTest) -> list[str]:
    """Every markdown source the page sent: markdown, captions, alerts, and widget labels."""
    out = [str(m.value) for m in at.markdown] + [str(c.value) for c in at.caption]
    for kind in ("success", "info", "warning", "error"):
        out += [str(x.value) for x in getattr(at, kind)]
    for kind in ("number_input", "text_input", "multiselect", "selectbox", "text_area"):
        out += [w.label for w in at.get(kind)]
    return out


def _assert_plain(bodies: list[str], text: str) -> None:
    """`text` reached the page only escaped: no body holds the live markdown, one holds the escaped text."""
    assert not any("](http://example.invalid" in b for b in bodies), [b for b in bodies if "example" in b]
    assert any(plain(text) in b for b in bodies), [b for b in bodies if "example" in b]


def test_option_labels_on_the_paper_ballot_tab_are_text(app_env: Path, demo_commune_id: int) -> None:
    url = f"sqlite:///{app_env}"
    db = Database(url)
    try:
        r = rounds.create_round(
            db,
            _plan_id(url, demo_commune_id),
            {"title": NASTY, "method": "dots", "option_kind": "free", "free_options": f"{NASTY}\nPiste B"},
        )
        rounds.open_round(db, r.id)
    finally:
        db.dispose()
    at = logged_in_app(url, "pages/vote.py", commune_id=demo_commune_id)
    picker = next(s for s in at.selectbox if s.label == "Tour de vote")
    picker.set_value(r.id).run()
    at.session_state["vote_tab"] = "Bulletins papier"
    at.run()
    assert not at.exception
    _assert_plain(_markdown_bodies(at), NASTY)


def test_axis_and_objective_titles_are_text_on_the_vision_page(app_env: Path, demo_commune_id: int) -> None:
    url = f"sqlite:///{app_env}"
    db = Database(url)
    try:
        pid = _plan_id(url, demo_commune_id)
        axis = vision.save_axis(db, pid, {"code": "A9", "title": NASTY, "description": NASTY})
        vision.save_objective(db, pid, axis.id, {"code": "A9.O1", "title": NASTY})
    finally:
        db.dispose()
    at = logged_in_app(url, None, commune_id=demo_commune_id)
    for tab in (1, 2):  # « Axes et objectifs », « Liens avec l'AFOM »
        at.session_state["_keep_tab_strategy"] = tab
        at.switch_page("pages/vision.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        _assert_plain(_markdown_bodies(at), NASTY)


def test_a_commune_name_is_text_on_the_communes_page(app_env: Path) -> None:
    url = f"sqlite:///{app_env}"
    db = Database(url)
    try:
        c = communes.create_commune(db, {"name_fr": NASTY, "province": "Tiznit"})
    finally:
        db.dispose()
    at = logged_in_app(url, "pages/communes.py", commune_id=c.id)
    assert not at.exception
    subheaders = [str(h.value) for h in at.subheader]
    assert plain(NASTY) in subheaders and NASTY not in subheaders


def test_no_text_of_these_steps_starts_like_a_markdown_list() -> None:
    """Issue 10, item 14: « * champ obligatoire » was drawn as a bullet (a caption renders markdown)."""
    import re

    from pac.i18n import TABLE

    mine = ("communes.", "subsidiarity.", "vision.", "swot.", "vote.", "catalogues.", "refs.", "frame.")
    # an option of a select box, never rendered as markdown
    options = {"communes.ws_new"}
    bullets = [
        (lang, key, text)
        for lang, table in TABLE.items()
        for key, text in table.items()
        if (key.startswith(mine) or key == "diag.import_mapping_help")
        and key not in options
        and re.match(r"^\s*([*+-]|\d+[.)])\s", text)
    ]
    assert not bullets, bullets


def test_a_refusal_quotes_what_was_typed_as_text() -> None:
    """A service's French refusal quotes the value typed between « »: shown as text, never a link."""
    from pac.ui.kit.widgets import _quoted_as_text

    shown = _quoted_as_text(f"Champ « Nom (français) » : « {NASTY} » n'est pas un nombre.")
    assert shown.startswith("Champ « Nom (français) » : « ")  # the message itself reads the same
    assert "](" not in shown.replace("\\](", "") and "**" not in shown and ":red[" not in shown
    assert "http://" not in shown  # no bare address for markdown to link
