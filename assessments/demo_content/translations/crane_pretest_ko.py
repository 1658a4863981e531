"""The crane survey pre-test in Korean.

Same structure and order as ``CRANE_SURVEY_PRE_TEST`` in ``assessments.demo_questions``, so
that every text lines up with its source segment. Terms follow docs/glossaries/ko.md and the
Korean crane course. True/false questions carry no choice texts (the interface names them);
accepted short answers stay the source's.
"""

QUIZ = {
    "title": "두루미 조사 기법: 사전 평가",
    "intro": "지금 알고 있는 대로 답하십시오. 이 평가는 수료 판정에 쓰이지 않습니다.",
    "questions": [
        {
            "prompt": "두루미 개체군의 총 개체 수를 세기 가장 쉬운 곳과 때는 언제입니까?",
            "general_feedback": "잠자리에서, 아침 출발이나 저녁 도착 때입니다. 잠자리는 취식지보다 수가 적고 위치를 예측하기 쉽기 때문입니다.",
            "choices": [
                {"text": "잠자리에서, 아침 출발이나 저녁 도착 때."},
                {"text": "한낮에 취식지에서."},
                {"text": "이동 시기에 언덕 한 곳에서."},
                {"text": "초여름에 둥지에서."},
            ],
        },
        {
            "prompt": "두루미 10마리 블록 하나를 센 뒤, 무리에서 같은 크기의 블록을 47개 더 셌습니다. 무리의 개체 수를 추정하십시오(오차 10 % 이내의 답을 정답으로 인정합니다).",
            "general_feedback": "48블록 × 10마리 = 480마리입니다.",
        },
        {
            "prompt": "너무 멀어서 연령을 판정할 수 없는 새는 유조 비율을 계산할 때 성조로 세어야 한다.",
            "general_feedback": "틀렸습니다. 연령을 모르는 새는 비율 계산에서 완전히 뺍니다.",
        },
        {
            "prompt": "두루미 계수 기록지에 들어가야 할 항목은 무엇입니까? 해당하는 것을 모두 고르십시오.",
            "general_feedback": "관찰자, 시간대를 적은 시간 범위, 방법, 무리의 이동은 모두 나중에 계수 결과를 해석하는 데 필요합니다. 관찰자가 좋아하는 종은 필요하지 않습니다.",
            "choices": [
                {"text": "시작 시각과 종료 시각(시간대 포함)."},
                {"text": "계수 방법(직접 계수, 블록 계수, 사진)."},
                {"text": "조사 구역을 떠나는 무리의 시각과 방향."},
                {"text": "관찰자가 좋아하는 종."},
            ],
        },
        {
            "prompt": "재두루미의 학명은 무엇입니까?",
            "general_feedback": "Antigone vipio입니다(예전에는 Grus 속에 두었습니다).",
        },
    ],
}
