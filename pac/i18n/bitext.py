"""Side-by-side French | Arabic inputs of the texts the commune writes (pac.ui.kit.bitext, pac.domain.vision)."""

FR = {
    "bitext.lang.fr": "français",
    "bitext.lang.ar": "arabe",
    "bitext.missing.fr": "version française manquante",
    "bitext.missing.ar": "version arabe manquante",
    "bitext.need_one": "remplissez au moins une des deux versions (français ou arabe).",
    "bitext.too_long": "le texte dépasse {max} caractères ({n}).",
    "bitext.no_html": "le texte ne doit pas contenir de balises HTML ou de script.",
    "bitext.bad_type": "un texte est attendu.",
}

AR = {
    "bitext.lang.fr": "بالفرنسية",
    "bitext.lang.ar": "بالعربية",
    "bitext.missing.fr": "الصيغة الفرنسية غير متوفرة",
    "bitext.missing.ar": "الصيغة العربية غير متوفرة",
    "bitext.need_one": "املأ إحدى الصيغتين على الأقل (الفرنسية أو العربية).",
    "bitext.too_long": "يتجاوز النص {max} حرفا ({n}).",
    "bitext.no_html": "يجب ألا يتضمن النص وسوم HTML أو برامج نصية.",
    "bitext.bad_type": "المطلوب نص.",
}
