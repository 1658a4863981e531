"""The reaction survey of every flagship course in Korean.

Same order as ``SURVEY_ITEMS`` and ``LIKERT_SCALE`` in ``assessments.demo``. ``title`` names
the survey after its course: ``{course}`` is replaced by the course's Korean title.
"""

SURVEY = {
    "title": "{course}: 여러분의 의견",
    "intro": "세 개의 문장과 한 개의 질문이며, 보고서에서는 익명으로 처리됩니다. 시간을 내 주셔서 감사합니다.",
    "items": [
        "이 과정은 나의 현장 업무와 관련이 있었다.",
        "퀴즈와 연습 문제가 배우는 데 도움이 되었다.",
        "내가 쓰는 기기에서 이 과정을 무리 없이 따라갈 수 있었다.",
        "이 과정에서 무엇을 바꾸고 싶습니까?",
    ],
    "likert": ["전혀 그렇지 않다", "그렇지 않다", "보통이다", "그렇다", "매우 그렇다"],
}
