"""Pieces shared by the tabs of the page « Projets »: the current project, labels, warnings."""

from __future__ import annotations

from pac.domain import markers as mk
from pac.i18n import t
from pac.services.projects import ProjectView


def marker_summary(p: ProjectView) -> str:
    """Short tags of the markers scored 1 or 2: « G2 · CA1 · M1 »."""
    short = {
        "gender": "G",
        "climate_adaptation": "CA",
        "climate_mitigation": "CM",
        "desertification": "D",
        "biodiversity": "B",
        "environment": "E",
        "migration": "M",
    }
    return " · ".join(f"{short[m]}{v}" for m, v in p.markers.items() if v in mk.TARGETED)


def warning_text(w: mk.MarkerWarning, lang: str) -> str:
    return t(f"projects.warn.{w.code}", lang)
