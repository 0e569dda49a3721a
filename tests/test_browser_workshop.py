"""A whole workshop in a real browser, as a facilitator runs it (issue 10): clicks and typing only, on a
fresh database; the database is read only to check that every value typed was saved.

Sign in (first start asks for a password) → a new commune and its plan → findings by hand and from a CSV
file → the SWOT from an accepted draft → mission, vision, values, an axis, an objective → four projects
(one with an Arabic title) → a round opened on the first click, three phones vote, the round closed →
subsidiarity with a warning → the triennial plan: projects retained, funding lines, the capacity gauge →
an indicator → the compliance checklist. Screenshots in test-artifacts/workshop-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pac.db import Database
from pac.i18n import t, tn
from pac.services import communes, diagnostic, monitoring, projects, subsidiarity, swot, vision
from pac.services import plan as plan_service
from pac.services.vote import rounds as vote_service
from pac.ui.kit import bitext
from tests.browser import live_server, needs_browser, poll, settled, shot, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_browser]

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 360, "height": 740}
PASSWORD = "atelier-tagmout-2026"

# One commune per run: the French run on Tagmout Aït Ali, the Arabic run on Imi n'Tala.
COMMUNES = {
    "fr": {
        "communes.name_fr": "Tagmout Aït Ali",
        "communes.name_ar": "تاكموت آيت علي",
        "communes.province": "Taroudant",
    },
    "ar": {
        "communes.name_fr": "Imi n'Tala",
        "communes.name_ar": "إيمي نتالا",
        "communes.province": "Taroudant",
    },
}
PLAN_TITLE = "PAC de Tagmout Aït Ali 2027-2032"
HAND_FINDING = "La piste vers l'école d'Agadir Melloul est coupée en hiver"
CSV_FINDINGS = [
    ("La source tarit en été dans les douars de montagne", "contrainte", "monographie", "constraint"),
    ("Les femmes demandent un centre de formation", "besoin", "atelier de diagnostic", "need"),
    ("Forte diaspora prête à cofinancer des projets", "potentialité", "atelier de diagnostic", "potential"),
]
WEAKNESS = "Eau et formation : des besoins non couverts dans les douars de montagne"
MISSION = "Servir chaque douar de Tagmout, avec ses femmes, ses jeunes et sa diaspora"
VISION = "Une commune où l'eau, la piste et l'école arrivent jusqu'au dernier douar"
VALUES = ("Équité", "Transparence", "Solidarité")
AXIS = "Accès à l'eau et aux services de base"
OBJECTIVE = "Raccorder les douars de montagne à l'eau potable"
PROJECTS = [  # title, total cost (DH)
    ("Adduction d'eau potable des douars de montagne", 6_500_000),
    ("Centre de formation des femmes", 900_000),
    ("طريق قروية نحو دوار أكادير ملول", 2_400_000),
    ("Construction d'une école primaire à Agadir Melloul", 3_000_000),
]
ROUND_TITLE = "Priorités de Tagmout"
# Each phone: role, sex, and the projects (index in PROJECTS) it gives two dots to.
PHONES = [("elected", "f", (0, 1)), ("civil_society", "m", (0, 2)), ("diaspora", "f", (1, 0))]
FUNDING = [("INDH", 2027, 4_500_000), ("COMMUNE", 2027, 2_000_000)]  # partner, year, DH
# the partners as the grid lists them, in each language (data/partners.csv)
PARTNERS = {
    "fr": {"INDH": "(INDH)", "COMMUNE": "La commune"},
    "ar": {"INDH": "المبادرة الوطنية للتنمية البشرية", "COMMUNE": "الجماعة"},
}
INDICATOR = {
    "monitoring.ind.name": "Douars raccordés à l'eau potable",
    "monitoring.ind.unit": "douars",
    "monitoring.ind.baseline": "4",
    "monitoring.ind.baseline_year": "2026",
    "2027": "10",
    "monitoring.ind.source": "Rapports de l'ONEE et procès-verbaux de réception",
}


UI = {"lang": "fr"}  # the language the facilitator works in, set by each test
PROBLEMS: list[str] = []  # wrong behaviour met on the way, asserted at the end of the run
SCHOOL_COMPETENCE = {
    "fr": "Construction et équipement des établissements scolaires",
    "ar": "بناء وتجهيز المؤسسات التعليمية",
}
THE_COMMUNE = {"fr": "La commune", "ar": "الجماعة"}


def say(key: str, **fmt: object) -> str:
    """What the app shows for `key` in the facilitator's language (the app's own translation table)."""
    return t(key, UI["lang"], **fmt)


def _in_french(key: str) -> str:
    """The label of the French box of a bilingual text (French | Arabic side by side, pac.ui.kit.bitext):
    the texts typed here are French, in either interface."""
    return bitext.label(say(key), "fr", UI["lang"])


class Reader:
    """Reads the database the live server writes, to check what the browser typed (never to set up)."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    def __call__(self, fn, *args):  # type: ignore[no-untyped-def]
        db = Database(self.db_url)
        try:
            return fn(db, *args)
        finally:
            db.dispose()

    def commune(self):  # type: ignore[no-untyped-def]
        rows = self(lambda db: communes.list_communes(db))
        return next((c for c in rows if c.name_fr == COMMUNES[UI["lang"]]["communes.name_fr"]), None)

    def plan(self):  # type: ignore[no-untyped-def]
        c = self.commune()
        return None if c is None else self(communes.get_current_plan, c.id)


