"""Streamlit's own English words never reach a French or Arabic user (issue 10): every page is walked in
French and in Arabic, and the few words Streamlit writes itself — « Upload », « 200MB per file »,
« Press Enter to submit form », « No results », « dd / mm / yyyy », « Select all »… — must not be
visible.  Screenshots: test-artifacts/english-*.png."""

from __future__ import annotations

import pytest

from pac.ui.kit.nav import STEPS
from tests.browser import LiveServer, needs_browser, shot, signed_in_page, wait_idle

pytestmark = [pytest.mark.browser, needs_browser]

ENGLISH = [
    "Select all",
    "matches",
    "No results",
    "Upload",
    "per file",
    "Drag and drop",
    "Browse files",
    "Press Enter",
    "Page not found",
    "Choose an option",
    "Choose options",
]
DATE_PARTS = ["dd", "mm", "yyyy"]

# The English words the page shows: an element showing one of them in its own text, drawn, not shrunk to
# nothing (the kit hides them with font-size 0 and writes the translation with ::after).
_VISIBLE_ENGLISH = """([words, dateParts]) => {
    const shown = el => {
        if (!el.getClientRects().length) return false;
        const s = getComputedStyle(el);
        return s.visibility !== 'hidden' && parseFloat(s.fontSize) > 0;
    };
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('');
        if (!own.trim() || !shown(el)) continue;
        for (const w of words) if (own.includes(w)) out.push(w + ' :: ' + own.trim().slice(0, 80));
        if (el.closest('[data-testid="stDateInputField"]') && dateParts.includes(own.trim()))
            out.push('date :: ' + own.trim());
    }
    for (const i of document.querySelectorAll('input, textarea'))  // a placeholder shows in an empty field
        if (!i.value && shown(i))
            for (const w of words) if ((i.placeholder || '').includes(w)) out.push('placeholder :: ' + i.placeholder);
    return out;
}"""


def _english(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate(_VISIBLE_ENGLISH, [ENGLISH, DATE_PARTS])


def _walk(page, server: LiveServer, lang: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[str]] = {}
    links = '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"], [data-testid="stSidebar"] a'
    # On a loaded machine the menu is drawn a moment after the page: wait for it before reading it.
    page.locator('[data-testid="stSidebar"] a').nth(len(STEPS) - 2).wait_for(state="attached", timeout=60_000)
    hrefs = page.evaluate(f"() => [...document.querySelectorAll('{links}')].map(a => a.getAttribute('href'))")
    hrefs = list(dict.fromkeys(hrefs))
    assert len(hrefs) >= len(STEPS) - 1, hrefs  # every step of the menu is walked
    for href in hrefs:
        page.locator(f'[data-testid="stSidebar"] a[href="{href}"]').first.click()
        wait_idle(page)
        page.wait_for_timeout(300)
        # every tab of the page, for the widgets drawn in them
        tabs = page.locator('[data-testid="stMain"] [role="tab"]')
        for i in range(max(1, tabs.count())):
            if tabs.count() > i:
                tabs.nth(i).click()
                wait_idle(page)
            words = _english(page)
            if words:
                found[f"{href or 'home'}#{i}"] = words
        shot(page, f"english-{lang}-{href or 'home'}")
    return found


def _arabic(page) -> None:  # type: ignore[no-untyped-def]
    page.locator('[data-testid="stSidebar"]').get_by_text("العربية").click()
    wait_idle(page)
    page.locator("html[dir=rtl], [data-testid='stApp'][dir=rtl], .stApp").first.wait_for(state="attached")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_english_word_of_streamlit_on_any_page(browser, server: LiveServer, lang: str) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, "communes", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    if lang == "ar":
        _arabic(page)
    found = _walk(page, server, lang)
    assert not found, found
    page.close()


def test_the_words_streamlit_shows_on_typing_and_searching_are_not_english(
    browser, server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    """A field of a form being typed in, a list searched for nothing, an empty date, a file picker."""
    page = signed_in_page(browser, server, "communes", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    page.get_by_role("tab", name="Ateliers").click()
    wait_idle(page)
    form = page.locator('[data-testid="stForm"]').locator("visible=true").filter(has_text="Participation")
    form.get_by_label("Intitulé (français)", exact=True).click()
    page.keyboard.type("Atelier")
    page.wait_for_timeout(500)
    assert _english(page) == []  # no « Press Enter to submit form », no « dd / mm / yyyy »
    day = form.locator('[data-testid="stDateInputField"] [data-type="day"]').first
    assert page.evaluate("e => getComputedStyle(e, '::after').content", day.element_handle()) == '"jj"'
    page.get_by_label("Commune", exact=True).first.click()
    page.keyboard.type("zzzz")
    page.wait_for_timeout(500)
    assert _english(page) == []
    empty = page.locator('[role="option"][style*="contents"] > span').first
    assert (
        page.evaluate("e => getComputedStyle(e, '::after').content", empty.element_handle())
        == '"Aucun résultat"'
    )
    shot(page, "english-fr-no-results")
    page.keyboard.press("Escape")
    page.get_by_role("tab", name="Sauvegarde (classeur)").click()
    wait_idle(page)
    page.locator('[data-testid="stFileUploader"]').first.wait_for()
    assert _english(page) == []
    shot(page, "english-fr-upload")
    page.close()


TABLE_WORDS = ["Add row", "Show/hide columns", "Download as CSV", "Search", "Fullscreen"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_tables_toolbar_its_tooltips_and_the_skip_link_are_in_the_readers_language(  # type: ignore[no-untyped-def]
    browser, server: LiveServer, lang: str
) -> None:
    """The toolbar of an editable table (« Add row », « Download as CSV »…), its tooltips, the help buttons'
    « Help for … » and the « Skip to main content » link were English."""
    page = signed_in_page(browser, server, "communes", viewport={"width": 1366, "height": 800})
    wait_idle(page)
    if lang == "ar":
        _arabic(page)
    page.get_by_role("tab", name="Ateliers" if lang == "fr" else "الورشات").click()
    wait_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').locator("visible=true").first
    grid.scroll_into_view_if_needed()
    grid.hover()
    buttons = grid.locator('[data-testid="stElementToolbarButton"] button')
    buttons.first.wait_for(state="attached", timeout=10_000)
    labels = buttons.evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
    assert labels and not set(labels) & set(TABLE_WORDS), labels
    want = {"fr": "Plein écran", "ar": "ملء الشاشة"}[lang]
    assert want in labels, labels
    buttons.last.hover()
    tip = page.locator('[data-testid="stTooltipContent"]').locator("visible=true").first
    tip.wait_for(timeout=10_000)
    assert tip.inner_text().strip() == want
    skip = page.locator('[data-testid="stSkipToContent"]')
    assert (
        skip.inner_text().strip()
        == {"fr": "Aller au contenu principal", "ar": "الانتقال إلى المحتوى الرئيسي"}[lang]
    )
    helps = page.evaluate(
        "() => Array.from(document.querySelectorAll('[aria-label]')).map(e => e.getAttribute('aria-label'))"
    )
    assert not [h for h in helps if h.startswith("Help for")], helps
    shot(page, f"english-{lang}-table-toolbar")
    page.close()
