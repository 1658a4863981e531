"""The flagship courses' feedback survey in Mongolian (Cyrillic script).

``items`` follow ``assessments.demo.SURVEY_ITEMS`` and ``likert`` follows ``LIKERT_SCALE``,
in the same order; ``{course}`` in the title is the course's Mongolian title.
"""

SURVEY = {
    "title": "{course}: таны санал",
    "intro": "Гурван өгүүлбэр, нэг асуулт; тайланд нэр нь харагдахгүй. Цаг гаргасанд баярлалаа.",
    "items": [
        "Хичээл миний хээрийн ажилд хамааралтай байсан.",
        "Шалгалт, дасгалууд надад суралцахад тусалсан.",
        "Хичээлийг өөрийн хэрэглэдэг төхөөрөмж дээрээ үзэж чадсан.",
        "Энэ хичээлд юуг өөрчлөх байсан бэ?",
    ],
    "likert": [
        "Огт санал нийлэхгүй",
        "Санал нийлэхгүй",
        "Төвийг сахисан",
        "Санал нийлнэ",
        "Бүрэн санал нийлнэ",
    ],
}
