"""The crane data analysis pre-test in Korean.

Same structure and order as ``DATA_ANALYSIS_PRE_TEST`` in ``assessments.demo_questions``; the
practice figures come from the same computation as the source's.
"""

from assessments.demo_questions import PRACTICE

QUIZ = {
    "title": "두루미 자료 분석: 사전 평가",
    "intro": "이미 알고 있는 대로 답하십시오. 이 평가는 과정 이수 판정에 반영되지 않습니다.",
    "questions": [
        {
            "prompt": (
                "연습용 데이터, raw 시트. 머리글을 빼면 raw 시트에는 자료가 몇 행 있습니까? "
                "(clean 시트는 한 행이 적습니다. 그 이유는 첫 단원에서 다룹니다.)"
            ),
            "general_feedback": (
                f"{PRACTICE['raw_rows']}행입니다. 그중 한 행은 두 번 입력되어 clean 시트에서 "
                "삭제되었습니다."
            ),
        },
        {
            "prompt": (
                "연습용 데이터, clean 시트. 두 번 계수된 개체(already_counted 열)를 뺀 뒤, "
                "2017년 동시조사에서 찾은 재두루미는 몇 마리입니까?"
            ),
            "general_feedback": (
                "2017년 재두루미 행들의 total 합에서 already_counted 합을 뺀 값: "
                f"{PRACTICE['white_naped_total_2017']}마리."
            ),
        },
        {
            "prompt": (
                "연습용 데이터, clean 시트. 2019년 전체 지점 흑두루미의 유조 비율(연령을 판별한 개체 "
                "가운데 유조의 비율)은 몇 퍼센트입니까? 소수 첫째 자리까지 답하십시오."
            ),
            "general_feedback": (
                "지점들의 성조 수와 유조 수를 먼저 각각 더한 다음, 100 × 유조 수 / (성조 수 + 유조 수) = "
                f"{PRACTICE['hooded_ratio_2019']} %."
            ),
        },
        {
            "prompt": "잘못 읽힐 수 없고 올바르게 정렬되는 날짜 표기는 무엇입니까?",
            "general_feedback": "연도를 앞에 두고, 월과 일을 각각 두 자리로 씁니다: 2024-09-28.",
            "choices": [
                {"text": "2024-09-28", "feedback": ""},
                {"text": "28.09.2024", "feedback": ""},
                {"text": "09/28/2024", "feedback": ""},
                {"text": "9월 28일", "feedback": ""},
            ],
        },
    ],
}
