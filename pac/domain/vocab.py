"""Codes of the closed lists of the domain.  Labels live in the translation table
under `vocab.<list>.<code>` (see pac/i18n)."""

from __future__ import annotations

SOURCES = ("monograph", "institutional", "diagnostic_workshop", "thematic_workshop")
FINDING_KINDS = ("asset", "constraint", "need", "potential", "risk")
QUADRANTS = ("S", "W", "O", "T")  # forces, faiblesses, opportunités, menaces
VOICES = ("women", "youth", "elected", "diaspora", "staff", "civil_society", "state_services", "other", "")
ROLES = ("elected", "ieeag", "staff", "state_service", "civil_society", "diaspora", "other")
SEXES = ("f", "m")
AGE_BANDS = ("18-24", "25-34", "35-49", "50-64", "65+")
COMMUNE_KINDS = ("rural", "urban")
WORKSHOP_KINDS = ("diagnostic", "thematic", "planning", "validation")
PROJECT_STATUSES = ("proposed", "retained", "rejected")
COMPETENCE_LEVELS = (
    "own",  # LO 113-14 art. 83 (and 85, 86)
    "shared",  # art. 87, by agreement with the State
    "transferred",  # art. 90
    "province",  # LO 112-14
    "region",  # LO 111-14
    "state",  # a State service
    "public_body",  # ONEE, ABH, ...
)
PARTNER_KINDS = (
    "commune", "state", "region", "province", "public_body", "programme",
    "civil_society", "diaspora", "cooperation", "private",
)
FUNDING_STATUSES = ("secured", "negotiation", "to_find")
INDICATOR_LEVELS = ("output", "outcome", "impact")
FREQUENCIES = ("monthly", "quarterly", "half_yearly", "yearly", "mid_term", "end")
DISAGGREGATIONS = ("sex", "age", "douar")
VOTE_METHODS = ("dots", "points", "scoring")
ROUND_STATUSES = ("draft", "open", "closed")
MARKERS = (
    "gender",
    "climate_adaptation",
    "climate_mitigation",
    "desertification",
    "biodiversity",
    "environment",
    "migration",
)
MARKER_VALUES = (0, 1, 2)
PLAN_YEARS = 6  # LO 113-14 art. 78: a PAC covers six years
TRIENNIAL_YEARS = 3  # resources and expenses are estimated for the first three years
