"""The Arabic interface is complete (issue 12): every key of the translation table has its Arabic, and no
user-facing French string is written outside the table in pages/ or pac/ui/.

Run as a script to see what is left, grouped by owner (module of pac/i18n, file of the UI):

    python -m tests.test_i18n_complete
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path

import pac.i18n as i18n
from pac.i18n import PLURAL_CATEGORIES, TABLE

ROOT = Path(__file__).resolve().parent.parent
ARABIC = re.compile("[\u0600-\u06ff]")

# --- the table ------------------------------------------------------------------------------------------


def _modules() -> dict[str, object]:
    return {
        m.name: importlib.import_module(f"pac.i18n.{m.name}")
        for m in sorted(pkgutil.iter_modules(i18n.__path__), key=lambda m: m.name)
    }


def _plural_base(key: str) -> str | None:
    head, _, last = key.rpartition(".")
    return head if last in PLURAL_CATEGORIES and head else None


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# Keys whose Arabic is rightly the French: file names stay in Latin letters (phones and mail clients
# mangle Arabic file names).
SAME_IN_BOTH = {"vote.cards_file"}


def _words(text: str) -> list[str]:
    """The words of a text a translator must translate: not its {placeholders}, nor acronyms (PDF, IEEAG)."""
    bare = re.sub(r"\{[^{}]*\}", " ", text)
    return [w for w in re.findall(r"[A-Za-zÀ-ÿœŒ]{2,}", bare) if not w.isupper()]


def arabic_gaps(fr: dict[str, str], ar: dict[str, str]) -> list[str]:
    """The keys of `fr` without a real Arabic text in `ar`.

    A key counts as missing when its Arabic is absent, empty, or (for a text with words to translate)
    written without a single Arabic letter.  A plural family (``key.one``/``key.other``…) needs, in
    Arabic, the five forms a count takes: one, two, few, many and other (zero falls back to other)."""
    gaps: list[str] = []
    families: set[str] = set()
    for key, text in fr.items():
        base = _plural_base(key)
        # A family is what tn() reads: French has its .one and .other (vocab.roles.other is a code).
        if base is not None and f"{base}.one" in fr and f"{base}.other" in fr:
            families.add(base)
            continue
        value = ar.get(key, "")
        if key in SAME_IN_BOTH or not _words(text):
            absent = key not in ar  # « {field} ({version}) », « PDF »: the same in both, but written
        else:
            absent = not value.strip() or not ARABIC.search(value)
        if absent:
            gaps.append(key)
    for base in sorted(families):
        gaps += [f"{base}.{c}" for c in ("one", "two", "few", "many", "other") if f"{base}.{c}" not in ar]
    return gaps


def missing_arabic() -> dict[str, list[str]]:
    """Per module of pac/i18n, the French keys without a real Arabic text (see `arabic_gaps`)."""
    out: dict[str, list[str]] = {}
    for name, module in _modules().items():
        gaps = arabic_gaps(getattr(module, "FR", {}), getattr(module, "AR", {}))
        if gaps:
            out[name] = gaps
    return out


def test_the_check_sees_what_arabic_lacks() -> None:
    fr = {
        "a.title": "Projets retenus",
        "a.copied": "Coût total",
        "a.code": "{field} ({version})",
        "a.pts.one": "{n} point",
        "a.pts.other": "{n} points",
        "a.done": "Enregistré",
    }
    ar = {
        "a.copied": "Coût total",
        "a.code": "{field} ({version})",
        "a.pts.one": "نقطة واحدة",
        "a.done": "تم الحفظ",
    }
    assert arabic_gaps(fr, ar) == [
        "a.title",
        "a.copied",
        "a.pts.two",
        "a.pts.few",
        "a.pts.many",
        "a.pts.other",
    ]


def placeholder_mismatches() -> list[str]:
    """Arabic texts whose {placeholders} differ from the French: `.format` would raise or drop a value."""
    bad = []
    for key, value in TABLE["ar"].items():
        base = _plural_base(key)
        french = TABLE["fr"].get(key) or (TABLE["fr"].get(f"{base}.other") if base else None)
        if french is None:
            continue
        # A plural form may say its count in words and leave values out (« لا يوجد أي مؤشر »), never
        # ask for one the caller does not give.
        extra = _fields(value) - _fields(french) - ({"n"} if base else set())
        lost = set() if base else _fields(french) - _fields(value)
        if extra or lost:
            bad.append(f"{key}: French {sorted(_fields(french))}, Arabic {sorted(_fields(value))}")
    return bad


def test_every_key_has_its_arabic() -> None:
    gaps = missing_arabic()
    report = "\n".join(
        f"  {mod}: {len(keys)} — {', '.join(keys[:8])}{' …' if len(keys) > 8 else ''}"
        for mod, keys in gaps.items()
    )
    assert not gaps, f"{sum(map(len, gaps.values()))} keys lack their Arabic:\n{report}"


def test_arabic_keeps_the_placeholders_of_the_french() -> None:
    assert placeholder_mismatches() == []


def test_every_arabic_key_belongs_to_a_french_one() -> None:
    """An Arabic key with no French twin is a typo (plural forms French does not need are fine)."""
    orphans = [
        k
        for k in TABLE["ar"]
        if k not in TABLE["fr"] and not ((b := _plural_base(k)) and f"{b}.other" in TABLE["fr"])
    ]
    assert orphans == []


# --- keys of tn() used in code ---------------------------------------------------------------------------

TN_KEY = re.compile(r"""\btn\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""")


def _sources() -> list[Path]:
    # pac/i18n/__init__.py shows tn() in its docstring with an example key.
    skip = ROOT / "pac" / "i18n" / "__init__.py"
    paths = [ROOT / "app.py", *sorted(ROOT.glob("pages/*.py")), *sorted(ROOT.glob("pac/**/*.py"))]
    return [p for p in paths if p != skip]


def test_every_plural_key_used_in_code_has_its_french_forms() -> None:
    missing = [
        f"{path.relative_to(ROOT)}: {key}.{form}"
        for path in _sources()
        for key in TN_KEY.findall(path.read_text(encoding="utf-8"))
        for form in ("one", "other")
        if f"{key}.{form}" not in TABLE["fr"]
    ]
    assert missing == []


# --- French written outside the table --------------------------------------------------------------------

# Streamlit calls (on st, st.sidebar, a column, a form…) whose first argument the user reads.
TEXT_CALLS = set(
    [
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "write",
        "text",
        "html",
        "info",
        "warning",
        "error",
        "success",
        "toast",
        "exception",
        "button",
        "download_button",
        "form_submit_button",
        "link_button",
        "page_link",
        "checkbox",
        "toggle",
        "radio",
        "selectbox",
        "multiselect",
        "select_slider",
        "slider",
        "text_input",
        "text_area",
        "number_input",
        "date_input",
        "time_input",
        "file_uploader",
        "color_picker",
        "metric",
        "expander",
        "popover",
        "tabs",
        "segmented_control",
        "pills",
        "spinner",
        "status",
        "chat_input",
        "camera_input",
        "dialog",
        "progress",
        "pick",
        "labelled",
    ]
)
# Keyword arguments the user reads, whatever the call.
TEXT_KEYWORDS = set(
    ["label", "help", "placeholder", "caption", "title", "body", "text", "value_label", "show_spinner"]
)
# Calls whose list arguments are options the user reads (st.tabs(["Axes", "Objectifs"])).
OPTION_CALLS = {"tabs", "radio", "selectbox", "multiselect", "segmented_control", "pills", "select_slider"}

LOGGERS = {"log", "logger", "logging", "warnings"}

FRENCH_HINT = re.compile(r"[àâçéèêëîïôûùüÿœÀÂÇÉÈÊËÎÏÔÛÙÜŸŒ]")
WORD = re.compile(r"[A-Za-zÀ-ÿœŒ]{2,}")
KEY_LIKE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_{}]+)+$")

# What must stay literal: each language's name is written in that language, the brand is a brand.
ALLOWED = {"Français", "العربية", "PAC Atelier", "QR", "CSV", "XLSX", "PDF", "DOCX", "Excel", "Word"}


def _clean(s: str) -> str:
    s = re.sub(r"<(style|script)\b.*?</\1>", " ", s, flags=re.S)
    s = re.sub(r"<[^>]*>", " ", s)  # tags and their attributes (class names are not French)
    s = re.sub(r"\{[^{}]*\}", " ", s)  # format placeholders
    s = re.sub(r":material/[a-z_]+:", " ", s)
    s = re.sub(r"https?://\S+", " ", s)
    return s


def is_user_text(s: str) -> bool:
    """A literal a reader would read: words, not a key, an icon, a colour, a code or a layout value."""
    s = s.strip()
    if not s or s in ALLOWED or KEY_LIKE.match(s) or s.endswith(".py"):  # a page's file, for page_link
        return False
    words = WORD.findall(_clean(s))
    words = [w for w in words if w not in ALLOWED]
    if not words:
        return False
    if FRENCH_HINT.search(s):
        return True
    # Lower-case single tokens are codes ("primary", "collapsed", "fr"); a capital or two words is text.
    return len(words) >= 2 or words[0][0].isupper()


def _literals(node: ast.AST) -> list[str]:
    """The literal text of an argument: a string, an f-string's fixed parts, a concatenation."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value for v in node.values if isinstance(v, ast.Constant))]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literals(node.left) + _literals(node.right)
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _is_streamlit(func: ast.expr) -> bool:
    """st.x, st.sidebar.x, st.column_config.X: rooted at the name `st`."""
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id == "st"


