"""The « Vote » page (facilitator) and the « Voter » page (participant) driven with AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pac.db import Database
from pac.services.communes import get_current_plan
from pac.services.vote import rounds
from pac.services.vote.views import RoundView
from pac.ui.kit import state
from tests.apptest_utils import logged_in_app

ROOT = Path(__file__).resolve().parent.parent


def _db(app_env: Path) -> Database:
    return Database(f"sqlite:///{app_env}")


def _texts(at: AppTest, kind: str) -> str:
    return "\n".join(str(x.value) for x in getattr(at, kind))


def _open_round(app_env: Path, commune_id: int, **values: object) -> RoundView:
    db = _db(app_env)
    try:
        plan = get_current_plan(db, commune_id)
        assert plan is not None
        refs = [i for i, _ in rounds.option_candidates(db, plan.id, "project")][:4]
        r = rounds.create_round(
            db,
            plan.id,
            {
                "title": "Deuxième tour",
                "method": "dots",
                "option_kind": "project",
                "option_refs": refs,
                **values,
            },
        )
        rounds.open_round(db, r.id)
        return rounds.get_round(db, r.id)
    finally:
        db.dispose()


def round_picker(at: AppTest):  # type: ignore[no-untyped-def]
    """The round picker (its key changes with its labels, so it is found by its label)."""
    return next(s for s in at.selectbox if s.label == "Tour de vote")


def open_tab(at: AppTest, label: str) -> AppTest:
    """Select a tab of the « Vote » page (lazy tabs: only the open one runs)."""
    at.session_state["vote_tab"] = label
    return at.run()


def voter_app(code: str, **params: str) -> AppTest:
    """The participant's page as an anonymous visitor opens it from the QR code."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["code"] = code
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page("pages/voter.py")
    return at.run()


# --------------------------------------------------------------------------- facilitator


def test_vote_page_shows_the_demo_round_and_its_results(app_env: Path, demo_commune_id: int) -> None:
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    assert not at.exception and not at.error
    assert "Clos" in round_picker(at).format_func(round_picker(at).value)
    assert [t.label for t in at.tabs] == ["Au mur", "Résultats", "Bulletins papier", "Cartes", "Réglages"]
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert 'data-testid="pac-ballot-count">28<' in html  # 25 phones + 3 paper ballots of the demo
    assert "Classement de la salle" not in _texts(at, "markdown")  # the results tab waits to be opened
    open_tab(at, "Résultats")
    assert not at.exception
    assert "Classement de la salle" in _texts(at, "markdown")
    assert {"Bulletins", "Téléphones", "Papier"} <= {m.label for m in at.metric}
    assert "Femme" in _texts(at, "markdown")  # the split by sex says how women ranked
    assert any(b.key == "reopen_" + str(round_picker(at).value) for b in at.button)


def test_create_open_and_close_a_round_with_confirmation(app_env: Path, demo_commune_id: int) -> None:
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    round_picker(at).set_value(0).run()  # « new round »
    at.radio(key="vote_new_kind").set_value("free").run()
    at.text_input[0].set_value("Quel douar d'abord ?")
    at.text_area[0].set_value("Tagmoute\nIgherm\nAït Baha")
    per_phone = at.number_input(key="vote_new_per_phone")
    assert (per_phone.label, per_phone.value) == ("Participants au plus par téléphone", 3)
    per_phone.set_value(2)
    at.button(key="FormSubmitter:vote_new-Créer le tour de vote").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Tour créé" in _texts(at, "success")
    db = _db(app_env)
    try:
        plan = get_current_plan(db, demo_commune_id)
        assert plan is not None
        created = next(r for r in rounds.list_rounds(db, plan.id) if r.title == "Quel douar d'abord ?")
        assert (created.status, created.options, created.method) == ("draft", 3, "dots")
        assert rounds.get_round(db, created.id).max_per_phone == 2
        at.button(key=f"open_{created.id}").click().run()
        assert rounds.get_round(db, created.id).status == "open"
        at.button(key=f"close_{created.id}").click().run()
        assert rounds.get_round(db, created.id).status == "open"  # not before the confirmation
        assert "Clore le vote ?" in _texts(at, "warning")
        at.button(key=f"no_close_{created.id}").click().run()
        assert rounds.get_round(db, created.id).status == "open"
        at.button(key=f"close_{created.id}").click().run()
        at.button(key=f"yes_close_{created.id}").click().run()
        assert rounds.get_round(db, created.id).status == "closed"
        assert "aucun classement" in _texts(at, "success")
    finally:
        db.dispose()


def test_a_bad_round_is_refused_in_french(app_env: Path, demo_commune_id: int) -> None:
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    round_picker(at).set_value(0).run()
    at.radio(key="vote_new_kind").set_value("free").run()
    at.text_area[0].set_value("Une seule option")
    at.button(key="FormSubmitter:vote_new-Créer le tour de vote").click().run()
    assert not at.exception
    assert "il faut au moins 2 options" in _texts(at, "error")


def test_paper_tally_and_clearing_need_the_right_inputs(app_env: Path, demo_commune_id: int) -> None:
    r = _open_round(app_env, demo_commune_id)
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    round_picker(at).set_value(r.id).run()
    open_tab(at, "Bulletins papier")
    form = f"paper_{r.id}"
    at.selectbox[1].set_value("f")
    at.selectbox[2].set_value("ieeag")
    at.number_input[0].set_value(3)
    at.number_input(key=f"paper_{r.id}_{r.options[0].id}").set_value(5)
    at.number_input(key=f"paper_{r.id}_{r.options[1].id}").set_value(4)
    at.button(key=f"FormSubmitter:{form}-Ajouter ces bulletins papier").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    db = _db(app_env)
    try:
        assert rounds.counter(db, r.id).paper == 3
        # typing a wrong code does not clear anything
        open_tab(at, "Réglages")
        clear_form = [t for t in at.text_input if t.label == "Code du tour, pour confirmer"][0]
        clear_form.set_value("NON")
        at.button(key=f"FormSubmitter:clear_{r.id}-Vider les votes").click().run()
        assert f"tapez le code du tour ({r.join_code})" in _texts(at, "error")
        assert rounds.counter(db, r.id).paper == 3
        clear_form = [t for t in at.text_input if t.label == "Code du tour, pour confirmer"][0]
        clear_form.set_value(r.join_code)
        at.button(key=f"FormSubmitter:clear_{r.id}-Vider les votes").click().run()
        assert rounds.counter(db, r.id).total == 0
    finally:
        db.dispose()


def test_projection_shows_the_wall_first(app_env: Path, demo_commune_id: int) -> None:
    at = logged_in_app(f"sqlite:///{app_env}", None, commune_id=demo_commune_id)
    at.session_state[state.PROJECTION] = True
    at.switch_page("pages/vote.py")
    at.run()
    assert not at.exception
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert 'data-testid="pac-join-code">' in html and "pac-ballot-count" in html
    assert not at.tabs  # the wall only; the controls wait in an expander below
    assert len(at.expander) == 1


# --------------------------------------------------------------------------- participant
# The participant's page is the light HTML page of pac.web (tests/test_web_phone.py, over real HTTP).


def test_the_streamlit_voter_page_points_to_the_light_page(app_env: Path) -> None:
    """Only an app started without serve.py reaches pages/voter.py: it says how to start the real one."""
    at = voter_app("ABCD")
    assert not at.exception
    assert "make run" in _texts(at, "info")
