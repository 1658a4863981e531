"""The crane data analysis final quiz in Korean.

Same structure and order as ``DATA_ANALYSIS_QUIZ`` in ``assessments.demo_questions``. The
figures of the practice data are taken from the same computation as the source's (never typed
in), so each translated feedback names the figure its source names. Terms follow the course
(courses/demo_content/translations/crane_data_analysis_ko.py).
"""

from assessments.demo_questions import PRACTICE

QUIZ = {
    "title": "두루미 자료 분석: 최종 퀴즈",
    "intro": (
        "응시는 세 번까지 가능하며, 가장 높은 점수가 반영됩니다. "
        "어느 답이 정답이었는지는 마지막 응시 후에 확인할 수 있습니다."
    ),
    "questions": [
        {
            "prompt": (
                "연습용 데이터, clean 시트. 두 번 계수된 개체(already_counted 열)를 뺀 뒤, "
                "2021년 동시조사의 흑두루미 합계는 몇 마리입니까?"
            ),
            "general_feedback": (
                "2021년 흑두루미 행들의 total 합에서 already_counted 합을 뺀 값: "
                f"{PRACTICE['hooded_total_2021']}마리."
            ),
        },
        {
            "prompt": (
                "연습용 데이터, clean 시트. 2023년 S05 지점 재두루미의 유조 비율은 몇 퍼센트입니까? "
                "소수 첫째 자리까지 답하십시오."
            ),
            "general_feedback": (
                "100 × 유조 수 / (성조 수 + 유조 수), 연령 미상 개체는 제외: "
                f"{PRACTICE['white_naped_ratio_s05_2023']} %."
            ),
        },
        {
            "prompt": (
                "연습용 데이터, clean 시트. 2024년 전체 지점 흑두루미의 평균 유조 수(기록된 가족당 "
                "유조 수)는 얼마입니까? 소수 둘째 자리까지 답하십시오."
            ),
            "general_feedback": (
                "(families_1_juv + 2 × families_2_juv) / (families_1_juv + families_2_juv), "
                f"각각 모든 지점의 합: {PRACTICE['hooded_brood_2024']}."
            ),
        },
        {
            "prompt": (
                "연습용 데이터, clean 시트. 열 시즌 모두 계수된 흑두루미 지점들을 골라, 시즌마다 그 "
                "지점들의 total에서 already_counted를 뺀 값의 합을 구하십시오. 로그선형 추세를 맞추면 "
                "개체수는 시즌마다 몇 퍼센트 변합니까? 소수 첫째 자리까지 답하십시오."
            ),
            "general_feedback": (
                "시즌에 대한 ln(합계)의 기울기 b로 100 × (exp(b) - 1) = "
                f"시즌당 {PRACTICE['hooded_trend']} %."
            ),
        },
        {
            "prompt": (
                "연습용 데이터, clean 시트. 열 시즌 모두 계수된 지점의 재두루미(total에서 "
                "already_counted를 뺀 값)에 대해, 2016년 = 100으로 한 2025년의 지수는 얼마입니까? "
                "소수 첫째 자리까지 답하십시오."
            ),
            "general_feedback": (
                f"100 × 2025년 합계 / 2016년 합계 = {PRACTICE['white_naped_index_2025']}."
            ),
        },
        {
            "prompt": (
                "여러분의 계수 계열은 조사 지점에서 뚜렷한 감소를 보여 줍니다. 추세만으로 뒷받침할 수 "
                "있는 결론은 무엇입니까?"
            ),
            "general_feedback": (
                "추세는 계수한 지점들을 설명합니다. 두루미가 다른 지점으로 옮겨 갔을 수도 있고, "
                "발견율이 바뀌었을 수도 있으며, 과거를 지나는 직선은 예측이 아닙니다."
            ),
            "choices": [
                {"text": "그 기간 동안 계수한 지점을 이용한 두루미가 줄었다.", "feedback": ""},
                {"text": "그 종의 세계 개체수가 줄고 있다.", "feedback": ""},
                {"text": "감소의 원인은 번식 부진이다.", "feedback": ""},
                {"text": "감소는 같은 속도로 계속될 것이다.", "feedback": ""},
            ],
        },
        {
            "prompt": ("방문하지 않은 지점은 시즌 합계를 낼 수 있도록 계수 0으로 입력해야 한다."),
            "general_feedback": (
                "거짓입니다. 빠진 방문에는 계수가 없습니다. 빈칸으로 두고 이유를 적으십시오. "
                "0은 그 지점을 세었는데 두루미가 없었다는 뜻입니다."
            ),
        },
        {
            "prompt": "원으로 계수를 나타내는 지도에서 원은 계수에 따라 어떻게 커져야 합니까?",
            "general_feedback": (
                "독자는 면적을 비교합니다. 면적을 계수에 비례하게, 곧 반지름을 계수의 제곱근에 "
                "비례하게 하십시오."
            ),
            "choices": [
                {"text": "면적이 계수에 비례하도록.", "feedback": ""},
                {"text": "반지름이 계수에 비례하도록.", "feedback": ""},
                {"text": "색만 바꾸고 크기는 그대로 둔다.", "feedback": ""},
            ],
        },
    ],
}
