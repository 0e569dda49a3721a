"""Vote arithmetic (pac.domain.vote): pure rules, no database."""

from __future__ import annotations

import random

import pytest

from pac.domain import vote as v
from pac.domain.errors import Collector, DomainError
from pac.domain.vote import PaperLine, PhoneVote, Rules

DOTS = Rules("dots", (1, 2, 3, 4), dots=5, max_per_option=2)
POINTS = Rules("points", (1, 2, 3), points_total=100)
SCORING = Rules("scoring", (1, 2, 3), criteria=((10, 2.0), (20, 1.0)))
LABELS = {1: "Eau potable", 2: "Piste", 3: "Santé", 4: "École"}


def messages(exc: pytest.ExceptionInfo[DomainError]) -> str:
    return "\n".join(exc.value.messages)


# --------------------------------------------------------------------------- join codes


def test_join_code_alphabet_has_no_ambiguous_sign() -> None:
    for ambiguous in "0OQD1ILJ2Z5SG8BUVMNPTE":
        assert ambiguous not in v.CODE_ALPHABET
    assert len(set(v.CODE_ALPHABET)) == len(v.CODE_ALPHABET) >= 12


def test_join_codes_are_short_and_drawn_from_the_alphabet() -> None:
    rng = random.Random(4)
    codes = {v.new_join_code(rng) for _ in range(500)}
    assert all(len(c) == v.CODE_LENGTH and v.is_code_shaped(c) for c in codes)
    assert len(codes) > 450  # 14^4 = 38 416 possible codes: collisions are rare
    assert v.is_code_shaped(v.new_join_code())


def test_typed_codes_are_normalised() -> None:
    assert v.normalise_code(" k7-ra ") == "K7RA"
    assert v.normalise_code(None) == ""
    assert not v.is_code_shaped("K7R")
    assert not v.is_code_shaped("K0RA")


