"""Voting services on a real SQLite file: rounds, ballots, paper, closing, cards, the LAN address."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pac.db import Database
from pac.domain.errors import DomainError, NotFound
from pac.models import Ballot, Participant, Project, Vote
from pac.services.vote import ballot, network, rounds
from pac.services.vote.views import CardRequired, PhoneFull, RoundNotOpen, RoundView
from tests.test_vote_data import Seed, seed_workshop


@pytest.fixture
def seed(db: Database) -> Seed:
    return seed_workshop(db, n_projects=6)


def dots_round(db: Database, seed: Seed, **extra: object) -> RoundView:
    values = {
        "title": "Priorités",
        "method": "dots",
        "option_kind": "project",
        "option_refs": seed.project_ids,
        "dots_per_participant": 5,
        "max_dots_per_option": 2,
        **extra,
    }
    return rounds.create_round(db, seed.plan_id, values)


def person(db: Database, r: RoundView, sex: str = "f", role: str = "elected") -> str:
    return ballot.save_profile(db, r.id, None, {"role": role, "sex": sex}).token


def reopened(db: Database) -> Database:
    return Database(db.url)


# --------------------------------------------------------------------------- preparing rounds


def test_a_round_on_projects_lists_them_and_gets_a_fresh_code(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    again = dots_round(db, seed)
    assert r.status == "draft" and r.join_code != again.join_code
    assert [o.project_id for o in r.options] == seed.project_ids
    assert r.options[0].label == "P01 — Adduction d'eau potable des douars de l'amont"
    db2 = reopened(db)
    try:
        assert [x.id for x in rounds.list_rounds(db2, seed.plan_id)] == [again.id, r.id]
        assert rounds.get_round(db2, r.id).rules.option_ids == tuple(o.id for o in r.options)
    finally:
        db2.dispose()


def test_free_objective_and_scoring_rounds(db: Database, seed: Seed) -> None:
    free = rounds.create_round(
        db,
        seed.plan_id,
        {
            "title": "Douars",
            "method": "points",
            "option_kind": "free",
            "free_options": "Tagmoute\n\nIgherm\ntagmoute\nAït Baha",
        },
    )
    assert [o.label for o in free.options] == [
        "Tagmoute",
        "Igherm",
        "Aït Baha",
    ]  # blank and repeated lines dropped
    obj = rounds.create_round(
        db,
        seed.plan_id,
        {
            "title": "Objectifs",
            "method": "scoring",
            "option_kind": "objective",
            "option_refs": seed.objective_ids,
            "criteria": [("Impact", 2), ("Urgence", 1)],
        },
    )
    assert [o.objective_id for o in obj.options] == seed.objective_ids
    assert [(c.label, c.weight) for c in obj.criteria] == [("Impact", 2.0), ("Urgence", 1.0)]


def test_bad_round_is_refused_with_every_problem_and_nothing_written(db: Database, seed: Seed) -> None:
    other = seed_workshop(db, n_projects=2, slug="autre")
    with pytest.raises(DomainError) as e:
        rounds.create_round(
            db,
            seed.plan_id,
            {
                "title": "<script>x</script>",
                "method": "dots",
                "option_kind": "project",
                "option_refs": [seed.project_ids[0], other.project_ids[0]],
                "dots_per_participant": 2,
                "max_dots_per_option": 3,
            },
        )
    fields = {p.field for p in e.value.problems}
    assert {"Intitulé du tour", "Options", "Gommettes au plus sur une option"} <= fields
    assert rounds.list_rounds(db, seed.plan_id) == []


def test_options_cannot_change_once_voting_started(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    changed = rounds.update_round(
        db,
        r.id,
        {
            "title": "Trois projets",
            "method": "points",
            "option_kind": "project",
            "option_refs": seed.project_ids[:3],
        },
    )
    assert changed.method == "points" and len(changed.options) == 3
    rounds.open_round(db, r.id)
    with pytest.raises(DomainError) as e:
        rounds.update_round(
            db,
            r.id,
            {"title": "x", "method": "dots", "option_kind": "project", "option_refs": seed.project_ids},
        )
    assert "le vote a déjà commencé" in str(e.value)


@pytest.mark.parametrize("bad", [0, -2, "2,5", "deux", "", 1001])
def test_participants_per_phone_must_be_a_whole_number_of_at_least_one(
    db: Database, seed: Seed, bad: object
) -> None:
    with pytest.raises(DomainError) as e:
        dots_round(db, seed, max_per_phone=bad)
    assert {p.field for p in e.value.problems} == {"Participants au plus par téléphone"}
    assert rounds.list_rounds(db, seed.plan_id) == []


def test_participants_per_phone_is_kept_and_bounds_a_shared_phone(db: Database, seed: Seed) -> None:
    assert dots_round(db, seed).max_per_phone == 3  # said nothing: the model's default
    r = dots_round(db, seed, max_per_phone="2")
    assert rounds.get_round(reopened(db), r.id).max_per_phone == 2
    rounds.update_round(
        db,
        r.id,
        {
            "title": "x",
            "method": "dots",
            "option_kind": "project",
            "option_refs": seed.project_ids,
            "max_per_phone": 1,
        },
    )
    assert rounds.get_round(reopened(db), r.id).max_per_phone == 1
    r = rounds.open_round(db, r.id)
    shared = "telephone-partage-1"
    ballot.submit_ballot(db, r.id, person(db, r), {(r.options[0].id, None): 1}, phone=shared)
    with pytest.raises(PhoneFull):
        ballot.submit_ballot(db, r.id, person(db, r), {(r.options[0].id, None): 1}, phone=shared)
    with reopened(db).read() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 1


def test_a_round_reopened_with_new_options_is_checked_against_them(db: Database, seed: Seed) -> None:
    """The rules of an open round are read once per opening: after a clear, an edit (here through another
    Database, as another process would) and a new opening, ballots meet the new options, not the old."""
    r = dots_round(db, seed, option_refs=seed.project_ids[:3])
    rounds.open_round(db, r.id)
    old = {(r.options[0].id, None): 1}
    ballot.submit_ballot(db, r.id, person(db, r), old)
    rounds.close_round(db, r.id)
    other = reopened(db)
    rounds.clear_round(other, r.id, r.join_code)
    edited = rounds.update_round(
        other,
        r.id,
        {
            "title": "Autres",
            "method": "points",
            "option_kind": "project",
            "option_refs": seed.project_ids[3:6],
        },
    )
    rounds.open_round(other, r.id)
    with pytest.raises(DomainError):
        ballot.submit_ballot(db, r.id, person(db, r), old)
    got = ballot.submit_ballot(db, r.id, person(db, r), {(edited.options[0].id, None): 100})
    with other.read() as s:
        votes = s.execute(select(Vote.option_id, Vote.value).where(Vote.ballot_id == got.ballot_id)).all()
    assert [tuple(v) for v in votes] == [(edited.options[0].id, 100)]


# --------------------------------------------------------------------------- ballots


def test_one_ballot_per_participant_updated_in_place(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    rounds.open_round(db, r.id)
    token = person(db, r)
    o = [x.id for x in r.options]
    first = ballot.submit_ballot(db, r.id, token, {(o[0], None): 2, (o[1], None): 2})
    second = ballot.submit_ballot(db, r.id, token, {(o[2], None): 1}, language="ar")
    assert not first.updated and second.updated and first.ballot_id == second.ballot_id
    db2 = reopened(db)
    try:
        with db2.read() as s:
            assert s.scalar(select(func.count()).select_from(Ballot)) == 1
            assert [(v.option_id, v.value) for v in s.scalars(select(Vote))] == [(o[2], 1.0)]
            assert s.scalar(select(Participant.language).where(Participant.token == token)) == "ar"
        state = ballot.voter_state(db2, r.join_code.lower(), token)
        assert state is not None and state.ballot == {(o[2], None): 1.0}
        assert rounds.counter(db2, r.id).total == 1
    finally:
        db2.dispose()


def test_ballots_only_while_open_and_from_known_participants(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    token = person(db, r)
    vote = {(r.options[0].id, None): 1}
    with pytest.raises(RoundNotOpen):
        ballot.submit_ballot(db, r.id, token, vote)
    rounds.open_round(db, r.id)
    with pytest.raises(NotFound):
        ballot.submit_ballot(db, r.id, "not-a-token", vote)
    with pytest.raises(DomainError):
        ballot.submit_ballot(db, r.id, token, {(r.options[0].id, None): 3})  # 2 at most on one option
    ballot.submit_ballot(db, r.id, token, vote)
    rounds.close_round(db, r.id)
    with pytest.raises(RoundNotOpen):
        ballot.submit_ballot(db, r.id, token, vote)
    assert rounds.counter(db, r.id).phone == 1


def test_voter_state_by_code_token_and_card(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    assert ballot.round_status(db, r.join_code.lower()) == "draft"
    assert ballot.round_status(db, "ZZZZ") is None and ballot.round_status(db, " ") is None
    assert ballot.voter_state(db, "ZZZZ") is None
    assert ballot.voter_state(db, "") is None
    fresh = ballot.voter_state(db, f" {r.join_code.lower()} ")
    assert (
        fresh is not None
        and fresh.participant is None
        and tuple(name for name, _ in fresh.douars) == tuple(seed.douars)
    )
    card = rounds.create_cards(db, r.id, 1)[0]
    by_card = ballot.voter_state(db, r.join_code, card=card.token)
    assert by_card is not None and by_card.participant is not None
    assert by_card.participant.card_number == 1 and not by_card.participant.profiled
    lost = ballot.voter_state(db, r.join_code, card="forged-card")
    assert lost is not None and lost.card_unknown and lost.participant is None
    # a participant of another commune is a stranger here
    other = seed_workshop(db, n_projects=2, slug="autre")
    r2 = rounds.create_round(
        db,
        other.plan_id,
        {"title": "x", "method": "dots", "option_kind": "project", "option_refs": other.project_ids},
    )
    stranger = person(db, r2)
    st = ballot.voter_state(db, r.join_code, stranger)
    assert st is not None and st.participant is None


def test_profile_is_validated_and_kept(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    with pytest.raises(DomainError) as e:
        ballot.save_profile(db, r.id, None, {"role": "", "sex": "x", "douar": "Nulle part"})
    assert {p.field for p in e.value.problems} == {"Rôle", "Sexe", "Douar"}
    p = ballot.save_profile(
        db,
        r.id,
        None,
        {"role": "ieeag", "sex": "", "age_band": "25-34", "douar": seed.douars[1], "language": "ar"},
    )
    assert p.profiled and (p.role, p.sex, p.age_band, p.douar, p.language) == (
        "ieeag",
        "",
        "25-34",
        seed.douars[1],
        "ar",
    )
    again = ballot.save_profile(db, r.id, p.token, {"role": "staff", "sex": "m"})
    assert again.id == p.id and again.role == "staff"


def test_cards_only_round_refuses_anonymous_phones(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed, cards_only=True)
    rounds.open_round(db, r.id)
    with pytest.raises(CardRequired):
        ballot.save_profile(db, r.id, None, {"role": "elected", "sex": "f"})
    cards = rounds.create_cards(db, r.id, 3)
    assert [c.number for c in cards] == [1, 2, 3]
    assert [c.number for c in rounds.create_cards(db, r.id, 2)] == [4, 5]  # numbering goes on
    p = ballot.save_profile(db, r.id, cards[0].token, {"role": "elected", "sex": "f"})
    assert p.card_number == 1
    ballot.submit_ballot(db, r.id, cards[0].token, {(r.options[0].id, None): 1})
    # a phone identity made before the round became cards-only may not vote in it
    rounds.set_display(db, r.id, hide_results=False, cards_only=False)
    free_token = person(db, r)
    rounds.set_display(db, r.id, hide_results=True, cards_only=True)
    with pytest.raises(CardRequired):
        ballot.submit_ballot(db, r.id, free_token, {(r.options[0].id, None): 1})
    with pytest.raises(DomainError):
        rounds.create_cards(db, r.id, 0)


# --------------------------------------------------------------------------- paper, results, closing


def test_paper_groups_merge_with_phones_and_replace_on_reentry(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    rounds.open_round(db, r.id)
    o = [x.id for x in r.options]
    for sex in ("f", "f", "m"):
        ballot.submit_ballot(db, r.id, person(db, r, sex), {(o[0], None): 2, (o[1], None): 1})
    rounds.save_paper_tally(db, r.id, "f", "ieeag", 3, {(o[1], None): 6})
    rounds.save_paper_tally(db, r.id, "f", "ieeag", 4, {(o[1], None): 8, (o[2], None): 2})  # corrected count
    rounds.save_paper_tally(db, r.id, "", "", 1, {(o[3], None): 2})
    groups = rounds.paper_groups(db, r.id)
    assert [(g.sex, g.role, g.ballots, g.values) for g in groups] == [
        ("", "", 1, {(o[3], None): 2.0}),
        ("f", "ieeag", 4, {(o[1], None): 8.0, (o[2], None): 2.0}),
    ]
    c = rounds.counter(db, r.id)
    assert (c.phone, c.paper, c.total) == (3, 5, 8)
    res = rounds.results(db, r.id)
    top = res.overall[0]
    assert (top.option_id, top.score, top.phone, top.paper) == (o[1], 11.0, 3.0, 8.0)
    assert res.turnout.by_sex == {"f": (2, 4), "m": (1, 0), "": (0, 1)}
    assert rounds.delete_paper_group(db, r.id, "", "") == 1
    assert rounds.counter(db, r.id).paper == 4
    rounds.close_round(db, r.id)
    with pytest.raises(DomainError):
        rounds.save_paper_tally(db, r.id, "m", "", 1, {(o[0], None): 1})


def test_closing_writes_the_ranking_to_projects(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    rounds.open_round(db, r.id)
    o = [x.id for x in r.options]
    for _ in range(3):
        ballot.submit_ballot(db, r.id, person(db, r), {(o[2], None): 2, (o[0], None): 1})
    ballot.submit_ballot(db, r.id, person(db, r, "m"), {(o[0], None): 2})
    draft = rounds.create_round(
        db,
        seed.plan_id,
        {"title": "x", "method": "dots", "option_kind": "project", "option_refs": seed.project_ids},
    )
    with pytest.raises(DomainError):
        rounds.close_round(db, draft.id)  # a round in preparation cannot be closed
    res = rounds.close_round(db, r.id)
    assert res.round.status == "closed" and res.has_ballots
    db2 = reopened(db)
    try:
        with db2.read() as s:
            ranks = {p.id: (p.vote_rank, p.vote_score) for p in s.scalars(select(Project))}
        assert ranks[seed.project_ids[2]] == (1, 6.0)
        assert ranks[seed.project_ids[0]] == (2, 5.0)
        assert ranks[seed.project_ids[5]] == (3, 0.0)
        closed = rounds.get_round(db2, r.id)
        assert [(x.final_rank, x.final_score) for x in closed.options][:3] == [(2, 5.0), (3, 0.0), (1, 6.0)]
    finally:
        db2.dispose()
    # reopen, vote again, close: the ranking is rewritten
    rounds.open_round(db, r.id)
    for _ in range(4):
        ballot.submit_ballot(db, r.id, person(db, r), {(o[1], None): 2})
    rounds.close_round(db, r.id)
    with db.read() as s:
        assert (
            s.get(Project, seed.project_ids[1]).vote_rank,
            s.get(Project, seed.project_ids[1]).vote_score,
        ) == (1, 8.0)
        assert s.get(Project, seed.project_ids[2]).vote_rank == 2


def test_objectives_keep_their_rank_on_the_round(db: Database, seed: Seed) -> None:
    r = rounds.create_round(
        db,
        seed.plan_id,
        {
            "title": "Objectifs",
            "method": "scoring",
            "option_kind": "objective",
            "option_refs": seed.objective_ids,
            "criteria": [("Impact", 1)],
        },
    )
    rounds.open_round(db, r.id)
    crit = r.criteria[0].id
    o = [x.id for x in r.options]
    ballot.submit_ballot(db, r.id, person(db, r), {(o[0], crit): 2, (o[1], crit): 5})
    ballot.submit_ballot(db, r.id, person(db, r), {(o[0], crit): 4, (o[1], crit): 4})
    assert rounds.objective_priorities(db, seed.plan_id) == {}
    rounds.close_round(db, r.id)
    prio = rounds.objective_priorities(db, seed.plan_id)
    assert prio == {
        seed.objective_ids[1]: (1, 4.5),
        seed.objective_ids[0]: (2, 3.0),
        seed.objective_ids[2]: (None, None),
    }


def test_closing_an_empty_round_writes_no_ranking(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    rounds.open_round(db, r.id)
    res = rounds.close_round(db, r.id)
    assert not res.has_ballots
    with db.read() as s:
        assert all(p.vote_rank is None for p in s.scalars(select(Project)))


def test_clear_and_delete_need_the_code_typed(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    rounds.open_round(db, r.id)
    o = r.options[0].id
    ballot.submit_ballot(db, r.id, person(db, r), {(o, None): 2})
    rounds.save_paper_tally(db, r.id, "m", "", 2, {(o, None): 3})
    rounds.close_round(db, r.id)
    with pytest.raises(DomainError) as e:
        rounds.clear_round(db, r.id, "oui")
    assert e.value.problems[0].field == "Confirmation" and r.join_code in str(e.value)
    assert rounds.counter(db, r.id).total == 3
    cleared = rounds.clear_round(db, r.id, r.join_code.lower())
    assert cleared.status == "draft" and all(x.final_rank is None for x in cleared.options)
    assert rounds.counter(db, r.id).total == 0
    with db.read() as s:
        assert s.get(Project, seed.project_ids[0]).vote_rank is None
        assert s.scalar(select(func.count()).select_from(Vote)) == 0
    with pytest.raises(DomainError):
        rounds.delete_round(db, r.id, "")
    assert rounds.delete_round(db, r.id, r.join_code) == r.join_code
    assert rounds.list_rounds(db, seed.plan_id) == []
    with pytest.raises(NotFound):
        rounds.get_round(db, r.id)


def test_hidden_results_flag_reaches_the_counter(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed, hide_results=True)
    assert rounds.counter(db, r.id).hide_results
    rounds.set_display(db, r.id, hide_results=False, cards_only=False)
    assert not rounds.counter(db, r.id).hide_results
    with pytest.raises(NotFound):
        rounds.counter(db, 99_999)


def test_demo_round_counts_as_the_demo_wrote_it(demo_db: Database, demo_commune_id: int) -> None:
    """The demo's closed round, recounted by the voting rules, gives the ranks the demo stored."""
    from pac.services.communes import get_current_plan

    plan = get_current_plan(demo_db, demo_commune_id)
    assert plan is not None
    closed = [x for x in rounds.list_rounds(demo_db, plan.id) if x.status == "closed"]
    assert closed
    res = rounds.results(demo_db, closed[0].id)
    stored = {o.id: (o.final_rank, o.final_score) for o in res.round.options}
    assert {x.option_id: (x.rank, x.score) for x in res.overall} == stored


