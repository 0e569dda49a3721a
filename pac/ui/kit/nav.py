"""The workshop steps as DESIGN.md lists them: one page per step, grouped by section."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    path: str  # file under pages/
    title_key: str
    icon: str
    url_path: str
    section: str  # translation key of the sidebar section


STEPS: tuple[Step, ...] = (
    # The first step is the default page after login.
    Step("pages/home.py", "nav.home", ":material/dashboard:", "tableau-de-bord", "nav.section.produce"),
    Step("pages/communes.py", "nav.communes", ":material/location_city:", "communes", "nav.section.prepare"),
    Step("pages/diagnostic.py", "nav.diagnostic", ":material/search:", "diagnostic", "nav.section.prepare"),
    Step("pages/swot.py", "nav.swot", ":material/grid_view:", "afom", "nav.section.workshop"),
    Step("pages/vision.py", "nav.vision", ":material/flag:", "vision", "nav.section.workshop"),
    Step("pages/projects.py", "nav.projects", ":material/construction:", "projets", "nav.section.workshop"),
    Step("pages/vote.py", "nav.vote", ":material/how_to_vote:", "vote", "nav.section.workshop"),
    Step(
        "pages/subsidiarity.py",
        "nav.subsidiarity",
        ":material/account_tree:",
        "subsidiarite",
        "nav.section.workshop",
    ),
    Step("pages/plan.py", "nav.plan", ":material/calendar_month:", "plan-triennal", "nav.section.workshop"),
    Step(
        "pages/monitoring.py",
        "nav.monitoring",
        ":material/monitoring:",
        "suivi-evaluation",
        "nav.section.workshop",
    ),
    Step("pages/documents.py", "nav.documents", ":material/description:", "documents", "nav.section.produce"),
    Step("pages/adoption.py", "nav.adoption", ":material/gavel:", "adoption", "nav.section.produce"),
    Step(
        "pages/translation.py", "nav.translation", ":material/translate:", "traduction", "nav.section.produce"
    ),
    Step("pages/backups.py", "nav.backups", ":material/backup:", "sauvegardes", "nav.section.produce"),
    Step(
        "pages/catalogues.py", "nav.catalogues", ":material/menu_book:", "referentiels", "nav.section.produce"
    ),
)

# The participant's phone page: registered for everyone, shown in no menu.
VOTER = Step("pages/voter.py", "nav.voter", ":material/how_to_vote:", "voter", "")

SECTIONS = ("nav.section.prepare", "nav.section.workshop", "nav.section.produce")
