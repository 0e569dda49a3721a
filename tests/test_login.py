"""Facilitator login: first start sets the password, a wrong one is refused, visitors see only /voter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pac.db import Database
from pac.services import auth
from pac.ui.kit import state
from tests.apptest_utils import APP, PASSWORD, facilitator


def _app() -> AppTest:
    auth.forget_failures()  # failed logins are counted per process: each test starts afresh
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    return at


def _fill(at: AppTest, username: str, password: str, confirm: str | None = None) -> None:
    boxes = {box.label: box for box in at.text_input}
    boxes["Identifiant"].set_value(username)
    boxes["Mot de passe"].set_value(password)
    if confirm is not None:
        boxes["Confirmer le mot de passe"].set_value(confirm)
    at.button[0].click()
    at.run()


def test_first_start_asks_for_a_password_and_has_no_default(app_env: Path) -> None:
    at = _app()
    assert "Premier démarrage" in at.subheader[0].value
    _fill(at, "animateur", "court", "court")
    assert "au moins 8 caractères" in at.error[0].value
    assert at.session_state[state.USER] if state.USER in at.session_state else True
    _fill(at, "animateur", "atelier-2026", "atelier-2027")
    assert "pas identiques" in at.error[0].value
    _fill(at, "animateur", PASSWORD, PASSWORD)
    assert not at.exception
    assert at.session_state[state.USER].username == "animateur"
    db = Database(f"sqlite:///{app_env}")
    try:
        with db.read() as s:
            from sqlalchemy import select

            from pac.models import User

            stored = s.scalar(select(User.password_hash))
        assert PASSWORD not in stored and stored.startswith("scrypt$")
    finally:
        db.dispose()


def test_wrong_password_is_refused_then_right_one_enters(app_env: Path) -> None:
    facilitator(f"sqlite:///{app_env}")
    at = _app()
    assert at.subheader[0].value.startswith("Connexion")
    _fill(at, "animateur", "mauvais-mot")
    assert at.error[0].value == "Identifiant ou mot de passe incorrect."
    assert state.USER not in at.session_state
    _fill(at, "animateur", PASSWORD)
    assert at.session_state[state.USER].username == "animateur"
    assert at.title[0].value == "Tableau de bord"


def test_anonymous_visitor_cannot_reach_facilitator_pages(app_env: Path) -> None:
    facilitator(f"sqlite:///{app_env}")
    at = _app()
    assert at.subheader[0].value.startswith("Connexion")
    assert not at.sidebar.selectbox  # no commune selector, no menu
    for target in ("pages/communes.py", "pages/home.py", "pages/vote.py"):
        # a facilitator page's address is known (a deep link gets no « Page not found »), but a visitor
        # gets the login there, and nothing of the page
        # (AppTest may run the file itself, as Streamlit does beside a pages/ folder: the page's own lock
        # then says so)
        at.switch_page(target)
        at.run()
        assert not at.exception
        login = [s.value for s in at.subheader if s.value.startswith("Connexion")]
        locked = [i.value for i in at.info if i.value.startswith("Cette page est réservée")]
        assert login or locked, target
        assert [t.value for t in at.title] in ([], ["PAC Atelier"]), target
        assert not at.sidebar.selectbox


def test_passwords_are_hashed_and_verified(tmp_path: Path) -> None:
    from pac.domain.passwords import hash_password, verify_password

    h = hash_password("s3cret-pass")
    assert verify_password("s3cret-pass", h) and not verify_password("other", h)
    assert not verify_password("x", "garbage")
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    from pac.db import upgrade

    upgrade(db)
    assert auth.needs_setup(db)
    auth.create_user(db, "Amina", "motdepasse1", "motdepasse1", first=True)
    assert not auth.needs_setup(db)
    # a second 'first' account cannot be created through the setup form
    import pytest

    from pac.domain.errors import DomainError

    with pytest.raises(DomainError, match="existe déjà"):
        auth.create_user(db, "intrus", "motdepasse2", "motdepasse2", first=True)
    db.dispose()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_sign_in_sessions_survive_a_restart_and_end_at_logout(tmp_path: Path) -> None:
    from pac.db import upgrade

    url = f"sqlite:///{tmp_path / 's.db'}"
    db = Database(url)
    upgrade(db)
    u = auth.create_user(db, "animateur", PASSWORD, PASSWORD, first=True)
    token = auth.open_session(db, u.id)
    db.dispose()
    restarted = Database(url)  # a server restart: a new engine on the same file
    assert auth.user_for_session(restarted, token).username == "animateur"
    assert auth.user_for_session(restarted, "forged-token") is None
    assert auth.user_for_session(restarted, None) is None
    auth.close_session(restarted, token)
    assert auth.user_for_session(restarted, token) is None
    restarted.dispose()


def test_a_page_file_run_directly_by_a_visitor_shows_only_the_lock(app_env: Path) -> None:
    """Streamlit also serves pages/<name>.py by its name, bypassing app.py: the page itself locks."""
    from pac.db import ROOT

    for name in ("communes", "catalogues", "vote", "plan", "diagnostic", "home"):
        at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=60)
        at.run()
        assert not at.exception, name
        assert [i.value for i in at.info] == [
            "Cette page est réservée à l'animateur·rice : connectez-vous d'abord."
        ], name
        assert not at.dataframe and not at.text_input and not at.button, name


def test_a_new_database_shows_the_first_account_form_at_once_then_the_demo(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """On a database file that does not exist yet, the form comes before the schema and the demo (loaded
    beside it, after the page is drawn); creating the account waits for them, then the demo is there."""
    import streamlit as st

    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(APP.parent)
    st.cache_resource.clear()
    try:
        at = _app()
        assert "Premier démarrage" in at.subheader[0].value
        _fill(at, "animateur", PASSWORD, PASSWORD)
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state[state.USER].username == "animateur"
        assert at.title[0].value == "Tableau de bord"
        options = at.sidebar.selectbox[0].options
        assert any("démonstration" in o for o in options), options
    finally:
        st.cache_resource.clear()


def test_failed_logins_slow_down_per_username_and_per_address(tmp_path: Path) -> None:
    import time

    import pytest

    from pac.db import upgrade

    db = Database(f"sqlite:///{tmp_path / 't.db'}")
    upgrade(db)
    auth.create_user(db, "animateur", PASSWORD, PASSWORD, first=True)
    auth.forget_failures()
    took = []
    for _ in range(5):
        t0 = time.perf_counter()
        with pytest.raises(auth.DomainError, match="incorrect"):
            auth.authenticate(db, "animateur", "mauvais-mot", "10.0.0.7")
        took.append(time.perf_counter() - t0)
    assert took[4] > took[0] + 0.5  # each failure answers later than the one before
    # the sixth try waits, even with the right password, for this name from any address ...
    with pytest.raises(auth.TooManyAttempts) as e:
        auth.authenticate(db, "animateur", PASSWORD, "10.0.0.8")
    assert 1 <= e.value.wait <= 61
    # ... and this address waits whatever the name
    with pytest.raises(auth.TooManyAttempts):
        auth.authenticate(db, "autre", "x", "10.0.0.7")
    auth.forget_failures()
    assert auth.authenticate(db, "animateur", PASSWORD, "10.0.0.8").username == "animateur"
    db.dispose()


def test_the_answer_time_does_not_tell_whether_a_username_exists(tmp_path: Path) -> None:
    import statistics
    import time

    import pytest

    from pac.db import upgrade

    db = Database(f"sqlite:///{tmp_path / 't.db'}")
    upgrade(db)
    auth.create_user(db, "animateur", PASSWORD, PASSWORD, first=True)

    def timed(name: str) -> float:
        auth.forget_failures()  # the first failure of each: no growing delay in the figure
        t0 = time.perf_counter()
        with pytest.raises(auth.DomainError):
            auth.authenticate(db, name, "mauvais-mot")
        return time.perf_counter() - t0

    # Interleaved, so that a busy machine slows both alike. Before the fix an unknown name answered
    # 100 times faster (0.6 ms against 64 ms): a factor of two either way still tells them apart.
    known, unknown = [], []
    for _ in range(9):
        known.append(timed("animateur"))
        unknown.append(timed("personne"))
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.5 < ratio < 2.0, (known, unknown)
    auth.forget_failures()
    db.dispose()


def test_the_sign_in_cookie_is_httponly_strict_and_secure_over_https() -> None:
    from starlette.requests import Request
    from starlette.responses import Response

    from pac.web import session

    def flags(scheme: str, headers: list[tuple[bytes, bytes]]) -> str:
        scope = {
            "type": "http",
            "scheme": scheme,
            "server": ("pac.local", 8501),
            "path": "/",
            "query_string": b"",
        }
        request = Request({**scope, "headers": [(b"host", b"pac.local"), *headers]})
        response = Response()
        session.set_cookie(response, request, "tok")
        return response.headers["set-cookie"]

    plain = flags("http", [])
    assert "HttpOnly" in plain and "SameSite=strict" in plain and "Secure" not in plain
    assert "Secure" in flags("https", [])
    assert "Secure" in flags("http", [(b"x-forwarded-proto", b"https")])
    # a ticket is redeemed once, and a forged one never
    ticket = auth.handoff_ticket("the-token")
    assert auth.redeem_ticket(ticket) == "the-token" and auth.redeem_ticket(ticket) is None
    assert auth.redeem_ticket(ticket[:-2] + "xx") is None
    assert (
        session._safe_next("//evil.example/x") == "/" and session._safe_next("/vote?proj=1") == "/vote?proj=1"
    )


def test_the_login_page_switches_to_arabic(app_env: Path) -> None:
    facilitator(f"sqlite:///{app_env}")
    at = _app()
    at.segmented_control(key="_login_lang").set_value("ar").run()
    assert at.session_state[state.LANG] == "ar"
    assert at.subheader[0].value == "دخول المنشط(ة)"


def test_an_arabic_reader_is_refused_in_arabic(app_env: Path) -> None:
    """A wrong password on the Arabic sign-in page was refused in French."""
    facilitator(f"sqlite:///{app_env}")
    at = _app()
    at.segmented_control(key="_login_lang").set_value("ar").run()
    boxes = {box.label: box for box in at.text_input}
    boxes["اسم المستخدم"].set_value("animateur")
    boxes["كلمة المرور"].set_value("mauvais-mot")
    at.button[0].click()
    at.run()
    assert at.error[0].value == "اسم المستخدم أو كلمة المرور غير صحيحة."
    assert state.USER not in at.session_state


def test_a_new_account_is_refused_in_arabic_naming_each_field() -> None:
    from pac.domain.errors import DomainError

    with pytest.raises(DomainError) as e:
        auth.create_user(None, "ani mateur", "court", "autre", lang="ar")  # type: ignore[arg-type]
    said = "\n".join(e.value.messages)
    assert "اسم المستخدم" in said and "كلمة المرور" in said
    assert "8 أحرف على الأقل" in said and "غير متطابقتين" in said
    assert not any(ch in said for ch in "éèà")  # no French word left