# --------------------------------------------------------------------------- the address shown in QR codes


def test_public_address_from_env_setting_or_lan(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(network.PUBLIC_URL_ENV, raising=False)
    detected = network.public_base_url(db, 8765)
    assert detected.startswith("http://") and detected.endswith(":8765")
    assert all(a.count(".") == 3 for a in network.lan_addresses())
    assert network.set_public_base_url(db, " http://192.168.137.1:8501/ ") == "http://192.168.137.1:8501"
    assert network.public_base_url(db, 8765) == "http://192.168.137.1:8501"
    monkeypatch.setenv(network.PUBLIC_URL_ENV, "http://atelier.local:9000/")
    assert network.public_base_url(db, 8765) == "http://atelier.local:9000"
    monkeypatch.delenv(network.PUBLIC_URL_ENV)
    with pytest.raises(DomainError) as e:
        network.set_public_base_url(db, "192.168.1.2:8501")
    assert e.value.problems[0].field == "Adresse publique"
    network.set_public_base_url(db, "")
    assert network.public_base_url(db, 8765) == detected
    assert network.voter_url("http://h:1/", "K7RA") == "http://h:1/voter?code=K7RA"
    assert network.voter_url("http://h:1", "K7RA", card="abc") == "http://h:1/voter?code=K7RA&card=abc"


# --------------------------------------------------------------------------- both languages


def test_round_title_and_free_options_keep_both_versions(db: Database, seed: Seed) -> None:
    r = rounds.create_round(
        db,
        seed.plan_id,
        {
            "title": "",
            "title_ar": "أي دوار أولا؟",  # Arabic only: accepted, neither version is required
            "method": "dots",
            "option_kind": "free",
            "free_options": [("Eau", "الماء"), ("Pistes", ""), ("", "الصحة")],
        },
    )
    got = rounds.get_round(reopened(db), r.id)
    assert (got.title, got.title_ar) == ("", "أي دوار أولا؟")
    assert [(o.label, o.label_ar) for o in got.options] == [("Eau", "الماء"), ("Pistes", ""), ("", "الصحة")]
    # each reader sees their version, else the other one marked; never a blank
    assert got.labels_in("fr") == {
        got.options[0].id: "Eau",
        got.options[1].id: "Pistes",
        got.options[2].id: "\u2068الصحة\u2069 (en arabe)",
    }
    assert got.labels_in("ar")[got.options[1].id] == "\u2068Pistes\u2069 (بالفرنسية)"
    assert (
        got.title_in("fr") == "\u2068أي دوار أولا؟\u2069 (en arabe)" and got.title_in("ar") == "أي دوار أولا؟"
    )
    summary = rounds.list_rounds(db, seed.plan_id)[0]
    assert (summary.title, summary.title_ar) == ("", "أي دوار أولا؟")


def test_a_round_needs_a_title_in_one_language_refused_in_the_readers(db: Database, seed: Seed) -> None:
    values = {"title": " ", "title_ar": "", "method": "dots", "option_kind": "free", "free_options": "A\nB"}
    with pytest.raises(DomainError) as fr:
        rounds.create_round(db, seed.plan_id, values)
    assert fr.value.messages == ["Champ « Intitulé du tour » : donnez un intitulé, en français ou en arabe."]
    with pytest.raises(DomainError) as ar:
        rounds.create_round(db, seed.plan_id, {**values, "free_options": "A"}, lang="ar")
    said = "\n".join(ar.value.messages)
    assert "عنوان الجولة" in said and "الخيارات" in said and "Champ" not in said and "obligatoire" not in said
    assert rounds.list_rounds(db, seed.plan_id) == []


def test_options_from_projects_carry_both_titles(db: Database, seed: Seed) -> None:
    with db.write() as s:
        first, second = (s.get(Project, i) for i in seed.project_ids[:2])
        assert first is not None and second is not None
        first.title_ar = "تزويد الدواوير بالماء الصالح للشرب"
        second.title, second.title_ar = "", "مسلك قروي"
        fr_title, code1, code2 = first.title, first.code, second.code
    r = dots_round(db, seed)
    by_ref = {o.project_id: o for o in r.options}
    o1, o2 = by_ref[seed.project_ids[0]], by_ref[seed.project_ids[1]]
    assert (o1.label, o1.label_ar) == (
        f"{code1} — {fr_title}",
        f"{code1} — تزويد الدواوير بالماء الصالح للشرب",
    )
    assert (o2.label, o2.label_ar) == ("", f"{code2} — مسلك قروي")
    third = by_ref[seed.project_ids[2]]
    assert third.label and third.label_ar == ""  # French only: the Arabic reader gets it marked
    assert r.labels_in("ar")[third.id].endswith("(بالفرنسية)")


def test_scoring_criteria_in_both_languages(db: Database, seed: Seed) -> None:
    r = dots_round(
        db, seed, method="scoring", criteria=[("Impact", "الأثر", 2), ("", "الاستعجال", 1), ("Coût", "", 1)]
    )
    assert [(c.label, c.label_ar, c.weight) for c in r.criteria] == [
        ("Impact", "الأثر", 2.0),
        ("", "الاستعجال", 1.0),
        ("Coût", "", 1.0),
    ]


def test_a_ballot_is_refused_in_the_phones_language(db: Database, seed: Seed) -> None:
    r = dots_round(db, seed)
    rounds.open_round(db, r.id)
    token = person(db, r)
    too_many = {(o.id, None): 2 for o in r.options[:3]}  # 6 dots, 5 allowed
    with pytest.raises(DomainError) as ar:
        ballot.submit_ballot(db, r.id, token, too_many, language="ar")
    assert ar.value.messages == ["\u2068النقاط\u2069: عدد النقاط الموضوعة 6 والحد الأقصى 5: أزيلوا منها 1."]
    with pytest.raises(DomainError) as fr:
        ballot.submit_ballot(db, r.id, token, too_many, language="fr")
    assert "6 gommettes placées, 5 au plus" in fr.value.messages[0]
    with pytest.raises(DomainError) as bad:
        ballot.submit_ballot(db, r.id, token, {(r.options[0].id, None): "x"}, language="ar")
    assert "ليس عددا" in bad.value.messages[0] and "n'est pas" not in bad.value.messages[0]
