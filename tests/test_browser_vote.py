"""A live room: twenty phones (Playwright contexts on Debian chromium) join and vote while the
facilitator's wall shows the count; the count must reach the right total within 3 seconds."""

from __future__ import annotations

import time
import urllib.parse
import urllib.request

import pytest

from pac.db import Database
from pac.exports.qr import qr_svg
from pac.services.communes import get_commune, get_current_plan
from pac.services.vote import rounds as vote_service
from pac.services.vote.views import RoundView
from tests.browser import LiveServer, needs_browser, poll, resize, settled, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_browser]

PHONES = 30
PHONE_VIEWPORT = {"width": 360, "height": 780}


@pytest.fixture
def room(server: LiveServer) -> tuple[LiveServer, RoundView]:
    """The demo commune with one more round open on six projects, on the module's live server: each test
    opens its own round, the latest, which the wall shows."""
    from pac.services.demo import DEMO_SLUG

    db = Database(server.db_url)
    try:
        plan = get_current_plan(db, get_commune(db, DEMO_SLUG).id)
        assert plan is not None
        refs = [i for i, _ in vote_service.option_candidates(db, plan.id, "project")][:6]
        r = vote_service.create_round(
            db,
            plan.id,
            {
                "title": "Deuxième tour : six projets",
                "method": "dots",
                "option_kind": "project",
                "option_refs": refs,
                "dots_per_participant": 4,
                "max_dots_per_option": 2,
            },
        )
        vote_service.open_round(db, r.id)
        r = vote_service.get_round(db, r.id)
    finally:
        db.dispose()
    return server, r


def _count(wall) -> str:  # type: ignore[no-untyped-def]
    return wall.locator('[data-testid="pac-ballot-count"]').inner_text().strip()


