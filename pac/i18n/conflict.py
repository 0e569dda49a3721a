"""A save refused because someone else saved the same record meanwhile (pac.ui.kit.conflict)."""

FR = {
    "conflict.title": "Quelqu'un d'autre a enregistré cette fiche depuis que vous l'avez ouverte : rien n'a été "
    "enregistré. Comparez les deux versions et choisissez.",
    "conflict.field": "Champ",
    "conflict.theirs": "Version enregistrée (l'autre personne)",
    "conflict.mine": "Votre version",
    "conflict.keep_mine": "Garder ma version",
    "conflict.take_theirs": "Prendre la version enregistrée",
    "conflict.kept": "Votre version est enregistrée (elle remplace l'autre).",
    "conflict.taken": "La version enregistrée est reprise ; votre modification est abandonnée.",
}

AR = {
    "conflict.title": "قام شخص آخر بحفظ هذه البطاقة منذ أن فتحتموها: لم يُحفظ أي شيء. قارنوا بين النسختين واختاروا.",
    "conflict.field": "الحقل",
    "conflict.theirs": "النسخة المحفوظة (الشخص الآخر)",
    "conflict.mine": "نسختكم",
    "conflict.keep_mine": "الاحتفاظ بنسختي",
    "conflict.take_theirs": "اعتماد النسخة المحفوظة",
    "conflict.kept": "تم حفظ نسختكم (وهي تعوض النسخة الأخرى).",
    "conflict.taken": "تم اعتماد النسخة المحفوظة؛ وتم التخلي عن تعديلكم.",
}
