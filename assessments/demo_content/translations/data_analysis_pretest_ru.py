"""The crane data analysis pre-test in Russian.

Same structure and order as ``DATA_ANALYSIS_PRE_TEST`` in ``assessments.demo_questions``,
so that every text lines up with its source segment. The feedback quotes figures computed
from the practice data, taken from the same computation as the source's and written as the
final quiz writes them (``data_analysis_quiz_ru.practice_figure``).
Species names follow courses/demo_content/translations/crane_surveys_ru.py.
"""

from assessments.demo_content.translations.data_analysis_quiz_ru import practice_figure

QUIZ = {
    "title": "Анализ данных учётов журавлей: входной тест",
    "intro": "Отвечайте исходя из того, что уже знаете: этот тест не оценивается для завершения курса.",
    "questions": [
        {
            "prompt": (
                "Учебные данные, лист исходных данных (raw). Сколько строк данных на этом листе, "
                "не считая строки заголовка? (На очищенном листе на одну строку меньше; почему — "
                "объясняется в первом модуле.)"
            ),
            "general_feedback": (
                f"Строк данных: {practice_figure('raw_rows')}; одна из них была введена дважды и "
                "на очищенном листе удалена."
            ),
        },
        {
            "prompt": (
                "Учебные данные, очищенный лист. Сколько даурских журавлей насчитал синхронный "
                "учёт 2017 года, если исключить птиц, учтённых дважды (столбец already_counted)?"
            ),
            "general_feedback": (
                "Сумма столбца total минус сумма столбца already_counted по строкам даурского "
                f"журавля за 2017 год; итого {practice_figure('white_naped_total_2017')}."
            ),
        },
        {
            "prompt": (
                "Учебные данные, очищенный лист. Какова доля молодых птиц (в процентах) у чёрного "
                "журавля в 2019 году по всем участкам (молодые среди птиц с определённым "
                "возрастом)? Дайте ответ с одним знаком после запятой."
            ),
            "general_feedback": (
                "Сложите взрослых и молодых по всем участкам, затем 100 × молодые / (взрослые + "
                f"молодые) = {practice_figure('hooded_ratio_2019')} %."
            ),
        },
        {
            "prompt": "Какая запись даты не допускает двоякого прочтения и правильно сортируется?",
            "general_feedback": "Сначала год, затем месяц и день двумя цифрами: 2024-09-28.",
            "choices": [
                {"text": "2024-09-28"},
                {"text": "28.09.2024"},
                {"text": "09/28/2024"},
                {"text": "28 сент."},
            ],
        },
    ],
}
