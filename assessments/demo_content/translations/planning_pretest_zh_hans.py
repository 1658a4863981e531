"""The conservation planning pre-test in Simplified Chinese.

Same structure and order as ``PLANNING_PRE_TEST`` in ``assessments.demo_questions``.
"""

QUIZ = {
    "title": "鹤类与湿地保护规划：课前测验",
    "intro": "请根据你已有的知识作答：本测验不计入课程完成成绩。",
    "questions": [
        {
            "prompt": "一条新建的输电线路最有可能在哪里使鹤撞线死亡？",
            "general_feedback": "在线路横穿夜栖地与觅食地之间日常飞行路线的地方，尤其是在雾天和黄昏时分。",
            "choices": [
                {"text": "横穿夜栖地与觅食草甸之间飞行路线的地方。", "feedback": ""},
                {"text": "沿着远离任何湿地的道路。", "feedback": ""},
                {"text": "任何地方：整条线路的撞线风险都一样。", "feedback": ""},
            ],
        },
        {
            "prompt": "“与牧民开两次会”是地点行动计划的一个好目标。",
            "general_feedback": "错误。这是一项活动。目标应说明一个保护目标的结果，并有衡量标准和日期。",
        },
        {
            "prompt": "以下哪些内容应当写入地点行动计划？请选出所有正确答案。",
            "general_feedback": (
                "目标、行动、指标以及每项行动由谁负责，是计划的核心。全国的物种名录则不是。"
            ),
            "choices": [
                {"text": "目标。", "feedback": ""},
                {"text": "有基线的指标。", "feedback": ""},
                {"text": "每项行动由谁牵头、何时进行。", "feedback": ""},
                {"text": "全国所有鸟类物种的名录。", "feedback": ""},
            ],
        },
        {
            "prompt": "SMART目标中的M代表什么？",
            "general_feedback": "可衡量的（Measurable）：能用数据说明目标是否实现。",
        },
        {
            "prompt": "哪个迁飞区伙伴关系把东亚为黑脸琵鹭开展工作的国家和组织聚集在一起？",
            "general_feedback": "东亚—澳大利西亚迁飞区伙伴关系（EAAFP），通过其黑脸琵鹭工作组。",
            "choices": [
                {"text": "东亚—澳大利西亚迁飞区伙伴关系（EAAFP）。", "feedback": ""},
                {"text": "《非洲—欧亚迁徙水鸟保护协定》（AEWA）。", "feedback": ""},
                {"text": "中亚迁飞区倡议。", "feedback": ""},
            ],
        },
    ],
}
