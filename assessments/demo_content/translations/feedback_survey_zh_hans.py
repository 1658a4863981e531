"""The reaction survey of every flagship course in Simplified Chinese.

Same order as ``SURVEY_ITEMS`` and ``LIKERT_SCALE`` in ``assessments.demo``. ``title`` names
the survey after its course: ``{course}`` is replaced by the course's Chinese title.
"""

SURVEY = {
    "title": "{course}：课程反馈",
    "intro": "三个陈述和一个问题，在报告中匿名处理。感谢你抽出时间。",
    "items": [
        "这门课程与我的野外工作相关。",
        "测验和练习帮助了我的学习。",
        "我能在自己常用的设备上顺利学习这门课程。",
        "你希望这门课程做哪些改进？",
    ],
    "likert": ["非常不同意", "不同意", "中立", "同意", "非常同意"],
}
