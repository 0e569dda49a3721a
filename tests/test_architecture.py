"""The layers of DESIGN.md, enforced: pages never touch SQL or ORM objects; only pac/ui imports streamlit."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _py(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _hits(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in forbidden)
    )


@pytest.mark.parametrize("path", [ROOT / "app.py", *_py("pages")], ids=lambda p: p.name)
def test_pages_never_touch_sql_or_orm(path: Path) -> None:
    assert _hits(path, ("sqlalchemy", "pac.models", "pac.db")) == []


@pytest.mark.parametrize(
    "path",
    [p for p in _py("pac") if "ui" not in p.relative_to(ROOT / "pac").parts],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_pac_ui_imports_streamlit(path: Path) -> None:
    assert _hits(path, ("streamlit", "st_aggrid")) == []


@pytest.mark.parametrize("path", _py("pac/domain"), ids=lambda p: p.name)
def test_domain_is_pure(path: Path) -> None:
    """Rules import nothing that does I/O: no database, no services, no exports."""
    assert _hits(path, ("sqlalchemy", "pac.models", "pac.db", "pac.services", "pac.exports", "pac.ui")) == []


@pytest.mark.parametrize("path", _py("pac/exports"), ids=lambda p: p.name)
def test_exports_take_plain_data(path: Path) -> None:
    assert _hits(path, ("sqlalchemy", "pac.models", "pac.db", "pac.services", "pac.ui")) == []


@pytest.mark.parametrize("path", _py("pac/services"), ids=lambda p: p.name)
def test_services_do_not_reach_up(path: Path) -> None:
    assert _hits(path, ("pac.ui",)) == []


def test_no_path_of_a_machine_in_the_project() -> None:
    """The project speaks of itself only."""
    suspects = ("/work/", "/tmp/venv", "/root/")
    offenders = []
    if (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    else:  # an archive of the project, not a checkout
        listed = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if ".venv" not in p.parts]
    for path in (ROOT / name for name in listed):
        if not path.is_file():
            continue
        if path.suffix not in {".py", ".md", ".toml", ".txt", ".csv", ".json", ".cfg", ".sh", ""}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        offenders += [
            f"{path.relative_to(ROOT)}: {s}"
            for s in suspects
            if s in text and path.name != "test_architecture.py"
        ]
    assert offenders == []


@pytest.mark.parametrize("path", [p for p in _py("pages") if p.name != "voter.py"], ids=lambda p: p.name)
def test_every_facilitator_page_locks_out_visitors(path: Path) -> None:
    """Behind the navigation, each facilitator page also stops for a visitor (widgets.page or require_facilitator)."""
    source = path.read_text(encoding="utf-8")
    assert 'page("nav.' in source or "state.require_facilitator()" in source


# --------------------------------------------------------------------------- rooms: one step, one name

# The sidebar's steps (pac/ui/kit/nav.py), plus the participant's hidden page.
STEP_NAMES = {
    Path(p).stem
    for p in (
        "home",
        "communes",
        "diagnostic",
        "swot",
        "vision",
        "projects",
        "vote",
        "subsidiarity",
        "plan",
        "monitoring",
        "documents",
        "adoption",
        "catalogues",
        "voter",
        "translation",
        "backups",
    )
}
# Modules that serve several steps keep a neutral name.
NEUTRAL = {
    "services": {"audit", "auth", "catalogues", "common", "compliance", "demo", "setup", "workbook"},
    "domain": {
        "bilingual",
        "compliance",
        "conflict",
        "errors",
        "finance",
        "fmt",
        "markers",
        "passwords",
        "places",
        "validate",
        "vocab",
        "workbook",
        "diagnostic_import",
    },
}


def test_every_page_is_a_step_of_the_sidebar() -> None:
    from pac.ui.kit.nav import STEPS, VOTER

    assert {Path(s.path).stem for s in (*STEPS, VOTER)} == {p.stem for p in _py("pages")}
    assert {Path(s.path).stem for s in (*STEPS, VOTER)} <= STEP_NAMES


def test_pac_ui_is_a_kit_and_one_folder_per_step() -> None:
    rooms = {p.name for p in (ROOT / "pac" / "ui").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert rooms - {"kit"} <= STEP_NAMES
    loose = [p.name for p in (ROOT / "pac" / "ui").glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "a module of pac/ui belongs to the kit or to one step's folder"


@pytest.mark.parametrize("layer", ["services", "domain"])
def test_modules_are_named_after_a_step_or_neutral(layer: str) -> None:
    names = {p.stem for p in (ROOT / "pac" / layer).glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in (ROOT / "pac" / layer).iterdir() if (p / "__init__.py").exists()}
    assert names - STEP_NAMES - NEUTRAL[layer] == set()


def test_charts_are_named_after_their_step() -> None:
    charts = {p.stem.removeprefix("charts_") for p in (ROOT / "pac" / "exports").glob("charts_*.py")}
    assert charts <= STEP_NAMES


def _ui_room(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["pac", "ui"] else None


@pytest.mark.parametrize("path", _py("pac/ui"), ids=lambda p: str(p.relative_to(ROOT / "pac" / "ui")))
def test_a_step_never_imports_another_steps_ui_folder(path: Path) -> None:
    """What two steps need goes to the kit; the kit needs no step."""
    room = path.relative_to(ROOT / "pac" / "ui").parts[0]
    if room == "__init__.py":
        return
    reached = {_ui_room(m) for m in imported_modules(path)} - {None, "kit", room}
    assert reached == set()


@pytest.mark.parametrize("path", _py("pages"), ids=lambda p: p.name)
def test_a_page_uses_the_kit_and_its_own_ui_folder(path: Path) -> None:
    reached = {_ui_room(m) for m in imported_modules(path)} - {None, "kit", path.stem}
    assert reached == set()


LONG = 600


@pytest.mark.parametrize("path", _py("pac"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_long_unless_its_docstring_says_why(path: Path) -> None:
    """A module of pac/ stays under ~600 lines; a longer one says why in its docstring (« 600 lines »)."""
    if "migrations" in path.parts:  # frozen migrations are history, never edited
        return
    if "i18n" in path.parts:  # translation tables are data: one line a text, in two languages
        return
    text = path.read_text(encoding="utf-8")
    if text.count("\n") <= LONG:
        return
    doc = ast.get_docstring(ast.parse(text)) or ""
    assert "600 lines" in doc, f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines"