def french_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        args: list[ast.expr] = []
        # "…".join() and log.error("…") are not Streamlit calls.
        receiver_is_text = isinstance(node.func, ast.Attribute) and not (
            isinstance(node.func.value, ast.Constant)
            or (isinstance(node.func.value, ast.Name) and node.func.value.id in LOGGERS)
        )
        if name in TEXT_CALLS and (receiver_is_text or isinstance(node.func, ast.Name)) and node.args:
            args.append(node.args[0])
        if name and name.endswith("Column") and _is_streamlit(node.func) and node.args:
            args.append(node.args[0])  # st.column_config.NumberColumn("Coût (DH)")
        if name in OPTION_CALLS:
            for a in node.args[1:] + [k.value for k in node.keywords if k.arg == "options"]:
                if isinstance(a, ast.List | ast.Tuple):
                    args += a.elts
        args += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        for k in node.keywords:
            # labels={"text": "Constat"} (a grid's headers), format_func=lambda c: {"a": "Oui"}[c]
            value = k.value.body if isinstance(k.value, ast.Lambda) else k.value
            if k.arg in {"labels", "format_func", "column_config"}:
                dicts = [d for d in ast.walk(value) if isinstance(d, ast.Dict)]
                args += [v for d in dicts for v in d.values if v is not None]
        args = [e for a in args for e in (a.elts if isinstance(a, ast.List | ast.Tuple) else [a])]
        for a in args:
            for s in _literals(a):
                if is_user_text(s):
                    found.append((node.lineno, s))
    return sorted(set(found))


