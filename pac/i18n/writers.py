"""The few words the document writers add around the content (page numbers, contents, empty tables)."""

FR = {
    "writers.page": "Page {n} / {total}",
    "writers.toc": "Table des matières",
    "writers.toc_update": "La table des matières se met à jour à l'ouverture du document (acceptez la mise à jour "
    "des champs) ; sinon : clic droit ici, puis « Mettre à jour les champs ».",
    "writers.missing": "Donnée manquante",
    "writers.empty_table": "Aucune ligne enregistrée pour ce tableau.",
    "writers.figure_unreadable": "Graphique non disponible (image illisible).",
}

AR = {
    "writers.page": "الصفحة {n} من {total}",
    "writers.toc": "الفهرس",
    "writers.toc_update": "يُحدَّث الفهرس عند فتح الوثيقة (اقبلوا تحديث الحقول)؛ وإلا فانقروا هنا بالزر الأيمن ثم "
    "اختاروا « تحديث الحقل ».",
    "writers.missing": "معطيات غير متوفرة",
    "writers.empty_table": "لا توجد أي معطيات مسجلة في هذا الجدول.",
    "writers.figure_unreadable": "الرسم البياني غير متوفر (صورة غير مقروءة).",
}
