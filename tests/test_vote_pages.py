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


# --------------------------------------------------------------------------- both languages


def _bilingual_round(app_env: Path, commune_id: int, open_it: bool = True) -> RoundView:
    db = _db(app_env)
    try:
        plan = get_current_plan(db, commune_id)
        assert plan is not None
        r = rounds.create_round(
            db,
            plan.id,
            {
                "title": "",
                "title_ar": "أولويات الدواوير",  # Arabic only
                "method": "dots",
                "option_kind": "free",
                "free_options": [("Eau", "الماء"), ("Pistes", ""), ("", "الصحة")],
            },
        )
        if open_it:
            rounds.open_round(db, r.id)
        return rounds.get_round(db, r.id)
    finally:
        db.dispose()


def _arabic(at: AppTest) -> AppTest:
    at.session_state[state.LANG] = "ar"
    return at.run()


def test_each_reader_sees_their_version_and_the_other_marked(app_env: Path, demo_commune_id: int) -> None:
    r = _bilingual_round(app_env, demo_commune_id)
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    round_picker(at).set_value(r.id).run()
    # French reader: the Arabic-only title, isolated, with « (en arabe) »; never a blank
    assert "\u2068أولويات الدواوير\u2069 \\(en arabe\\)" in _texts(at, "markdown")
    assert any("أولويات الدواوير" in o and "(en arabe)" in o for o in round_picker(at).options)
    open_tab(at, "Bulletins papier")
    labels = {n.key: n.label for n in at.number_input if n.key and n.key.startswith(f"paper_{r.id}_")}
    ids = [o.id for o in r.options]
    assert labels[f"paper_{r.id}_{ids[0]}"] == "Eau"
    assert labels[f"paper_{r.id}_{ids[2]}"] == "\u2068الصحة\u2069 \\(en arabe\\)"
    # Arabic reader: Arabic versions, the French-only option marked « (بالفرنسية) »
    at = _arabic(at)
    assert not at.exception
    picker = next(s for s in at.selectbox if s.label == "جولة التصويت")
    assert any(o.startswith("أولويات الدواوير ·") for o in picker.options)
    at.session_state["vote_tab"] = "الأوراق الورقية"
    at.run()
    labels = {n.key: n.label for n in at.number_input if n.key and n.key.startswith(f"paper_{r.id}_")}
    assert labels[f"paper_{r.id}_{ids[0]}"] == "الماء"
    assert labels[f"paper_{r.id}_{ids[1]}"] == "\u2068Pistes\u2069 \\(بالفرنسية\\)"
    assert labels[f"paper_{r.id}_{ids[2]}"] == "الصحة"


def test_a_draft_shows_which_version_is_missing(app_env: Path, demo_commune_id: int) -> None:
    r = _bilingual_round(app_env, demo_commune_id, open_it=False)
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    round_picker(at).set_value(r.id).run()
    open_tab(at, "Réglages")
    assert not at.exception
    titles = {x.key: x.value for x in at.text_input if x.key and "_title_" in x.key}
    assert titles == {f"vote_edit_{r.id}_title_fr": "", f"vote_edit_{r.id}_title_ar": "أولويات الدواوير"}
    assert "version française manquante" in _texts(at, "caption")
    free = {x.key: x.value for x in at.text_area}
    assert free[f"vote_edit_{r.id}_free_fr"] == "Eau\nPistes\n"
    assert free[f"vote_edit_{r.id}_free_ar"] == "الماء\n\nالصحة"


def test_a_round_made_in_arabic_keeps_both_versions_and_refuses_in_arabic(
    app_env: Path, demo_commune_id: int
) -> None:
    at = _arabic(logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id))
    picker = next(s for s in at.selectbox if s.label == "جولة التصويت")
    picker.set_value(0).run()
    at.radio(key="vote_new_kind").set_value("free").run()
    # in the Arabic interface the Arabic version comes first
    assert [x.key for x in at.text_input][:2] == ["vote_new_title_ar", "vote_new_title_fr"]
    assert [x.key for x in at.text_area] == ["vote_new_free_ar", "vote_new_free_fr"]
    at.text_input(key="vote_new_title_ar").set_value("أي دوار أولا؟")
    at.text_input(key="vote_new_title_fr").set_value("")
    at.text_area(key="vote_new_free_ar").set_value("الماء")  # one option only: refused
    submit = "FormSubmitter:vote_new-إنشاء جولة التصويت"
    at.button(key=submit).click().run()
    assert not at.exception
    said = _texts(at, "error")
    assert "الخيارات" in said and "Options" not in said and "il faut" not in said
    assert at.text_area(key="vote_new_free_ar").value == "الماء"  # what was typed is kept
    at.text_area(key="vote_new_free_ar").set_value("الماء\nالصحة")
    at.text_area(key="vote_new_free_fr").set_value("Eau")
    at.button(key=submit).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    db = _db(app_env)
    try:
        plan = get_current_plan(db, demo_commune_id)
        assert plan is not None
        made = next(x for x in rounds.list_rounds(db, plan.id) if x.title_ar == "أي دوار أولا؟")
        got = rounds.get_round(db, made.id)
        assert got.title == "" and [(o.label, o.label_ar) for o in got.options] == [
            ("Eau", "الماء"),
            ("", "الصحة"),
        ]
    finally:
        db.dispose()


def test_a_scoring_round_gets_the_default_criteria_in_both_languages(
    app_env: Path, demo_commune_id: int
) -> None:
    at = logged_in_app(f"sqlite:///{app_env}", "pages/vote.py", commune_id=demo_commune_id)
    round_picker(at).set_value(0).run()
    at.radio(key="vote_new_kind").set_value("free").run()
    at.radio(key="vote_new_method").set_value("scoring").run()
    at.text_input(key="vote_new_title_fr").set_value("Notation des variantes")
    at.text_area(key="vote_new_free_fr").set_value("Variante A\nVariante B")
    at.button(key="FormSubmitter:vote_new-Créer le tour de vote").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    db = _db(app_env)
    try:
        plan = get_current_plan(db, demo_commune_id)
        assert plan is not None
        made = next(x for x in rounds.list_rounds(db, plan.id) if x.title == "Notation des variantes")
        got = rounds.get_round(db, made.id)
        assert [(c.label, c.label_ar) for c in got.criteria][:2] == [
            ("Impact", "الأثر"),
            ("Urgence", "الاستعجال"),
        ]
        assert (
            got.title_ar == "أولوية المشاريع" or got.title_ar
        )  # the default Arabic title stays unless cleared
    finally:
        db.dispose()
