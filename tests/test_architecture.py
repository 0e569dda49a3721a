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
    return sorted(m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in forbidden))


@pytest.mark.parametrize("path", [ROOT / "app.py", *_py("pages")], ids=lambda p: p.name)
def test_pages_never_touch_sql_or_orm(path: Path) -> None:
    assert _hits(path, ("sqlalchemy", "pac.models", "pac.db")) == []


@pytest.mark.parametrize(
    "path", [p for p in _py("pac") if "ui" not in p.relative_to(ROOT / "pac").parts], ids=lambda p: str(p.relative_to(ROOT))
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
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.split()
    else:  # an archive of the project, not a checkout
        listed = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if ".venv" not in p.parts]
    for path in (ROOT / name for name in listed):
        if not path.is_file():
            continue
        if path.suffix not in {".py", ".md", ".toml", ".txt", ".csv", ".json", ".cfg", ".sh", ""}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        offenders += [f"{path.relative_to(ROOT)}: {s}" for s in suspects if s in text and path.name != "test_architecture.py"]
    assert offenders == []


@pytest.mark.parametrize("path", [p for p in _py("pages") if p.name != "voter.py"], ids=lambda p: p.name)
def test_every_facilitator_page_locks_out_visitors(path: Path) -> None:
    """Behind the navigation, each facilitator page also stops for a visitor (widgets.page or require_facilitator)."""
    source = path.read_text(encoding="utf-8")
    assert "page(\"nav." in source or "state.require_facilitator()" in source
