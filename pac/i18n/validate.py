"""The shared validators' refusals (pac.domain.validate), for a reader of Arabic: the validators write
French; `pac.domain.validate.in_lang` matches their wording and says it in the reader's language."""

FR = {
    "validate.required": "ce champ est obligatoire.",
    "validate.number_required": "une valeur numérique est obligatoire.",
    "validate.date_required": "une date est obligatoire.",
    "validate.type": "type de valeur inattendu.",
    "validate.too_long": "le texte dépasse {max} caractères ({n}).",
    "validate.html": "le texte ne doit pas contenir de balises HTML ou de script.",
    "validate.bad_char": "le texte contient un caractère invalide ({code}).",
    "validate.not_number": "« {value} » n'est pas un nombre.",
    "validate.not_integer": "« {value} » doit être un nombre entier.",
    "validate.too_big": "la valeur {value} est trop grande pour être plausible.",
    "validate.min": "la valeur doit être supérieure ou égale à {min} (reçu {value}).",
    "validate.max": "la valeur doit être inférieure ou égale à {max} (reçu {value}).",
    "validate.year_out": "l'année {year} est hors de la période {first}–{last}.",
    "validate.choice": "« {value} » n'est pas une valeur permise.",
    "validate.not_date": "« {value} » n'est pas une date (format attendu AAAA-MM-JJ ou JJ/MM/AAAA).",
    "validate.conflict": "a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert : rien n'a été "
    "enregistré.",
}

AR = {
    "validate.required": "هذه الخانة إلزامية.",
    "validate.number_required": "يجب إدخال قيمة عددية.",
    "validate.date_required": "يجب إدخال تاريخ.",
    "validate.type": "نوع قيمة غير متوقع.",
    "validate.too_long": "يتجاوز النص {max} حرفا ({n}).",
    "validate.html": "يجب ألا يتضمن النص وسوم HTML أو برامج نصية.",
    "validate.bad_char": "يتضمن النص حرفا غير صالح ({code}).",
    "validate.not_number": "«{value}» ليس عددا.",
    "validate.not_integer": "يجب أن يكون «{value}» عددا صحيحا.",
    "validate.too_big": "القيمة {value} كبيرة جدا بحيث لا يمكن أن تكون صحيحة.",
    "validate.min": "يجب أن تكون القيمة أكبر من {min} أو مساوية لها (القيمة المدخلة: {value}).",
    "validate.max": "يجب أن تكون القيمة أصغر من {max} أو مساوية لها (القيمة المدخلة: {value}).",
    "validate.year_out": "السنة {year} خارج الفترة {first}–{last}.",
    "validate.choice": "«{value}» ليست قيمة مقبولة.",
    "validate.not_date": "«{value}» ليس تاريخا (الصيغة المنتظرة: AAAA-MM-JJ أو JJ/MM/AAAA).",
    "validate.conflict": "عُدّل من طرف شخص آخر منذ أن فتحتموه: لم يُحفظ أي شيء.",
}
