"""The crane data analysis final quiz in Russian.

Same structure and order as ``DATA_ANALYSIS_QUIZ`` in ``assessments.demo_questions``. The
figures of the practice data are taken from the same computation as the source's (never typed
in) and written as Russian writes numbers (decimal comma, a space between thousands), so each
translated feedback names the figure its source names. A number is never followed by a noun
that would have to agree with it. Terms follow the course
(courses/demo_content/translations/crane_data_analysis_ru.py).
"""

from assessments.demo_questions import PRACTICE
from portal.core.formatting import format_number


def practice_figure(key: str) -> str:
    """The practice figure ``key`` with the decimals the source shows, in Russian notation."""
    value = PRACTICE[key]
    return format_number(value, places=len(str(value).partition(".")[2]), language="ru")


QUIZ = {
    "title": "Анализ данных учётов журавлей: итоговый тест",
    "intro": (
        "Даётся три попытки; засчитывается лучший результат. Какие ответы были верными, "
        "вы увидите после последней попытки."
    ),
    "questions": [
        {
            "prompt": (
                "Учебные данные, очищенный лист. Каков итог синхронного учёта чёрного журавля "
                "в 2021 году, если исключить птиц, учтённых дважды (столбец already_counted)?"
            ),
            "general_feedback": (
                "Сумма столбца total минус сумма столбца already_counted по строкам чёрного "
                f"журавля за 2021 год; итого {practice_figure('hooded_total_2021')}."
            ),
        },
        {
            "prompt": (
                "Учебные данные, очищенный лист. Какова доля молодых птиц (в процентах) у "
                "даурского журавля на участке S05 в 2023 году? Дайте ответ с одним знаком после "
                "запятой."
            ),
            "general_feedback": (
                "100 × молодые / (взрослые + молодые), без птиц неустановленного возраста: "
                f"{practice_figure('white_naped_ratio_s05_2023')} %."
            ),
        },
        {
            "prompt": (
                "Учебные данные, очищенный лист. Каков средний размер выводка (число молодых на "
                "одну учтённую семью) у чёрного журавля в 2024 году по всем участкам? Дайте ответ "
                "с двумя знаками после запятой."
            ),
            "general_feedback": (
                "(families_1_juv + 2 × families_2_juv) / (families_1_juv + families_2_juv), "
                "где каждый столбец просуммирован по участкам: "
                f"{practice_figure('hooded_brood_2024')}."
            ),
        },
        {
            "prompt": (
                "Учебные данные, очищенный лист. Возьмите участки, где чёрного журавля учитывали "
                "во всех десяти сезонах, и для каждого сезона — сумму total минус already_counted "
                "по этим участкам. Подберите логлинейный тренд: на сколько процентов за сезон "
                "меняется численность? Дайте ответ с одним знаком после запятой."
            ),
            "general_feedback": (
                "Наклон b прямой ln(итог) от сезона даёт 100 × (exp(b) − 1) = "
                f"{practice_figure('hooded_trend')} % за сезон."
            ),
        },
        {
            "prompt": (
                "Учебные данные, очищенный лист. Чему равен индекс 2025 года для даурского "
                "журавля на участках, учтённых во всех десяти сезонах (total минус "
                "already_counted), если 2016 год принят за 100? Дайте ответ с одним знаком после "
                "запятой."
            ),
            "general_feedback": (
                "100 × итог 2025 года / итог 2016 года = "
                f"{practice_figure('white_naped_index_2025')}."
            ),
        },
        {
            "prompt": (
                "Ваш ряд учётов показывает явное снижение численности на ваших участках. Какой "
                "вывод можно сделать на основании одного только тренда?"
            ),
            "general_feedback": (
                "Тренд описывает учтённые участки. Птицы могли переместиться на другие участки, "
                "могла измениться вероятность их обнаружения, а прямая, проведённая через "
                "прошлое, — не прогноз."
            ),
            "choices": [
                {
                    "text": "За этот период учтённые участки использовало меньше журавлей.",
                    "feedback": "",
                },
                {"text": "Мировая численность вида сокращается.", "feedback": ""},
                {"text": "Снижение вызвано плохим размножением.", "feedback": ""},
                {"text": "Снижение продолжится с той же скоростью.", "feedback": ""},
            ],
        },
        {
            "prompt": (
                "Участок, который не посещали, нужно внести с результатом 0, чтобы итог сезона "
                "всё равно можно было подсчитать."
            ),
            "general_feedback": (
                "Неверно. У пропущенного учёта нет результата: оставьте ячейку пустой и укажите "
                "причину. 0 означает, что участок учитывали и журавлей там не было."
            ),
        },
        {
            "prompt": "Как на карте с кругами размер круга должен зависеть от численности?",
            "general_feedback": (
                "Читатель сравнивает площади: площадь круга должна быть пропорциональна "
                "численности, то есть радиус — квадратному корню из неё."
            ),
            "choices": [
                {"text": "Площадь круга пропорциональна численности.", "feedback": ""},
                {"text": "Радиус круга пропорционален численности.", "feedback": ""},
                {"text": "Меняется только цвет, размер остаётся прежним.", "feedback": ""},
            ],
        },
    ],
}
