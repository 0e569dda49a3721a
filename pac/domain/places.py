"""Morocco's regions and provinces by their Arabic names, so that an Arabic document names them in Arabic.

The commune catalogue (data/communes.csv) and a commune's form hold the province and the region as typed
in French.  These are the names of the territorial division of 2015 (twelve regions; the provinces of the
regions the mission works in).  A name not listed is shown as typed.  Pure data: no database, no Streamlit.
"""

from __future__ import annotations

REGIONS_AR: dict[str, str] = {
    "Tanger-Tétouan-Al Hoceïma": "طنجة تطوان الحسيمة",
    "L'Oriental": "الشرق",
    "Fès-Meknès": "فاس مكناس",
    "Rabat-Salé-Kénitra": "الرباط سلا القنيطرة",
    "Béni Mellal-Khénifra": "بني ملال خنيفرة",
    "Casablanca-Settat": "الدار البيضاء سطات",
    "Marrakech-Safi": "مراكش آسفي",
    "Drâa-Tafilalet": "درعة تافيلالت",
    "Souss-Massa": "سوس ماسة",
    "Guelmim-Oued Noun": "كلميم واد نون",
    "Laâyoune-Sakia El Hamra": "العيون الساقية الحمراء",
    "Dakhla-Oued Ed-Dahab": "الداخلة وادي الذهب",
}

PROVINCES_AR: dict[str, str] = {
    # Souss-Massa
    "Agadir Ida-Outanane": "أكادير إداوتنان",
    "Inezgane-Aït Melloul": "إنزكان آيت ملول",
    "Chtouka-Aït Baha": "اشتوكة آيت باها",
    "Taroudant": "تارودانت",
    "Tiznit": "تيزنيت",
    "Tata": "طاطا",
    # Guelmim-Oued Noun
    "Guelmim": "كلميم",
    "Sidi Ifni": "سيدي إفني",
    "Tan-Tan": "طانطان",
    "Assa-Zag": "آسا الزاك",
}


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


_REGIONS = {_key(k): v for k, v in REGIONS_AR.items()}
_PROVINCES = {_key(k): v for k, v in PROVINCES_AR.items()}


def region_name(name: str | None, lang: str) -> str:
    """The region `name` (as typed in French) in `lang`; as typed when not known."""
    name = name or ""
    return _REGIONS.get(_key(name), name) if lang == "ar" else name


def province_name(name: str | None, lang: str) -> str:
    """The province `name` (as typed in French) in `lang`; as typed when not known."""
    name = name or ""
    return _PROVINCES.get(_key(name), name) if lang == "ar" else name