def _open(page, url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    """The step at `path`, opened by its link in the sidebar as a facilitator does (same session: the
    language chosen stays), once its script has run and everything is drawn."""
    from pac.ui.kit.nav import STEPS

    [step] = [s for s in STEPS if s.url_path == path]
    side = page.locator('[data-testid="stSidebar"]')
    side.get_by_role("link", name=say(step.title_key), exact=True).click()
    # the home page (the default) is also served at /
    page.wait_for_url(re.compile(rf"^{re.escape(url)}/({re.escape(path)})?$"), timeout=30_000)
    settled(page)


def _step(page, name: str) -> None:  # type: ignore[no-untyped-def]
    settled(page)
    shot(page, f"workshop-{UI['lang']}-{name}")


def _success(page, text: str, *, in_any_language: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The success message (its French text; in Arabic mode, a success message: the database says the rest).

    `in_any_language`: `text` is in the message whatever the language (a project's title): then the wait
    is for this very message, never for the previous one still on screen — in Arabic mode an unfiltered
    wait was satisfied by the last project's message, and the next title was typed while the page reran."""
    alerts = page.locator('[data-testid="stAlertContentSuccess"]')
    specific = UI["lang"] == "fr" or in_any_language
    (alerts.filter(has_text=text) if specific else alerts).first.wait_for(timeout=30_000)


def _pick(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Choose `option` (a part of its text) in the select box labelled `label`."""
    page.get_by_label(label, exact=True).click()
    page.keyboard.type(option[:25], delay=20)  # long lists show only what is near the top
    page.get_by_role("option", name=option, exact=False).first.click()
    wait_idle(page)


def _grid_open(page, editor, row: int, across: float, menu: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Open the cell of `row` at `across` (a fraction of the grid's width) of a data editor for typing; a
    select cell until its list shows (a click made while the previous list closes is lost)."""
    for _ in range(4):
        box = editor.bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] * across, box["y"] + 35 + 35 * row + 17
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
        page.mouse.dblclick(x, y)
        page.wait_for_timeout(400)
        if not menu or page.get_by_role("option").count():
            return
        page.keyboard.press("Escape")
    raise AssertionError(f"the grid's cell (row {row}) did not open")


def _grid_choose(page, editor, row: int, across: float, option: str) -> None:  # type: ignore[no-untyped-def]
    _grid_open(page, editor, row, across)
    page.get_by_role("option", name=option).first.click()
    page.wait_for_timeout(300)


def _sign_in_first_start(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_label(t("login.username")).wait_for(timeout=90_000)
    if UI["lang"] == "ar":  # the language is chosen on the sign-in page, before anything else
        page.get_by_text("العربية", exact=True).first.click()
        page.get_by_label(say("login.username")).wait_for(timeout=30_000)
        wait_idle(page)
    page.get_by_text(say("login.setup_title")).first.wait_for(timeout=30_000)
    page.get_by_label(say("login.username")).fill("animatrice")
    page.get_by_label(say("login.display_name")).fill("Animatrice de Tagmout")
    page.get_by_label(say("login.password"), exact=True).fill(PASSWORD)
    page.get_by_label(say("login.confirm")).fill(PASSWORD)
    _step(page, "01-first-start")
    page.get_by_role("button", name=say("login.create")).click()
    page.get_by_text(t("nav.home", "fr") if UI["lang"] == "fr" else t("nav.home", "ar")).or_(
        page.get_by_text(t("nav.home", "fr"))
    ).first.wait_for(timeout=90_000)
    wait_idle(page)
    if UI["lang"] == "ar" and not page.get_by_text(say("nav.home")).first.is_visible():
        # The language chosen on the sign-in page must hold once signed in; it did not (French came back).
        # Noted, then switched in the sidebar as a facilitator would, so that the rest of the run still
        # runs in Arabic; the test fails at its end for it.
        PROBLEMS.append("العربية chosen on the sign-in page was lost at sign-in: the app came back in French")
        page.locator('[data-testid="stSidebar"]').get_by_text("العربية", exact=True).first.click()
        page.get_by_text(say("nav.home")).first.wait_for(timeout=30_000)
        wait_idle(page)


def _commune_and_plan(page, url: str, db: Reader) -> None:  # type: ignore[no-untyped-def]
    _open(page, url, "communes")
    page.get_by_role("tab", name=say("communes.tab_new")).click()
    wait_idle(page)
    form = page.locator('[data-testid="stForm"]').locator("visible=true")
    commune = COMMUNES[UI["lang"]]
    for key, value in commune.items():
        form.get_by_label(say(key), exact=True).fill(value)
    form.get_by_label(say("communes.population"), exact=True).fill("6400")
    page.get_by_role("button", name=say("communes.create")).click()
    _success(page, f"Commune « {commune['communes.name_fr']} » créée")
    wait_idle(page)
    _step(page, "02-commune")
    c = db.commune()
    assert c is not None, "the commune typed was not saved"
    assert (c.name_ar, c.province, c.population) == (
        commune["communes.name_ar"],
        commune["communes.province"],
        6400,
    )
    # the sidebar now works on the new commune, named in the reader's language
    side = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first
    assert side.input_value().startswith(
        commune["communes.name_ar" if UI["lang"] == "ar" else "communes.name_fr"]
    ), side.input_value()

    page.get_by_role("tab", name=say("communes.tab_plan")).click()
    wait_idle(page)
    form = page.locator('[data-testid="stForm"]').locator("visible=true")
    form.get_by_label(say("communes.plan_start"), exact=True).fill("2027")
    form.get_by_label(_in_french("communes.plan_title"), exact=True).fill(PLAN_TITLE)
    form.get_by_role("button", name=say("communes.save")).click()
    _success(page, f"Plan « {PLAN_TITLE} »")
    _step(page, "03-plan")
    p = db.plan()
    assert p is not None and (p.title, p.start_year) == (PLAN_TITLE, 2027), p


def _findings(page, url: str, db: Reader, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(page, url, "diagnostic")
    box = page.get_by_role("textbox", name=_in_french("diag.col.text"), exact=True)
    if not box.is_visible():  # a panel the page may keep folded
        page.get_by_text(say("diag.add_title")).first.click()
    box.fill(HAND_FINDING)
    page.get_by_role("button", name=say("diag.add")).click()
    _success(page, "ajouté")
    wait_idle(page)
    _step(page, "04-finding-by-hand")

    csv = tmp_path / "constats.csv"
    lines = ["Constat;Type;Source"] + [f"{text};{kind};{source}" for text, kind, source, _ in CSV_FINDINGS]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page.get_by_role("tab", name=say("diag.tab_import")).click()
    wait_idle(page)
    page.locator('input[type="file"]').set_input_files(str(csv))
    go = page.get_by_role("button", name=tn("diag.import_go", len(CSV_FINDINGS), UI["lang"]))
    go.wait_for(timeout=30_000)
    _step(page, "05-csv-preview")
    go.click()
    _success(page, f"{len(CSV_FINDINGS)} constats importés")
    _step(page, "06-csv-imported")
    c = db.commune()
    found = {f.text: f for f in db(diagnostic.list_findings, c.id)}
    assert set(found) == {HAND_FINDING} | {text for text, *_ in CSV_FINDINGS}, sorted(found)
    for text, _, _, kind in CSV_FINDINGS:
        assert found[text].kind == kind, (text, found[text].kind)


def _swot(page, url: str, db: Reader) -> None:  # type: ignore[no-untyped-def]
    _open(page, url, "afom")
    page.get_by_role("tab", name=say("swot.tab_draft")).click()
    wait_idle(page)
    # the proposal for the weaknesses (the two CSV lines « contrainte » and « besoin »), its text corrected
    card = (
        page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]')
        .filter(has_text=say("vocab.quadrants.W") + " ·")
        .filter(has=page.get_by_role("button", name=say("swot.draft_accept")))
        .last
    )
    card.get_by_label(_in_french("swot.text"), exact=True).fill(WEAKNESS)
    _step(page, "07-swot-draft")
    card.get_by_role("button", name=say("swot.draft_accept")).click()
    _success(page, "ajouté")
    wait_idle(page)
    _step(page, "08-swot-accepted")
    items = db(swot.list_items, db.plan().id)
    [item] = [i for i in items if i.text == WEAKNESS]
    assert item.quadrant == "W" and len(item.finding_ids) == 2, item


def _strategy(page, url: str, db: Reader) -> None:  # type: ignore[no-untyped-def]
    from pac.ui.kit.bitext import label as bi_label

    _open(page, url, "vision")
    # Clicked then typed key by key, as a person does, into the French boxes (the texts are French); one
    # form holds the three texts (nothing reruns while typing), saved by its button.
    for key, text in (
        ("vision.mission", MISSION),
        ("vision.vision", VISION),
        ("vision.values_field", "\n".join(VALUES)),
    ):
        box = page.get_by_role("textbox", name=bi_label(say(key), "fr", UI["lang"]), exact=True)
        box.click()
        box.press_sequentially(text, delay=15)
    page.get_by_role("button", name=say("vision.save_statement")).click()
    wait_idle(page)
    _step(page, "09-mission-vision")
    page.get_by_role("tab", name=say("vision.tab_axes")).click()
    wait_idle(page)
    form = page.locator('[data-testid="stForm"]').locator("visible=true")
    form.get_by_label(bi_label(say("vision.title_field"), "fr", UI["lang"]), exact=True).fill(AXIS)
    form.get_by_role("button", name=say("vision.add")).click()
    _success(page, "Axe A1 enregistré")
    wait_idle(page)
    page.get_by_role("button", name=say("vision.add_objective")).click()
    pop = page.locator('[data-testid="stPopoverBody"]')
    pop.get_by_label(bi_label(say("vision.title_field"), "fr", UI["lang"]), exact=True).fill(OBJECTIVE)
    pop.get_by_role("button", name=say("vision.add")).click()
    _success(page, "Objectif O1.1 enregistré")
    _step(page, "10-axis-objective")
    s = db(vision.get_strategy, db.plan().id)
    assert (s.mission, s.vision, tuple(s.values)) == (MISSION, VISION, VALUES), s
    assert [a.title for a in s.axes] == [AXIS] and [o.title for o in s.objectives] == [OBJECTIVE]


def _projects(page, url: str, db: Reader) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from pac.domain.bilingual import is_arabic
    from pac.ui.kit.bitext import label as bi_label

    _open(page, url, "projets")
    for title, cost in PROJECTS:
        form = page.locator('[data-testid="stForm"]').filter(
            has=page.get_by_role("button", name=say("projects.add"))
        )
        for attempt in (1, 2):
            # A person starts typing once the page has been still a moment, not within a quarter of a
            # second of the last redraw (the list's grid reports back after it is drawn: one more rerun).
            settled(page, still_ms=1000)
            # each title into the box of its language (French | Arabic side by side)
            box = bi_label(say("projects.col.title"), "ar" if is_arabic(title) else "fr", UI["lang"])
            if not form.get_by_label(box, exact=True).is_visible():  # a folded panel
                page.get_by_text(say("projects.add_title"), exact=True).click()
                form.get_by_label(box, exact=True).wait_for(timeout=30_000)
            form.get_by_label(box, exact=True).fill(title)
            form.get_by_label(say("projects.col.total_cost"), exact=True).fill(str(cost))
            form.get_by_role("button", name=say("projects.add")).click()
            try:
                # « P1.1.n · title », the title isolated (and marked) when not in the UI language
                _success(page, title, in_any_language=True)
                break
            except PlaywrightTimeout:
                shot(page, f"workshop-{UI['lang']}-project-not-added-{attempt}")
                added = {p.title or p.title_ar for p in db(projects.list_projects, db.plan().id)}
                if title in added:  # added; only its message was missed while the page redrew
                    break
                if attempt == 2:
                    raise
                # What a facilitator does when the form comes back without the project: type it again.
                # (Seen once on a loaded CI machine; the database check below still counts every project
                # exactly once.)
        wait_idle(page)
    _step(page, "11-projects")
    plan_id = db.plan().id
    poll(
        page,
        lambda: len(db(projects.list_projects, plan_id)) == len(PROJECTS),
        30,
        "a project never reached the database",
    )
    saved = {p.title or p.title_ar: p for p in db(projects.list_projects, plan_id)}
    assert {t: p.total_cost for t, p in saved.items()} == dict(PROJECTS), saved


def _vote(page, url: str, db: Reader, browser) -> None:  # type: ignore[no-untyped-def]
    _open(page, url, "vote")
    title = page.get_by_label(say("vote.title_fr"), exact=True)
    if not title.is_visible():
        _pick(page, say("vote.round"), say("vote.new_round"))
    title.fill(ROUND_TITLE)
    page.get_by_role("button", name=say("vote.create_round")).click()
    _success(page, "Tour créé")
    wait_idle(page)
    plan_id = db.plan().id

    def the_round():  # type: ignore[no-untyped-def]
        return next((r for r in db(vote_service.list_rounds, plan_id) if r.title == ROUND_TITLE), None)

    assert the_round() is not None and the_round().status == "draft"
    page.get_by_role("button", name=say("vote.open")).click()  # once: it must open on the first click
    wait_idle(page)
    poll(
        page, lambda: the_round().status == "open", what="the first click on « Ouvrir le vote » did not open"
    )
    page.get_by_role("button", name=say("vote.close")).wait_for(timeout=30_000)
    code = the_round().join_code
    page.get_by_text(code).first.wait_for(timeout=30_000)  # the code the room reads aloud
    _step(page, "12-vote-open")

    contexts = [browser.new_context(viewport=PHONE) for _ in PHONES]
    try:
        for i, (ctx, (role, sex, picks)) in enumerate(zip(contexts, PHONES, strict=True)):
            phone = ctx.new_page()
            phone.goto(f"{url}/voter?code={code}&lang={UI['lang']}")
            phone.get_by_label(say(f"vocab.roles.{role}"), exact=True).check(timeout=60_000)
            phone.get_by_label(say(f"vocab.sexes.{sex}"), exact=True).check()
            phone.get_by_role("button", name=say("voter.continue")).click()
            for k in picks:
                group = phone.get_by_role("group").filter(has_text=PROJECTS[k][0])
                group.get_by_text("2", exact=True).click(timeout=60_000)
            if i == 0:
                shot(phone, f"workshop-{UI['lang']}-13-phone-ballot")
            phone.get_by_role("button", name=say("voter.send")).click()
            phone.get_by_text(say("voter.saved")).wait_for(timeout=60_000)
            if i == 0:
                shot(phone, f"workshop-{UI['lang']}-14-phone-sent")
    finally:
        for ctx in contexts:
            ctx.close()
    rid = the_round().id
    poll(
        page,
        lambda: db(vote_service.results, rid).turnout.phone == len(PHONES),
        what="a phone's ballot is missing",
    )
    page.locator('[data-testid="pac-ballot-count"]').filter(has_text=str(len(PHONES))).first.wait_for(
        timeout=30_000
    )
    _step(page, "15-vote-wall")
    page.get_by_role("button", name=say("vote.close")).click()
    page.get_by_role("button", name=say("communes.confirm")).click()
    page.get_by_text(say("vote.closed_ranked").split(":")[0].split("：")[0].strip()).first.wait_for(
        timeout=60_000
    )
    _step(page, "16-vote-closed")
    assert the_round().status == "closed"
    res = db(vote_service.results, rid)
    dots = {title: 0 for title, _ in PROJECTS}
    for _, _, picks in PHONES:
        for k in picks:
            dots[PROJECTS[k][0]] += 2
    labels = {o.id: f"{o.label} {o.label_ar}" for o in res.round.options}  # a title in its own language
    got = {next(t for t in dots if t in labels[o.option_id]): o.score for o in res.overall}
    assert got == dots, got
    # each phone's profile, as ticked: two women and a man; an elected member, civil society, the diaspora
    assert {s: n[0] for s, n in res.turnout.by_sex.items() if n[0]} == {"f": 2, "m": 1}, res.turnout
    assert {r: n[0] for r, n in res.turnout.by_role.items() if n[0]} == {
        "elected": 1,
        "civil_society": 1,
        "diaspora": 1,
    }, res.turnout


def _subsidiarity(page, url: str, db: Reader) -> None:  # type: ignore[no-untyped-def]
    _open(page, url, "subsidiarite")
    water, school = PROJECTS[0][0], PROJECTS[3][0]
    _pick(page, say("subsidiarity.project"), water)
    page.get_by_role("button", name=say("subsidiarity.use_suggestion")).click()
    wait_idle(page)
    page.get_by_role("button", name=say("subsidiarity.confirm")).click()
    _success(page, "confirmée")
    wait_idle(page)
    # A school is the State's: the commune as its lead must raise a warning in the page.
    _pick(page, say("subsidiarity.project"), school)
    _pick(page, say("subsidiarity.competence"), SCHOOL_COMPETENCE[UI["lang"]])
    _pick(page, say("subsidiarity.lead"), THE_COMMUNE[UI["lang"]])
    warning = page.locator('[data-testid="stAlert"]').filter(
        has_text=say("subsidiarity.warn.commune_sole_lead")[:20]
    )
    warning.first.wait_for(timeout=30_000)
    _step(page, "17-subsidiarity-warning")
    page.get_by_role("button", name=say("subsidiarity.confirm")).click()
    wait_idle(page)
    rows = {r.title or r.title_ar: r for r in db(subsidiarity.list_rows, db.plan().id)}
    assert rows[water].confirmed and rows[water].competence_code, rows[water]
    assert rows[water].lead_code == "COMMUNE" and rows[water].level == "own", rows[water]
    school_row = rows[school]
    assert (school_row.lead_code, school_row.level, school_row.confirmed) == ("COMMUNE", "state", True), (
        school_row
    )
    assert "commune_sole_lead" in school_row.warnings, school_row.warnings


def _plan(page, url: str, db: Reader) -> None:  # type: ignore[no-untyped-def]
    _open(page, url, "plan-triennal")
    # retain every project in the « Priorités » view, then save
    grid = page.locator('[data-testid="stDataFrame"]').filter(has_text=say("plan.prio.in_plan")).first
    grid.scroll_into_view_if_needed()
    settled(page)
    for row in range(len(PROJECTS)):  # the « Retenu » box of each row (second column), clicked
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 113, box["y"] + 35 + 35 * row + 17)
        page.wait_for_timeout(200)
    page.get_by_role("button", name=say("plan.prio.save")).click()
    wait_idle(page)
    _step(page, "18-plan-priorities")
    plan_id = db.plan().id
    poll(page, lambda: len(db(plan_service.load_board, plan_id).retained) == len(PROJECTS))
    page.get_by_text(say("plan.view.project"), exact=True).first.click()
    wait_idle(page)
    _pick(page, say("plan.project.pick"), PROJECTS[0][0])
    page.get_by_role("button", name=say("plan.project.save_schedule")).click()  # all on year 1, as proposed
    _success(page, "Programmation du projet P1.1.1 enregistrée")
    wait_idle(page)
    editor = page.locator('[data-testid="stDataFrame"]').filter(has_text=say("plan.fund.partner")).first
    editor.scroll_into_view_if_needed()
    settled(page)
    for row, (partner, year, amount) in enumerate(FUNDING):
        _grid_choose(page, editor, row, 0.11, PARTNERS[UI["lang"]][partner])
        _grid_choose(page, editor, row, 0.54, str(year))
        _grid_open(page, editor, row, 0.69, menu=False)
        page.keyboard.press("Control+a")
        page.keyboard.type(str(amount), delay=20)
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
    _step(page, "19-plan-funding-typed")
    page.get_by_role("button", name=say("plan.fund.save")).click()
    wait_idle(page)
    _success(page, "Financements du projet P1.1.1 enregistrés")
    _step(page, "19-plan-funding")
    p0 = next(p for p in db(plan_service.load_board, plan_id).retained if p.title == PROJECTS[0][0])
    got = sorted((f.partner_code, f.year, f.amount) for f in p0.budget.fundings)
    assert got == sorted(FUNDING), got
    page.get_by_text(say("plan.view.budget"), exact=True).first.click()
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)  # the capacity gauge, drawn offline
    _step(page, "20-plan-gauge")


def _indicator(page, url: str, db: Reader) -> None:  # type: ignore[no-untyped-def]
    from pac.ui.kit.bitext import label as bi_label

    _open(page, url, "suivi-evaluation")
    for key, value in INDICATOR.items():
        name = say(key) if "." in key else key
        if key in (
            "monitoring.ind.name",
            "monitoring.ind.unit",
            "monitoring.ind.source",
            "monitoring.ind.responsible",
        ):
            # French | Arabic side by side: the French box
            name = bi_label(name, "fr", UI["lang"])
        page.get_by_label(name, exact=True).fill(value)
    page.get_by_role("button", name=say("monitoring.ind.add")).click()
    wait_idle(page)
    plan_id = db.plan().id
    poll(
        page, lambda: len(db(monitoring.load_indicators, plan_id).indicators) == 1, what="no indicator saved"
    )
    _step(page, "21-indicator")
    [ind] = db(monitoring.load_indicators, plan_id).indicators
    assert (ind.name, ind.unit, ind.baseline_value, ind.baseline_year) == (
        INDICATOR["monitoring.ind.name"],
        INDICATOR["monitoring.ind.unit"],
        4,
        2026,
    ), ind
    assert ind.targets.get(2027) == 10 and ind.source == INDICATOR["monitoring.ind.source"], ind


def _checklist(page, url: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, url, "tableau-de-bord")
    # « exigence » / « إلزامي »: a word of the summary whatever the count (its forms agree with it)
    page.get_by_text(say("compliance.n_required.one", n=1).split(" ")[1]).first.wait_for(timeout=30_000)
    _step(page, "22-checklist")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_whole_workshop(lang: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The French run on one commune, the Arabic run (the facilitator picks العربية at sign-in) on another."""
    UI["lang"] = lang
    PROBLEMS.clear()
    with live_server(tmp_path / "workshop.db") as server:
        db = Reader(server.db_url)
        page = browser.new_page(viewport=LAPTOP)
        try:
            _sign_in_first_start(page, server.url)
            _commune_and_plan(page, server.url, db)
            _findings(page, server.url, db, tmp_path)
            _swot(page, server.url, db)
            _strategy(page, server.url, db)
            _projects(page, server.url, db)
            _vote(page, server.url, db, browser)
            _subsidiarity(page, server.url, db)
            _plan(page, server.url, db)
            _indicator(page, server.url, db)
            _checklist(page, server.url)
            assert not PROBLEMS, PROBLEMS
        except Exception:
            shot(page, f"workshop-{lang}-failed")
            raise
        finally:
            page.close()