def ui_files() -> list[Path]:
    return [ROOT / "app.py", *sorted(ROOT.glob("pages/*.py")), *sorted(ROOT.glob("pac/ui/**/*.py"))]


def french_outside_table() -> dict[str, list[tuple[int, str]]]:
    out = {}
    for path in ui_files():
        hits = french_literals(path)
        if hits:
            out[str(path.relative_to(ROOT))] = hits
    return out


def test_the_scan_sees_french_literals() -> None:
    """The scan itself: it flags what a page must not write and leaves codes, keys and icons alone."""
    src = (
        "import streamlit as st\n"
        "st.button('Enregistrer')\n"
        "col.caption(f'Coût total : {x}')\n"
        "st.tabs(['Axes', t('k.a')])\n"
        "st.text_input(t('k.b'), help='Écrivez ici')\n"
        "st.column_config.NumberColumn('Montant', format='%d')\n"
        "st.button(t('k.c'), type='primary', icon=':material/save:', key='save_btn')\n"
        "st.html('<span class=\"pac-demo\">' + t('k.d') + '</span>')\n"
        "st.segmented_control(t('k.e'), ['fr', 'ar'], label_visibility='collapsed')\n"
        "', '.join(['Un texte'])\n"
        "data_grid(df, 'k', labels={'text': 'Constat', 'id': t('k.f')})\n"
    )
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
        f.write(src)
    try:
        hits = [s for _, s in french_literals(Path(f.name))]
    finally:
        Path(f.name).unlink()
    assert hits == ["Enregistrer", "Coût total : ", "Axes", "Écrivez ici", "Montant", "Constat"]
    assert is_user_text("<script>document.cookie = 'x';</script>") is False
    assert is_user_text("pages/communes.py") is False


def test_no_french_written_outside_the_table() -> None:
    found = french_outside_table()
    report = "\n".join(
        f"  {path}: " + "; ".join(f"l.{line} {text[:50]!r}" for line, text in hits)
        for path, hits in found.items()
    )
    assert not found, f"user-facing text written outside pac/i18n:\n{report}"


def main() -> None:
    gaps = missing_arabic()
    print(f"Keys without their Arabic: {sum(map(len, gaps.values()))}")
    for mod, keys in gaps.items():
        print(f"\n[pac/i18n/{mod}.py] {len(keys)}")
        for k in keys:
            print(
                f"  {k}  —  {TABLE['fr'].get(k, TABLE['fr'].get(k.rsplit('.', 1)[0] + '.other', ''))[:70]!r}"
            )
    bad = placeholder_mismatches()
    if bad:
        print(f"\nPlaceholders that differ: {len(bad)}")
        for b in bad:
            print(f"  {b}")
    found = french_outside_table()
    print(f"\nText written outside the table: {sum(map(len, found.values()))}")
    for path, hits in found.items():
        print(f"\n[{path}] {len(hits)}")
        for line, text in hits:
            print(f"  l.{line}: {text[:80]!r}")


if __name__ == "__main__":
    main()
