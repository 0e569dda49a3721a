"""The « Vote » page (facilitator) and the « Voter » page (participant) driven with AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pac.db import Database
from pac.services.communes import get_current_plan
from pac.services.vote import ballot, rounds
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
    assert "Clos" in at.selectbox(key="vote_round_pick").format_func(
        at.selectbox(key="vote_round_pick").value
    )
    assert [t.label for t in at.tabs] == ["Au mur", "Résultats", "Bulletins papier", "Cartes", "Réglages"]
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert 'data-testid="pac-ballot-count">28<' in html  # 25 phones + 3 paper ballots of the demo
    assert "Classement de la salle" not in _texts(at, "markdown")  # the results tab waits to be opened
    open_tab(at, "Résultats")
    assert not at.exception
    assert "Classement de la salle" in _texts(at, "markdown")
    assert {"Bulletins", "Téléphones", "Papier"} <= {m.label for m in at.metric}
    assert "Femme" in _texts(at, "markdown")  # the split by sex says how women ranked
    assert any(b.key == "reopen_" + str(at.selectbox(key="vote_round_pick").value) for b in at.button)


def test_create_open_and_close_a_round_with_confirmation(app_env: Path, demo_commune_id: int) -> None:
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    at.selectbox(key="vote_round_pick").set_value(0).run()  # « new round »
    at.radio(key="vote_new_kind").set_value("free").run()
    at.text_input[0].set_value("Quel douar d'abord ?")
    at.text_area[0].set_value("Tagmoute\nIgherm\nAït Baha")
    at.button(key="FormSubmitter:vote_new-Créer le tour de vote").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Tour créé" in _texts(at, "success")
    db = _db(app_env)
    try:
        plan = get_current_plan(db, demo_commune_id)
        assert plan is not None
        created = next(r for r in rounds.list_rounds(db, plan.id) if r.title == "Quel douar d'abord ?")
        assert (created.status, created.options, created.method) == ("draft", 3, "dots")
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
    at.selectbox(key="vote_round_pick").set_value(0).run()
    at.radio(key="vote_new_kind").set_value("free").run()
    at.text_area[0].set_value("Une seule option")
    at.button(key="FormSubmitter:vote_new-Créer le tour de vote").click().run()
    assert not at.exception
    assert "il faut au moins 2 options" in _texts(at, "error")


def test_paper_tally_and_clearing_need_the_right_inputs(app_env: Path, demo_commune_id: int) -> None:
    r = _open_round(app_env, demo_commune_id)
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    at.selectbox(key="vote_round_pick").set_value(r.id).run()
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


def test_participant_joins_gives_a_profile_votes_and_keeps_identity(
    app_env: Path, demo_commune_id: int
) -> None:
    r = _open_round(app_env, demo_commune_id)
    at = voter_app(r.join_code.lower())
    assert not at.exception
    assert not at.sidebar.children or all(not getattr(c, "children", None) for c in at.sidebar)  # no menus
    at.radio[0].set_value("ieeag")
    at.radio[1].set_value("f")
    at.button(key="FormSubmitter:voter_profile-Continuer").click().run()
    token = at.query_params["p"]
    assert token
    # the phone also keeps the identity in a cookie, for the next round's QR code
    assert f"document.cookie = 'pac_voter={token};" in "\n".join(h.proto.body for h in at.get("html"))
    seg = [s for s in at.segmented_control if s.key and s.key.startswith("vb_")]
    assert len(seg) == 4
    seg[0].set_value(2).run()
    seg = [s for s in at.segmented_control if s.key and s.key.startswith("vb_")]
    seg[2].set_value(2).run()
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert "Il vous reste 1 gommette(s)" in html
    at.button(key="voter_send").click().run()
    assert "Votre vote est enregistré" in _texts(at, "success")
    db = _db(app_env)
    try:
        state_ = ballot.voter_state(db, r.join_code, token)
        assert state_ is not None and state_.ballot == {
            (r.options[0].id, None): 2.0,
            (r.options[2].id, None): 2.0,
        }
        assert state_.participant is not None and (state_.participant.role, state_.participant.sex) == (
            "ieeag",
            "f",
        )
    finally:
        db.dispose()
    # a refresh (a new session with the same address) finds the participant and the ballot
    again = voter_app(r.join_code, p=token)
    assert not at.exception and not again.radio  # no second profile
    values = {s.key: s.value for s in again.segmented_control if s.key and s.key.startswith("vb_")}
    assert sorted(v for v in values.values()) == [0, 0, 2, 2]
    assert "déjà voté" in _texts(again, "info")
    # changing the ballot without sending it says so
    changed = [s for s in again.segmented_control if s.key and s.key.startswith("vb_")][1]
    changed.set_value(1).run()
    assert "pas encore envoyés" in _texts(again, "warning")
    # shared phone: the next participant starts with a fresh identity and a blank ballot
    again.button(key="voter_next").click().run()
    assert "p" not in again.query_params
    assert [r_.label for r_ in again.radio] == ["Votre rôle", "Vous êtes"]
    assert "document.cookie = 'pac_voter=; path=/; max-age=0" in "\n".join(
        h.proto.body for h in again.get("html")
    )


def test_wrong_code_draft_and_closed_rounds_say_so(app_env: Path, demo_commune_id: int) -> None:
    at = voter_app("ZZZZ")
    assert "Aucun vote ne porte le code « ZZZZ »" in _texts(at, "error")
    assert at.text_input[0].label == "Code du vote"
    db = _db(app_env)
    try:
        plan = get_current_plan(db, demo_commune_id)
        assert plan is not None
        closed = next(r for r in rounds.list_rounds(db, plan.id) if r.status == "closed")
        draft = rounds.create_round(
            db,
            plan.id,
            {"title": "Bientôt", "method": "points", "option_kind": "free", "free_options": "A\nB"},
        )
    finally:
        db.dispose()
    assert "Ce vote est clos" in _texts(voter_app(closed.join_code), "warning")
    assert "pas encore ouvert" in _texts(voter_app(draft.join_code), "info")


def test_points_ballot_in_arabic(app_env: Path, demo_commune_id: int) -> None:
    db = _db(app_env)
    try:
        plan = get_current_plan(db, demo_commune_id)
        assert plan is not None
        r = rounds.create_round(
            db,
            plan.id,
            {
                "title": "نقاط",
                "method": "points",
                "option_kind": "free",
                "free_options": "الماء\nالطرق\nالصحة",
            },
        )
        rounds.open_round(db, r.id)
        r = rounds.get_round(db, r.id)
    finally:
        db.dispose()
    at = voter_app(r.join_code, lang="ar")
    assert not at.exception
    assert at.session_state[state.LANG] == "ar"
    assert at.radio[0].label == "صفتكم"
    at.radio[0].set_value("elected")
    at.button(key="FormSubmitter:voter_profile-متابعة").click().run()
    inputs = [n for n in at.number_input if n.key and n.key.startswith("vb_")]
    inputs[0].set_value(70).run()
    send = at.button(key="voter_send")
    assert send.disabled  # 30 points still to share
    assert "تبقى لكم 30 نقطة من 100" in "\n".join(h.proto.body for h in at.get("html"))
    [n for n in at.number_input if n.key and n.key.startswith("vb_")][2].set_value(30).run()
    at.button(key="voter_send").click().run()
    assert "تم تسجيل تصويتكم" in _texts(at, "success")


def test_cards_only_round_turns_away_phones_without_a_card(app_env: Path, demo_commune_id: int) -> None:
    r = _open_round(app_env, demo_commune_id, cards_only=True)
    at = voter_app(r.join_code)
    assert "scannez le code QR de votre carte" in _texts(at, "info")
    assert not at.radio
    db = _db(app_env)
    try:
        card = rounds.create_cards(db, r.id, 1)[0]
    finally:
        db.dispose()
    at = voter_app(r.join_code, card=card.token)
    assert at.query_params.get("p") == card.token and "card" not in at.query_params
    assert f"Carte n° {card.number}" in _texts(at, "caption")
    assert at.radio  # the card holder gives the profile once
    bad = voter_app(r.join_code, card="forged")
    assert "Cette carte n'est pas reconnue" in _texts(bad, "error")


@pytest.mark.parametrize("method", ["dots", "points", "scoring"])
def test_every_method_renders_its_ballot(app_env: Path, demo_commune_id: int, method: str) -> None:
    db = _db(app_env)
    try:
        plan = get_current_plan(db, demo_commune_id)
        assert plan is not None
        r = rounds.create_round(
            db,
            plan.id,
            {
                "title": method,
                "method": method,
                "option_kind": "free",
                "free_options": "A\nB\nC",
                "dots_per_participant": 10,
                "max_dots_per_option": 8,
                "criteria": [("Impact", 2), ("Urgence", 1)],
            },
        )
        rounds.open_round(db, r.id)
        token = ballot.save_profile(db, r.id, None, {"role": "staff", "sex": "m"}).token
    finally:
        db.dispose()
    at = voter_app(r.join_code, p=token)
    assert not at.exception and not at.error
    widgets = [w for w in (*at.segmented_control, *at.number_input) if w.key and w.key.startswith("vb_")]
    assert len(widgets) == (6 if method == "scoring" else 3)
