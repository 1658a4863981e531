"""The crane data analysis pre-test in Simplified Chinese.

Same structure and order as ``DATA_ANALYSIS_PRE_TEST`` in ``assessments.demo_questions``; the
practice figures come from the same computation as the source's.
"""

from assessments.demo_questions import PRACTICE

QUIZ = {
    "title": "鹤类数据分析：课前测验",
    "intro": "请根据你已有的知识作答：本测验不计入课程完成成绩。",
    "questions": [
        {
            "prompt": (
                "练习数据，raw 工作表。raw 工作表有多少行数据（不含标题行）？"
                "（clean 工作表少一行；第一单元说明了原因。）"
            ),
            "general_feedback": (
                f"{PRACTICE['raw_rows']}行；其中一行被录入了两次，在 clean 工作表中已删除。"
            ),
        },
        {
            "prompt": (
                "练习数据，clean 工作表。剔除被计数两次的个体（already_counted 列）后，"
                "2017年的同步调查共发现多少只白枕鹤？"
            ),
            "general_feedback": (
                "2017年白枕鹤各行 total 之和减去 already_counted 之和："
                f"{PRACTICE['white_naped_total_2017']}只。"
            ),
        },
        {
            "prompt": (
                "练习数据，clean 工作表。2019年所有地点白头鹤的幼鸟比例（幼鸟在已判别年龄个体中所占比例）"
                "是百分之多少？保留一位小数。"
            ),
            "general_feedback": (
                "先把各地点的成鸟数和幼鸟数分别相加，再计算 100 × 幼鸟数 /（成鸟数 + 幼鸟数）= "
                f"{PRACTICE['hooded_ratio_2019']} %。"
            ),
        },
        {
            "prompt": "哪种日期写法不会被误读，而且能正确排序？",
            "general_feedback": "年份在前，月和日各用两位数字：2024-09-28。",
            "choices": [
                {"text": "2024-09-28", "feedback": ""},
                {"text": "28.09.2024", "feedback": ""},
                {"text": "09/28/2024", "feedback": ""},
                {"text": "9月28日", "feedback": ""},
            ],
        },
    ],
}
