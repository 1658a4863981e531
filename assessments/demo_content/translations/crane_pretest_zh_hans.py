"""The crane survey pre-test in Simplified Chinese.

Same structure and order as ``CRANE_SURVEY_PRE_TEST`` in ``assessments.demo_questions``, so
that every text lines up with its source segment. Terms follow docs/glossaries/zh_hans.md and
the Chinese crane course. True/false questions carry no choice texts (the interface names
them); accepted short answers stay the source's.
"""

QUIZ = {
    "title": "鹤类调查技术：课前测验",
    "intro": "根据你现有的知识作答：本测验不计入结业评定。",
    "questions": [
        {
            "prompt": "在何时何地最容易完成一个鹤类种群的总数计数？",
            "general_feedback": "在夜栖地，于清晨离栖或傍晚归栖时：夜栖地比觅食地数量少，位置也更容易预测。",
            "choices": [
                {"text": "在夜栖地，于清晨离栖或傍晚归栖时。"},
                {"text": "中午在觅食的农田里。"},
                {"text": "迁徙期间，在一个山顶上。"},
                {"text": "初夏在巢边。"},
            ],
        },
        {
            "prompt": "你数了一个10只鹤的分块，然后在鸟群中又数出47个同样大小的分块。估算这群鹤的数量（误差在10 %以内的答案均算正确）。",
            "general_feedback": "48个分块 × 10只 = 480只。",
        },
        {
            "prompt": "计算幼鸟比例时，距离太远、无法判断年龄的鸟应当算作成鸟。",
            "general_feedback": "错误。年龄不明的鸟应完全排除在比例计算之外。",
        },
        {
            "prompt": "鹤类计数记录表上应包括哪些项目？请选出所有正确选项。",
            "general_feedback": "观察者、注明时区的时间段、计数方法和鸟群移动，都是日后解读计数结果所必需的。观察者最喜欢的物种则不需要。",
            "choices": [
                {"text": "开始和结束时间，注明时区。"},
                {"text": "计数方法（直接计数、分块计数或照片计数）。"},
                {"text": "离开计数单元的鸟群的时间和方向。"},
                {"text": "观察者最喜欢的物种。"},
            ],
        },
        {
            "prompt": "白枕鹤的学名是什么？",
            "general_feedback": "Antigone vipio（以前归入Grus属）。",
        },
    ],
}
