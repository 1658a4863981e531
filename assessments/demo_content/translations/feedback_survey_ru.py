"""The flagship courses' feedback survey in Russian.

``items`` follow ``assessments.demo.SURVEY_ITEMS`` and ``likert`` follows ``LIKERT_SCALE``,
in the same order; ``{course}`` in the title is the course's Russian title.
"""

SURVEY = {
    "title": "{course}: ваш отзыв",
    "intro": "Три утверждения и один вопрос; в отчётах ответы анонимны. Спасибо, что уделили время.",
    "items": [
        "Курс был полезен для моей полевой работы.",
        "Тесты и упражнения помогли мне учиться.",
        "Мне было удобно проходить курс на моём устройстве.",
        "Что бы вы изменили в этом курсе?",
    ],
    "likert": [
        "Совершенно не согласен",
        "Не согласен",
        "Затрудняюсь ответить",
        "Согласен",
        "Полностью согласен",
    ],
}
