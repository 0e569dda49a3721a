"""A small seeded commune (bench.plan's seed: 8 projects, 6 retained) served to AppTest, and the helpers
that drive one view of its pages « Plan triennal » and « Suivi-évaluation »."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.plan import seed_plan
from pac.db import Database, upgrade
from tests.apptest_utils import logged_in_app

ROOT = Path(__file__).resolve().parent.parent

T = TypeVar("T")


def serve_seeded_commune(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, indicators: int
) -> Iterator[tuple[str, int, int]]:
    """For a fixture: a database file with the seeded commune and `indicators` indicators, DATABASE_URL
    pointing at it; yields (database URL, commune id, plan id)."""
    url = f"sqlite:///{tmp_path / 'seeded.db'}"
    db = Database(url)
    upgrade(db)
    cid, pid = seed_plan(db, projects=8, fundings=12, indicators=indicators)
    db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    yield url, cid, pid
    st.cache_resource.clear()


def call(url: str, fn: Callable[..., T], *args: Any) -> T:
    """A service function on a database opened (and closed) for this call, as the page's next run would."""
    db = Database(url)
    try:
        return fn(db, *args)
    finally:
        db.dispose()


def open_view(url: str, cid: int, page: str, view_key: str, view: str) -> AppTest:
    """`page` (e.g. 'pages/plan.py') on the commune, its view switch (segmented control `view_key`) on `view`."""
    at = logged_in_app(url, page, commune_id=cid)
    at.segmented_control(key=view_key).set_value(view).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def by_label(widgets, label: str):  # type: ignore[no-untyped-def]
    found = [w for w in widgets if w.label == label]
    assert found, f"no widget labelled {label!r}: {[w.label for w in widgets]}"
    return found[0]


def submit(at: AppTest, label: str) -> AppTest:
    by_label(at.button, label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at