def wait_for_count(wall, n: int, seconds: float) -> float | None:  # type: ignore[no-untyped-def]
    """Seconds until the wall shows `n` ballots, or None if it did not within `seconds`."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        if _count(wall) == str(n):
            return time.perf_counter() - t0
        wall.wait_for_timeout(50)
    return None


def _fill_profile(page, role_index: int, sex_index: int, submit: str) -> None:  # type: ignore[no-untyped-def]
    """Role and sex ticked on the light page, the profile sent; not waiting for the ballot."""
    page.locator("input[name=role]").first.wait_for(timeout=60_000)
    page.locator("input[name=role]").nth(role_index).check()
    page.locator("input[name=sex]").nth(sex_index).check()
    page.get_by_role("button", name=submit).click()


def _profile(page, role_index: int, sex_index: int, submit: str) -> None:  # type: ignore[no-untyped-def]
    _fill_profile(page, role_index, sex_index, submit)
    page.locator("#ballot").wait_for(timeout=60_000)


def _vote_together(ballots) -> None:  # type: ignore[no-untyped-def]
    """Each (page, picks, send): two dots on each picked option (tapping the « 2 » of its row), then send.
    The count is made on the phone: no round trip per tap."""
    for page, picks, _ in ballots:
        for k in picks:
            page.locator("fieldset.opt").nth(k).locator(".seg label").nth(2).click()
    for page, _, send in ballots:
        page.get_by_role("button", name=send).click()


def _vote(page, picks: list[int], send: str) -> None:  # type: ignore[no-untyped-def]
    _vote_together([(page, picks, send)])


def _top(page) -> None:  # type: ignore[no-untyped-def]
    page.mouse.wheel(0, -10_000)
    settled(page)


def test_thirty_phones_vote_and_the_wall_keeps_up(room, browser) -> None:  # type: ignore[no-untyped-def]
    server, r = room
    # The facilitator's wall.
    wall = signed_in_page(browser, server, "vote", viewport={"width": 1280, "height": 720}, locale="fr-FR")
    wall.locator('[data-testid="pac-join-code"]').wait_for(timeout=60_000)
    assert wall.locator('[data-testid="pac-join-code"]').inner_text() == r.join_code
    assert _count(wall) == "0"
    # The QR code on the wall is the code of the address written under it.
    shown_url = wall.locator(".pac-url").inner_text().strip()
    assert shown_url.endswith(f"/voter?code={r.join_code}")
    src = wall.locator(".st-key-pac_qr img").get_attribute("src")
    assert src
    if not src.startswith(("http", "data:")):  # a media file served by the app, or inline
        src = server.url + src
    with urllib.request.urlopen(src, timeout=10) as resp:
        assert resp.read().decode() == qr_svg(shown_url, scale=12).decode()

    contexts = [
        browser.new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True) for _ in range(PHONES)
    ]
    try:
        phones = [c.new_page() for c in contexts]
        for i, page in enumerate(phones):  # everybody scans the QR code at about the same time
            lang = "&lang=ar" if i % 5 == 4 else ""
            page.goto(f"{server.url}/voter?code={r.join_code}{lang}", wait_until="commit")
        # Every phone fills in its profile, then all wait for their ballots: the server serves them at once.
        for i, page in enumerate(phones):
            arabic = i % 5 == 4
            if i in (0, 4):
                page.locator("input[name=role]").first.wait_for(timeout=60_000)
                shot(page, f"voter-profile-360-{'ar' if arabic else 'fr'}")
            _fill_profile(page, role_index=i % 3, sex_index=i % 2, submit="متابعة" if arabic else "Continuer")
        for i, page in enumerate(phones):
            page.locator('[data-testid="pac-left"]').wait_for(timeout=60_000)
            assert "p=" in page.url  # the identity lives in the address (and in the phone's cookie)
            if i in (0, 4):
                shot(page, f"voter-ballot-360-{'ar' if i == 4 else 'fr'}")
        # All but the last one vote together; the last one's ballot is awaited below, with the clock on.
        _vote_together(
            [
                (page, [i % 6, (i + 2) % 6], "إرسال تصويتي" if i % 5 == 4 else "Envoyer mon vote")
                for i, page in enumerate(phones[:-1])
            ]
        )
        for i, page in enumerate(phones[:-1]):
            page.get_by_text("تم تسجيل تصويتكم" if i % 5 == 4 else "Votre vote est enregistré").wait_for(
                timeout=60_000
            )
        assert wait_for_count(wall, PHONES - 1, 10.0) is not None
        # The last phone sends: from the tap, the wall must show the new total within 2 s.
        last = phones[-1]
        arabic = (PHONES - 1) % 5 == 4
        picks = [(PHONES - 1) % 6, (PHONES + 1) % 6]
        _vote(last, picks, send="إرسال تصويتي" if arabic else "Envoyer mon vote")
        tapped = time.perf_counter()
        lag = wait_for_count(wall, PHONES, 2.0)
        assert lag is not None, f"the wall shows {_count(wall)} ballots 2 s after the last tap"
        print(f"\nwall reached {PHONES} ballots {lag:.2f} s after the last tap")
        last.get_by_text("تم تسجيل تصويتكم" if arabic else "Votre vote est enregistré").wait_for(
            timeout=60_000
        )
        assert time.perf_counter() - tapped < 60

        # A refresh keeps the participant and the ballot; changing it does not add a ballot.
        first = phones[0]
        first.goto(f"{server.url}/voter?code={r.join_code}")  # the phone's cookie finds the participant
        first.get_by_text("Vous avez déjà voté").wait_for(timeout=60_000)
        first.get_by_role("button", name="Modifier mon vote").wait_for(timeout=60_000)
        # A shared phone: the next participant starts afresh and adds one ballot.
        phones[1].get_by_role("button", name="Participant·e suivant·e sur ce téléphone").click()
        _profile(phones[1], role_index=1, sex_index=0, submit="Continuer")
        _vote(phones[1], [5], send="Envoyer mon vote")
        assert wait_for_count(wall, PHONES + 1, 3.0) is not None
        phones[1].get_by_text("Votre vote est enregistré").wait_for(timeout=60_000)
        shot(wall, "vote-wall-live")
    finally:
        for c in contexts:
            c.close()
    # Close the round: the phones are told, the ranking goes to the projects.
    wall.get_by_role("button", name="Clore le vote").click()
    wall.get_by_role("button", name="Confirmer").click()
    wall.get_by_text("Vote clos : le classement est écrit.").wait_for(timeout=60_000)
    wall.close()
    late = browser.new_context(viewport=PHONE_VIEWPORT)
    try:
        page = late.new_page()
        page.goto(f"{server.url}/voter?code={r.join_code}")
        page.get_by_text("Ce vote est clos").wait_for(timeout=60_000)
    finally:
        late.close()
    db = Database(server.db_url)
    try:
        res = vote_service.results(db, r.id)
        assert res.turnout.phone == PHONES + 1
        assert sum(x.score or 0 for x in res.overall) == 4 * PHONES + 2
        assert all(o.final_rank is not None for o in vote_service.get_round(db, r.id).options)
    finally:
        db.dispose()


def test_projected_wall_at_1920_and_1280(room, browser) -> None:  # type: ignore[no-untyped-def]
    server, r = room
    # One projected page, its size changed from 1920×1080 to 1280×720 (not its session).
    page = signed_in_page(browser, server, "vote", viewport={"width": 1920, "height": 1080}, locale="fr-FR")
    try:
        page.locator('[data-testid="pac-join-code"]').wait_for(timeout=60_000)
        page.locator('[data-testid="stSidebar"]').get_by_text("Mode projection").click()
        page.locator('[data-testid="stTabs"]').wait_for(state="detached", timeout=60_000)
        wait_idle(page)
        page.locator('[data-testid="pac-join-code"]').wait_for(timeout=60_000)
        for width, height in ((1920, 1080), (1280, 720)):
            resize(page, width, height)
            code = page.locator('[data-testid="pac-join-code"]').bounding_box()
            qr = page.locator(".st-key-pac_qr img").bounding_box()
            assert code and qr
            # code and QR code fully on screen, the QR code large enough to scan from the back
            assert code["y"] + code["height"] <= height and qr["y"] + qr["height"] <= height + 1
            assert qr["width"] >= 0.3 * height
            shot(page, f"vote-wall-projected-{width}")
    finally:
        page.close()


def test_the_phone_remembers_its_participant_for_the_next_round(room, browser) -> None:  # type: ignore[no-untyped-def]
    """The next round's QR code carries no identity: the phone's cookie brings the participant back,
    with no second profile; « next participant » forgets it."""
    server, r = room
    db = Database(server.db_url)
    try:
        nxt = vote_service.create_round(
            db,
            r.plan_id,
            {
                "title": "Tour suivant",
                "method": "points",
                "option_kind": "free",
                "free_options": "Eau\nPistes",
            },
        )
        vote_service.open_round(db, nxt.id)
    finally:
        db.dispose()
    ctx = browser.new_context(viewport=PHONE_VIEWPORT)
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/voter?code={r.join_code}")
        _profile(page, role_index=2, sex_index=0, submit="Continuer")
        token = page.url.split("p=")[1].split("&")[0]
        page.goto(f"{server.url}/voter?code={nxt.join_code}")
        page.locator('[data-testid="pac-left"]').wait_for(timeout=60_000)
        assert page.locator("#ballot").get_attribute("data-token") == token
        assert page.locator("input[name=role]").count() == 0
        # after « next participant » the cookie is gone: a fresh visit asks for a profile
        page.goto(f"{server.url}/voter?code={r.join_code}&p={token}")
        page.locator('[data-testid="pac-left"]').wait_for(timeout=60_000)
        _vote(page, [0], send="Envoyer mon vote")
        page.get_by_text("Votre vote est enregistré").wait_for(timeout=60_000)
        page.get_by_role("button", name="Participant·e suivant·e sur ce téléphone").click()
        page.locator("input[name=role]").first.wait_for(timeout=60_000)
        assert not [c for c in ctx.cookies() if c["name"] == "pac_voter"]  # cleared by the server
        assert all(c["httpOnly"] for c in ctx.cookies() if c["name"].startswith("pac_"))
        page.goto(f"{server.url}/voter?code={nxt.join_code}")
        page.locator("input[name=role]").first.wait_for(timeout=60_000)
    finally:
        ctx.close()


def test_a_phone_without_javascript_votes(room, browser) -> None:  # type: ignore[no-untyped-def]
    """The oldest phone: a plain HTML form posted to the server, the answer a new page."""
    server, r = room
    ctx = browser.new_context(viewport=PHONE_VIEWPORT, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/voter?code={r.join_code.lower()}&lang=ar")
        _profile(page, role_index=0, sex_index=0, submit="متابعة")
        assert page.locator("#left").is_hidden()  # no live count without a script: the server counts
        page.locator("fieldset.opt").nth(0).locator(".seg label").nth(2).click()
        page.locator("fieldset.opt").nth(1).locator(".seg label").nth(2).click()
        page.get_by_role("button", name="إرسال تصويتي").click()
        page.get_by_text("تم تسجيل تصويتكم").wait_for(timeout=60_000)
        shot(page, "voter-nojs-sent-360-ar")
        # over budget: refused by the server, in the page, what was typed kept
        for k in range(3, 6):
            page.locator("fieldset.opt").nth(k).locator(".seg label").nth(2).click()
        page.get_by_role("button", name="تعديل تصويتي").click()
        # the refusal in the phone's language (it used to come in French on an Arabic phone)
        page.get_by_text("عدد النقاط الموضوعة").wait_for(timeout=60_000)
        assert "gommettes" not in page.content()
        assert page.locator("fieldset.opt").nth(5).locator("input[value='2']").is_checked()
    finally:
        ctx.close()
    db = Database(server.db_url)
    try:
        assert vote_service.counter(db, r.id).phone == 1
    finally:
        db.dispose()


def test_the_phone_keeps_its_ballot_and_resends_it_until_the_receipt(room, browser) -> None:  # type: ignore[no-untyped-def]
    """The network fails under the tap, then the page is even reloaded while the server is unreachable:
    the phone keeps the ballot and its key, sends it again by itself, and one ballot is counted."""
    server, r = room
    ctx = browser.new_context(viewport=PHONE_VIEWPORT)
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/voter?code={r.join_code}")
        _profile(page, role_index=1, sex_index=1, submit="Continuer")
        posts: list[str] = []

        def unreachable(route) -> None:  # type: ignore[no-untyped-def]
            if route.request.method == "POST":
                posts.append(route.request.post_data or "")
                route.abort("connectionrefused")
            else:
                route.continue_()

        page.route("**/voter", unreachable)
        _vote(page, [0, 3], send="Envoyer mon vote")
        page.get_by_text("votre vote est gardé sur ce téléphone").wait_for(timeout=30_000)
        page.wait_for_function("() => document.querySelectorAll('#jsmsg').length === 1")
        poll(page, lambda: len(posts) >= 2, 15, "the phone did not send its ballot again")
        page.reload()  # the page comes back (GET) while ballots still cannot get through
        poll(page, lambda: len(posts) >= 3, 15, "the reloaded page did not send the kept ballot")
        keys = {urllib.parse.parse_qs(p)["key"][0] for p in posts}
        assert len(keys) == 1  # one submission, one key, sent again
        page.unroute("**/voter")
        page.get_by_text("Votre vote est enregistré").wait_for(timeout=30_000)
        assert (
            page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('pac_pending_'))") == []
        )
    finally:
        ctx.close()
    db = Database(server.db_url)
    try:
        assert vote_service.counter(db, r.id).phone == 1
    finally:
        db.dispose()


def test_an_arabic_phone_counts_in_arabic_and_marks_a_french_only_option(server, browser) -> None:  # type: ignore[no-untyped-def]
    """The live count agrees with its number as Arabic does (CLDR forms: the script's rule against Babel's),
    the round shows in the phone's language, and an option with no Arabic version is shown in French,
    isolated, with a discreet « (بالفرنسية) »: never a blank."""
    from babel import Locale

    from pac.i18n import tn
    from pac.services.demo import DEMO_SLUG

    db = Database(server.db_url)
    try:
        plan = get_current_plan(db, get_commune(db, DEMO_SLUG).id)
        assert plan is not None
        r = vote_service.create_round(
            db,
            plan.id,
            {
                "title": "Quel thème d'abord ?",
                "title_ar": "أي موضوع أولا؟",
                "method": "points",
                "option_kind": "free",
                "free_options": [("Eau", "الماء"), ("Pistes rurales", ""), ("", "الصحة")],
                "points_total": 20,
            },
        )
        vote_service.open_round(db, r.id)
    finally:
        db.dispose()
    phone = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    try:
        phone.goto(f"{server.url}/voter?code={r.join_code}&lang=ar")
        phone.locator('input[name="role"]').first.check()
        phone.locator('button[type="submit"]').first.click()
        phone.wait_for_selector("#ballot")
        assert phone.locator('[data-testid="round-title"]').inner_text() == "أي موضوع أولا؟"
        legends = phone.locator("fieldset.opt legend").all_inner_texts()
        assert legends[0] == "الماء" and legends[2] == "الصحة"
        assert "Pistes rurales" in legends[1] and "(بالفرنسية)" in legends[1]
        a, b = r.options[0].id, r.options[1].id
        left = phone.locator('[data-testid="pac-left"]')
        ar = Locale.parse("ar")
        for given in (0, 1, 9, 17, 18, 19, 20, 21):  # rest 20, 19, 11, 3, 2, 1, 0, -1
            phone.locator(f'input[name="v{a}_0"]').fill(str(given))
            rest = 20 - given
            want = (
                tn("voter.left_points", rest, "ar", total=20)
                if rest > 0
                else (tn("voter.over_points", -rest, "ar") if rest < 0 else "وزعتم كل نقاطكم")
            )
            assert left.inner_text() == want, (given, ar.plural_form(abs(rest)))
        assert left.inner_text() == "نقطة واحدة زائدة"
        phone.locator(f'input[name="v{a}_0"]').fill("17")
        assert left.inner_text() == "تبقى لكم 3 نقاط من 20"
        phone.locator(f'input[name="v{b}_0"]').fill("1")
        assert left.inner_text() == "تبقى لكم نقطتان من 20"
        shot(phone, "vote-phone-ar-plural-and-fallback-360")
    finally:
        phone.context.close()