def test_tokens_are_unique_and_url_safe() -> None:
    tokens = {v.new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(len(t) == 16 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)


# --------------------------------------------------------------------------- settings


def test_settings_of_each_method() -> None:
    c = Collector()
    out = v.check_settings(c, "dots", 6, "7", 3)
    assert not c and (out["dots_per_participant"], out["max_dots_per_option"]) == (7, 3)
    out = v.check_settings(c, "scoring", 3, criteria=[("Impact", "2"), ("", None), ("Urgence", 1)])
    assert not c and out["criteria"] == [("Impact", "", 2.0), ("Urgence", "", 1.0)]
    out = v.check_settings(c, "points", 4, points_total=100)
    assert not c and out["points_total"] == 100


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("dots", 5, 3, 4), "Gommettes au plus sur une option"),
        (("dots", 1), "Options"),
        (("dots", 61), "Options"),
        (("points", 4, 5, 2, 5), "Points à répartir"),
        (("vote à main levée", 4), "Méthode"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(args: tuple, field: str) -> None:
    c = Collector()
    v.check_settings(c, *args)
    assert any(p.field == field for p in c.problems), c.problems


def test_scoring_needs_a_criterion_and_distinct_names() -> None:
    c = Collector()
    v.check_settings(c, "scoring", 3, criteria=[])
    assert [p.field for p in c.problems] == ["Critères"]
    c = Collector()
    v.check_settings(c, "scoring", 3, criteria=[("Impact", 1), ("impact", 2)])
    assert "même nom" in c.problems[0].message


# --------------------------------------------------------------------------- ballots


def test_dot_ballot_keeps_only_placed_dots() -> None:
    assert v.clean_ballot(DOTS, {(1, None): 2, (2, None): "1", (3, None): 0}) == {
        (1, None): 2.0,
        (2, None): 1.0,
    }


def test_dot_ballot_over_the_budget_or_the_cap_is_refused() -> None:
    with pytest.raises(DomainError) as e:
        v.clean_ballot(DOTS, {(1, None): 2, (2, None): 2, (3, None): 2}, LABELS)
    assert "6 gommettes placées, 5 au plus" in messages(e)
    with pytest.raises(DomainError) as e:
        v.clean_ballot(DOTS, {(1, None): 3}, LABELS)
    assert "« Eau potable »" in messages(e) and "inférieure ou égale à 2" in messages(e)
    with pytest.raises(DomainError) as e:
        v.clean_ballot(DOTS, {(1, None): 0})
    assert "au moins une gommette" in messages(e)
    with pytest.raises(DomainError):
        v.clean_ballot(DOTS, {(1, None): -1})


def test_points_must_add_up_exactly() -> None:
    assert v.clean_ballot(POINTS, {(1, None): 60, (2, None): 40}) == {(1, None): 60.0, (2, None): 40.0}
    with pytest.raises(DomainError) as e:
        v.clean_ballot(POINTS, {(1, None): 60, (2, None): 30})
    assert "il reste 10 points" in messages(e)
    with pytest.raises(DomainError) as e:
        v.clean_ballot(POINTS, {(1, None): 60, (2, None): 50})
    assert "10 points de trop" in messages(e)


def test_scoring_ballot_accepts_skipped_ratings_but_not_out_of_range() -> None:
    got = v.clean_ballot(SCORING, {(1, 10): 5, (1, 20): None, (2, 10): "3"})
    assert got == {(1, 10): 5.0, (2, 10): 3.0}
    with pytest.raises(DomainError) as e:
        v.clean_ballot(SCORING, {(1, 10): 6}, LABELS)
    assert "« Eau potable »" in messages(e)
    with pytest.raises(DomainError) as e:
        v.clean_ballot(SCORING, {(1, 10): None})
    assert "au moins une note" in messages(e)


def test_a_ballot_naming_an_option_of_another_round_is_refused() -> None:
    with pytest.raises(DomainError) as e:
        v.clean_ballot(DOTS, {(99, None): 1})
    assert "ne fait pas partie de ce vote" in messages(e)
    with pytest.raises(DomainError):
        v.clean_ballot(SCORING, {(1, None): 3})  # a criterion is needed


def test_what_is_left_to_place() -> None:
    assert v.remaining(DOTS, {(1, None): 2, (2, None): 1}) == 2
    assert v.remaining(POINTS, {(1, None): 70}) == 30
    assert v.remaining(SCORING, {(1, 10): 3}) is None


# --------------------------------------------------------------------------- counting and ranking


def phone(ballot: int, sex: str, role: str, votes: dict[tuple[int, int | None], float]) -> list[PhoneVote]:
    return [PhoneVote(ballot, sex, role, o, c, x) for (o, c), x in votes.items()]


def test_competition_ranking_shares_ties() -> None:
    assert v.rank({1: 10, 2: 7, 3: 10, 4: 3, 5: None}) == {1: 1, 2: 3, 3: 1, 4: 4, 5: None}


def test_dots_merge_phone_and_paper_and_rank_best_first() -> None:
    votes = phone(1, "f", "elected", {(1, None): 2, (2, None): 2, (3, None): 1}) + phone(
        2, "m", "staff", {(2, None): 2, (4, None): 2, (1, None): 1}
    )
    paper = [PaperLine("f", "ieeag", 4, None, 3, 2), PaperLine("f", "ieeag", 3, None, 1, 2)]
    res = v.count(DOTS, votes, paper)
    assert [(r.option_id, r.score, r.phone, r.paper, r.rank) for r in res] == [
        (4, 5.0, 2.0, 3.0, 1),
        (2, 4.0, 4.0, 0.0, 2),
        (1, 3.0, 3.0, 0.0, 3),
        (3, 2.0, 1.0, 1.0, 4),
    ]


def test_scoring_is_the_weighted_mean_of_mean_ratings() -> None:
    votes = phone(1, "f", "", {(1, 10): 5, (1, 20): 2, (2, 10): 3}) + phone(
        2, "m", "", {(1, 10): 3, (1, 20): 4}
    )
    paper = [PaperLine("", "", 2, 20, 10.0, 2)]  # two paper ballots gave option 2 a mean of 5 on criterion 20
    res = {r.option_id: r for r in v.count(SCORING, votes, paper)}
    # option 1: impact mean 4 (weight 2), urgency mean 3 (weight 1) -> (8 + 3) / 3
    assert res[1].score == pytest.approx(11 / 3, abs=1e-4)
    # option 2: impact 3 (w 2), urgency 5 from paper (w 1) -> (6 + 5) / 3
    assert res[2].score == pytest.approx(11 / 3, abs=1e-4)
    assert res[1].rank == res[2].rank == 1
    assert (res[1].phone, res[1].paper) == (4, 0) and (res[2].phone, res[2].paper) == (1, 2)
    assert res[3].score is None and res[3].rank is None  # nobody rated it


def test_a_filter_counts_one_group_only() -> None:
    votes = phone(1, "f", "elected", {(1, None): 2}) + phone(2, "m", "elected", {(2, None): 2})
    women = v.count(DOTS, votes, [], where=lambda s, _r: s == "f")
    assert women[0].option_id == 1 and women[0].score == 2 and all(r.score == 0 for r in women[1:])


# --------------------------------------------------------------------------- paper tallies


def test_paper_tally_of_a_group_is_checked_against_the_rules() -> None:
    lines = v.clean_paper(DOTS, "f", "elected", "4", {(1, None): 8, (2, None): 6, (3, None): 0}, LABELS)
    assert lines == [PaperLine("f", "elected", 1, None, 8.0, 4), PaperLine("f", "elected", 2, None, 6.0, 4)]
    with pytest.raises(DomainError) as e:  # 4 ballots x 2 dots at most on one option
        v.clean_paper(DOTS, "f", "", 4, {(1, None): 9}, LABELS)
    assert "« Eau potable »" in messages(e)
    with pytest.raises(DomainError) as e:  # 4 ballots x 5 dots = 20 at most
        v.clean_paper(DOTS, "", "", 4, {(1, None): 8, (2, None): 8, (3, None): 8}, LABELS)
    assert "24 gommettes pour 4 bulletins" in messages(e)
    with pytest.raises(DomainError) as e:
        v.clean_paper(DOTS, "x", "maire", 0, {(1, None): 1})
    assert {p.field for p in e.value.problems} == {"Sexe", "Rôle", "Nombre de bulletins papier"}
    with pytest.raises(DomainError):
        v.clean_paper(DOTS, "", "", 3, {(1, None): 0})  # nothing entered


def test_paper_scoring_means_are_stored_as_sums() -> None:
    lines = v.clean_paper(SCORING, "", "", 3, {(1, 10): 4.5, (1, 20): None, (2, 10): "2"})
    assert [(ln.option_id, ln.criterion_id, ln.value, ln.ballots) for ln in lines] == [
        (1, 10, 13.5, 3),
        (2, 10, 6.0, 3),
    ]
    with pytest.raises(DomainError):
        v.clean_paper(SCORING, "", "", 3, {(1, 10): 0.5})


def test_points_paper_tally_cannot_exceed_the_points_of_its_ballots() -> None:
    with pytest.raises(DomainError) as e:
        v.clean_paper(POINTS, "m", "staff", 2, {(1, None): 150, (2, None): 60})
    assert "210 points pour 2 bulletins" in messages(e)


# --------------------------------------------------------------------------- turnout and splits


def test_turnout_counts_phones_and_paper_groups_once() -> None:
    paper = [
        PaperLine("f", "ieeag", 1, None, 3, 4),
        PaperLine("f", "ieeag", 2, None, 5, 4),
        PaperLine("m", "", 1, None, 2, 2),
    ]
    t = v.turnout([("f", "elected"), ("m", "elected"), ("m", "staff"), ("", "staff")], paper)
    assert (t.phone, t.paper, t.total) == (4, 6, 10)
    assert t.by_sex == {"f": (1, 4), "m": (2, 2), "": (1, 0)}
    assert t.by_role == {"elected": (2, 0), "staff": (2, 0), "ieeag": (0, 4), "": (0, 2)}
    assert t.women_share == pytest.approx(5 / 9)
    assert not t.parity_alert
    few_women = v.turnout([("f", "elected")] + [("m", "elected")] * 4, [])
    assert few_women.women_share == pytest.approx(0.2) and few_women.parity_alert
    assert v.turnout([("", "")], []).women_share is None


def test_splits_show_where_women_and_men_disagree_and_hide_small_groups() -> None:
    votes: list[PhoneVote] = []
    for b in range(4):  # four women put water first
        votes += phone(b, "f", "elected", {(1, None): 2, (3, None): 1})
    for b in range(4, 9):  # five men put the track first
        votes += phone(b, "m", "elected" if b < 8 else "staff", {(2, None): 2, (1, None): 1})
    t = v.turnout([(x.sex, x.role) for x in votes if x.option_id in (1, 2) and x.value == 2], [])
    groups = {(g.dimension, g.group): g for g in v.splits(DOTS, votes, [], t)}
    overall = v.count(DOTS, votes, [])
    assert overall[0].option_id == 1  # room: water 4*2 + 5 = 13, track 10
    women, men = groups[("sex", "f")], groups[("sex", "m")]
    # women agree on the first place, not below it; men put another option first
    assert women.shown and women.diff is not None and women.diff.same_top and women.diff.differs
    assert (2, 2, 3) in women.diff.moved  # the track: second in the room, third (no dot) for women
    assert men.shown and men.diff is not None and men.diff.differs and not men.diff.same_top
    assert groups[("role", "elected")].shown
    staff = groups[("role", "staff")]  # one ballot: not shown, it would reveal a vote
    assert (staff.ballots, staff.shown, staff.results) == (1, False, ())


def test_final_ranking_is_what_closing_writes() -> None:
    res = v.count(DOTS, phone(1, "", "", {(2, None): 2, (1, None): 1}), [])
    assert v.final_ranking(res) == {2: (1, 2.0), 1: (2, 1.0), 3: (3, 0.0), 4: (3, 0.0)}


def test_groups_voting_like_the_room_do_not_differ() -> None:
    votes: list[PhoneVote] = []
    for b in range(6):
        votes += phone(b, "f" if b % 2 else "m", "elected", {(1, None): 2, (2, None): 1})
    t = v.turnout([("f" if b % 2 else "m", "elected") for b in range(6)], [])
    for g in v.splits(DOTS, votes, [], t):
        assert g.shown and g.diff is not None and not g.diff.differs and g.diff.moved == ()


def test_counts_agree_with_their_noun_in_arabic_and_french() -> None:
    from pac.i18n import tn

    said = [tn("voter.left_dots", n, "ar") for n in (1, 2, 3, 5, 11, 100)]
    assert said == [
        "تبقى لكم نقطة واحدة",
        "تبقى لكم نقطتان",
        "تبقى لكم 3 نقاط",
        "تبقى لكم 5 نقاط",
        "تبقى لكم 11 نقطة",
        "تبقى لكم 100 نقطة",
    ]
    assert [tn("voter.left_dots", n, "fr") for n in (1, 2)] == [
        "Il vous reste 1 gommette",
        "Il vous reste 2 gommettes",
    ]
    assert tn("vote.status_line", 2, "ar", status="s", method="m").endswith("خياران")


def test_every_vote_and_voter_key_has_its_arabic() -> None:
    from pac.i18n import vote as vote_texts
    from pac.i18n import voter as voter_texts

    for module in (vote_texts, voter_texts):
        missing = [k for k in module.FR if k not in module.AR]
        assert missing == [], module.__name__
        # a French plural key has all of Arabic's forms that a count can take
        stems = {k.rsplit(".", 1)[0] for k in module.FR if k.endswith(".other")}
        for stem in stems:
            assert all(f"{stem}.{c}" in module.AR for c in ("one", "two", "few", "many", "other")), stem


def test_every_refusal_of_the_shared_validators_reads_in_arabic() -> None:
    """The vote translates pac.domain.validate's French messages by pattern: a reworded validator fails here
    (its Arabic would silently fall back to French on the phone)."""
    import re

    from pac.domain import validate as val

    c = Collector()
    val.text(c, "f", "", required=True)
    val.text(c, "f", ["x"])
    val.text(c, "f", "x" * 12, max_len=10)
    val.text(c, "f", "<script>")
    val.number(c, "f", None, required=True)
    val.number(c, "f", "abc")
    val.number(c, "f", 1e14)
    val.number(c, "f", -1)
    val.number(c, "f", 9, maximum=5)
    val.integer(c, "f", "1.5")
    val.choice(c, "f", "zz", ("a", "b"))
    assert len(c.problems) == 11
    for p in c.problems:
        said = v.in_lang(p, "ar").message
        assert not re.search(r"[A-Za-zÀ-ÿ]{4,}", said.replace("HTML", "")), (p.message, said)
