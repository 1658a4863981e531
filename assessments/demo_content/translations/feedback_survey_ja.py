"""The reaction survey of every flagship course in Japanese.

Same order as ``SURVEY_ITEMS`` and ``LIKERT_SCALE`` in ``assessments.demo``. ``title`` names
the survey after its course: ``{course}`` is replaced by the course's Japanese title.
"""

SURVEY = {
    "title": "{course}：ご意見をお聞かせください",
    "intro": "三つの文と一つの質問です。報告では匿名で扱われます。ご協力ありがとうございます。",
    "items": [
        "このコースは、私の野外での仕事に役立つ内容だった。",
        "クイズと演習は、学ぶ助けになった。",
        "普段使っている端末で、このコースを問題なく受講できた。",
        "このコースについて、変えたほうがよいと思う点は何ですか。",
    ],
    "likert": [
        "まったくそう思わない",
        "そう思わない",
        "どちらともいえない",
        "そう思う",
        "とてもそう思う",
    ],
}
