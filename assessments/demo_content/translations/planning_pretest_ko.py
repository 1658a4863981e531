"""The conservation planning pre-test in Korean.

Same structure and order as ``PLANNING_PRE_TEST`` in ``assessments.demo_questions``.
"""

QUIZ = {
    "title": "두루미와 습지 보전 계획: 사전 평가",
    "intro": "이미 알고 있는 대로 답하십시오. 이 평가는 과정 이수 판정에 반영되지 않습니다.",
    "questions": [
        {
            "prompt": "새 송전선이 두루미를 충돌로 죽게 할 가능성이 가장 큰 곳은 어디입니까?",
            "general_feedback": (
                "잠자리와 취식지 사이의 매일의 비행 경로를 가로지르는 곳입니다. 특히 안개가 끼었을 때와 "
                "해 질 녘에 위험합니다."
            ),
            "choices": [
                {"text": "잠자리와 취식 초지 사이의 비행 경로를 가로지르는 곳.", "feedback": ""},
                {"text": "습지에서 멀리 떨어진 도로를 따라.", "feedback": ""},
                {"text": "어디든 같다. 충돌 위험은 송전선 전체에서 같다.", "feedback": ""},
            ],
        },
        {
            "prompt": '"유목민과 회의를 두 번 연다"는 지점 행동계획의 좋은 목표이다.',
            "general_feedback": (
                "거짓입니다. 그것은 활동입니다. 목표는 보전 대상에 대한 결과를 측정 기준과 날짜와 함께 "
                "말합니다."
            ),
        },
        {
            "prompt": "다음 가운데 지점 행동계획에 들어가야 할 것은 무엇입니까? 해당하는 것을 모두 고르십시오.",
            "general_feedback": (
                "목표, 조치, 지표, 그리고 각 조치의 책임자가 계획의 핵심입니다. 나라 전체의 종 목록은 "
                "그렇지 않습니다."
            ),
            "choices": [
                {"text": "목표.", "feedback": ""},
                {"text": "기준선이 있는 지표.", "feedback": ""},
                {"text": "각 조치를 누가 이끌고 언제 하는지.", "feedback": ""},
                {"text": "나라 안의 모든 조류 종 목록.", "feedback": ""},
            ],
        },
        {
            "prompt": "SMART 목표의 M은 무엇을 뜻합니까?",
            "general_feedback": "측정 가능(Measurable): 달성 여부를 자료로 판단할 수 있다는 뜻입니다.",
        },
        {
            "prompt": (
                "동아시아에서 저어새를 위해 일하는 나라와 기관들을 한데 모으는 철새 이동 경로 파트너십은 "
                "무엇입니까?"
            ),
            "general_feedback": "동아시아-대양주 철새이동경로 파트너십(EAAFP)이 저어새 작업반을 통해 모읍니다.",
            "choices": [
                {"text": "동아시아-대양주 철새이동경로 파트너십(EAAFP).", "feedback": ""},
                {"text": "아프리카-유라시아 이동성 물새 보전협정(AEWA).", "feedback": ""},
                {"text": "중앙아시아 철새이동경로 이니셔티브.", "feedback": ""},
            ],
        },
    ],
}
