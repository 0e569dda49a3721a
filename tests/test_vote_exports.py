"""Participant cards (PDF), QR codes and vote charts: open what was produced and check its content."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from pac.db import Database
from pac.exports.cards_pdf import Card, cards_pdf
from pac.exports.charts_vote import Bar, ranking_figure, split_figure, turnout_figure
from pac.exports.qr import qr_matrix, qr_png, qr_svg
from pac.models import Participant
from pac.services.vote import network, rounds
from tests.test_vote_data import seed_workshop

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "cards.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _images(pdf: bytes, tmp_path: Path) -> list[Image.Image]:
    path = tmp_path / "imgs.pdf"
    path.write_bytes(pdf)
    out = tmp_path / "img"
    subprocess.run(["pdfimages", "-png", str(path), str(out)], check=True)
    return [Image.open(p).convert("L") for p in sorted(tmp_path.glob("img-*.png"))]


def _modules(img: Image.Image, size: int) -> list[list[bool]]:
    """Read a QR image back into modules (dark = True), sampling the centre of each module."""
    step = img.width / size
    return [
        [img.getpixel((int((x + 0.5) * step), int((y + 0.5) * step))) < 128 for x in range(size)]
        for y in range(size)
    ]


def test_qr_codes_encode_the_address() -> None:
    url = "http://192.168.137.1:8501/voter?code=K7RA"
    svg = qr_svg(url, responsive=True).decode()
    assert svg.startswith("<svg") and "viewBox" in svg and 'width="' not in svg.split(">")[0]
    png = Image.open(io.BytesIO(qr_png(url, scale=4, border=4)))
    matrix = qr_matrix(url)
    assert png.width == (len(matrix) + 8) * 4
    assert _modules(png.convert("L").crop((16, 16, png.width - 16, png.height - 16)), len(matrix)) == matrix
    assert qr_matrix(url) != qr_matrix(url + "&card=abc")


@needs_poppler
def test_cards_carry_number_join_code_and_a_personal_qr(tmp_path: Path) -> None:
    cards = [Card(n, f"http://10.0.0.2:8501/voter?code=K7RA&card=tok{n:012d}") for n in range(1, 11)]
    pdf = cards_pdf(
        cards,
        join_code="K7RA",
        address="http://10.0.0.2:8501/voter",
        round_title="Priorités",
        commune_fr="Ammelne",
        commune_ar="أملن",
    )
    assert pdf.startswith(b"%PDF")
    text = _text(pdf, tmp_path)
    assert text.count("\f") == 2  # ten cards, eight a page
    for n in range(1, 11):
        assert f"Carte de vote n° {n}" in text
    assert text.count("K7RA") == 10
    assert "http://10.0.0.2:8501/voter" in text and "Ammelne" in text
    assert "بطاقة التصويت" not in text  # the cards are in the language chosen, French here
    # each card's image is the QR code of its own address
    images = _images(pdf, tmp_path)
    assert len(images) == 10
    for card, img in zip(cards, images, strict=True):
        matrix = qr_matrix(card.url)
        border = img.width * 2 // (len(matrix) + 4)  # the cards' QR codes keep a 2-module margin
        inner = img.crop((border, border, img.width - border, img.height - border))
        assert _modules(inner, len(matrix)) == matrix


@needs_poppler
def test_cards_in_arabic_are_shaped_text_with_the_arabic_title(tmp_path: Path) -> None:
    pdf = cards_pdf(
        [Card(3, "http://10.0.0.2:8501/voter?code=K7RA&card=tok")],
        join_code="K7RA",
        address="http://10.0.0.2:8501/voter",
        round_title="أولوية المشاريع",
        commune_fr="Ammelne",
        commune_ar="أملن",
        lang="ar",
    )
    text = _text(pdf, tmp_path)
    # Arabic comes out as real, shaped text (searchable), not boxes; the Arabic commune name is used
    assert "بطاقة التصويت رقم" in text and "الرمز" in text and "أملن" in text
    # (pdftotext splits some Amiri ligatures with a space: compare without spaces)
    assert "أولويةالمشاريع" in text.replace(" ", "") and "K7RA" in text
    assert "Carte de vote" not in text and "Ammelne" not in text


@needs_poppler
def test_the_same_cards_give_the_same_bytes() -> None:
    cards = [Card(1, "http://h/voter?code=K7RA&card=x")]
    assert cards_pdf(cards, join_code="K7RA", address="http://h/voter") == cards_pdf(
        cards, join_code="K7RA", address="http://h/voter"
    )


@needs_poppler
def test_card_service_creates_one_identity_per_card(db: Database, tmp_path: Path) -> None:
    seed = seed_workshop(db, n_projects=3)
    r = rounds.create_round(
        db,
        seed.plan_id,
        {"title": "Cartes", "method": "dots", "option_kind": "project", "option_refs": seed.project_ids},
    )
    pdf = rounds.cards_pdf(db, r.id, 3, "http://192.168.137.1:8501")
    with db.read() as s:
        people = list(s.scalars(select(Participant).order_by(Participant.card_number)))
    assert [p.card_number for p in people] == [1, 2, 3] and len({p.token for p in people}) == 3
    for p, img in zip(people, _images(pdf, tmp_path), strict=True):
        url = network.voter_url("http://192.168.137.1:8501", r.join_code, card=p.token)
        matrix = qr_matrix(url)
        border = img.width * 2 // (len(matrix) + 4)
        assert (
            _modules(img.crop((border, border, img.width - border, img.height - border)), len(matrix))
            == matrix
        )
    assert r.join_code in _text(pdf, tmp_path)


def test_ranking_chart_stacks_phone_and_paper_best_on_top() -> None:
    bars = [Bar("Eau", 1, 12, 9, 3), Bar("Piste", 2, 7, 7, 0)]
    fig = ranking_figure(bars, scoring=False, phone_name="Téléphones", paper_name="Papier")
    names = [t.name for t in fig.data if t.type == "bar"]
    assert names == ["Téléphones", "Papier"]
    assert list(fig.data[0].x) == [9, 7] and list(fig.data[1].x) == [3, 0]
    assert [a.text for a in fig.layout.annotations] == ["1. Eau", "2. Piste"]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # first option on top
    assert [x.strip() for x in fig.data[2].text] == ["12", "7"]
    no_paper = ranking_figure([Bar("Eau", 1, 2, 2, 0)], scoring=False)
    assert [t.type for t in no_paper.data] == ["bar", "scatter"]  # no empty paper series
    long = ranking_figure([Bar("Adduction " * 30, 1, 2, 2, 0)], scoring=False)
    assert long.layout.annotations[0].text.endswith("…") and "<br>" not in long.layout.annotations[0].text
    scoring = ranking_figure(
        [Bar("Eau", 1, 4.25, 3, 0), Bar("Piste", None, None, 0, 0)], scoring=True, rtl=True
    )
    assert [x.strip() for x in scoring.data[1].text] == ["4,25", "—"]
    assert scoring.layout.xaxis.range[0] > scoring.layout.xaxis.range[1]  # right to left
    assert scoring.layout.annotations[1].text == "\u2067– · \u2068Piste\u2069\u2069"  # one right-to-left run


def test_split_and_turnout_charts() -> None:
    fig = split_figure(["Eau", "Piste"], {"Femmes (12)": [6, 2], "Hommes (10)": [1, 3]}, scoring=False)
    assert [t.name for t in fig.data] == ["Femmes (12)", "Hommes (10)"]
    assert list(fig.data[0].x) == [75, 25]  # shares of the group's dots, so groups of any size compare
    fig = turnout_figure({"Femme": (10, 4), "Homme": (12, 0)})
    assert [t.type for t in fig.data] == ["bar", "bar", "scatter"] and list(fig.data[2].text) == [
        "  14",
        "  12",
    ]


def test_ranks_read_first_in_both_directions() -> None:
    from pac.exports.charts_vote import rank_label

    assert rank_label(1, "Eau") == "1. Eau"
    ar = rank_label(1, "تزويد الدواوير بالماء", rtl=True)
    # One right-to-left run (RLI … PDI) starting with the rank; the title isolated inside it (FSI … PDI).
    assert ar == "\u20671 · \u2068تزويد الدواوير بالماء\u2069\u2069"
    assert rank_label(None, "Piste", rtl=True).startswith("\u2067– · ")
    fig = ranking_figure([Bar("تزويد", 1, 3, 3, 0), Bar("دار", 2, 1, 1, 0)], scoring=False, rtl=True)
    assert [a.text[:5] for a in fig.layout.annotations] == ["\u20671 · ", "\u20672 · "]
