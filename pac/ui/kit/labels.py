"""Labels of closed lists and catalogues in the reader's language, and the signed-in user's name."""

from __future__ import annotations

from pac.domain import vocab
from pac.i18n import t, vocab_labels
from pac.services import catalogues
from pac.ui.kit import state


def username() -> str:
    u = state.user()
    return (u.display_name or u.username) if u is not None else ""


def sector_labels(lang: str) -> dict[str, str]:
    return catalogues.sector_names(state.get_db(), lang)


def labels(list_name: str, lang: str) -> dict[str, str]:
    codes = {
        "sources": vocab.SOURCES,
        "finding_kinds": vocab.FINDING_KINDS,
        "voices": vocab.VOICES,
        "quadrants": vocab.QUADRANTS,
    }[list_name]
    return vocab_labels(list_name, [c for c in codes if c != ""], lang)


def none_label(lang: str) -> str:
    return t("diag.none", lang)
