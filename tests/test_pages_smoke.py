"""Every page registered in app.py runs on the demo commune: no exception, a title."""

from __future__ import annotations

from pathlib import Path

import pytest

from pac.ui.kit.nav import STEPS, VOTER
from tests.apptest_utils import logged_in_app

ROOT = Path(__file__).resolve().parent.parent


def test_every_step_of_the_workshop_has_its_page() -> None:
    missing = [s.path for s in (*STEPS, VOTER) if not (ROOT / s.path).exists()]
    assert missing == []


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.url_path)
def test_page_runs_on_the_demo_commune(step, app_env: Path, demo_commune_id: int) -> None:  # type: ignore[no-untyped-def]
    at = logged_in_app(f"sqlite:///{app_env}", step.path, commune_id=demo_commune_id)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title, "the page has no title"
    # the frame caught nothing unexpected
    assert all("erreur inattendue" not in (m.value or "") for m in at.error)


def test_pages_run_in_arabic_too(app_env: Path, demo_commune_id: int) -> None:
    from pac.ui.kit import state

    for step in STEPS:
        at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
        at.session_state[state.LANG] = "ar"
        at.switch_page(step.path)
        at.run()
        assert not at.exception, (step.path, [e.value for e in at.exception])
        assert not at.error, (step.path, [e.value for e in at.error])
        assert at.title


def test_pages_without_any_commune_say_what_to_do(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On a database with no commune at all, every step explains where to start instead of failing."""
    import streamlit as st

    from pac.db import Database
    from pac.services.setup import bootstrap

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    db = Database(url)
    bootstrap(db, with_demo=False)
    from pac.services import communes

    for c in communes.list_communes(db):  # the mission communes are archived away: nothing to pick
        communes.set_archived(db, c.id, True)
    db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    for step in STEPS:
        if step.path in ("pages/communes.py", "pages/catalogues.py"):
            continue
        at = logged_in_app(url, step.path)
        assert not at.exception, (step.path, [e.value for e in at.exception])
        assert any("Choisissez d'abord une commune" in i.value for i in at.info), step.path
    st.cache_resource.clear()


def test_the_participant_page_runs_for_a_visitor(app_env: Path) -> None:
    """The other page registered in app.py: /voter, reached without an account."""
    from streamlit.testing.v1 import AppTest

    from tests.apptest_utils import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("pages/voter.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.sidebar.selectbox  # no facilitator menu
