"""The crane data analysis final quiz in Simplified Chinese.

Same structure and order as ``DATA_ANALYSIS_QUIZ`` in ``assessments.demo_questions``. The
figures of the practice data are taken from the same computation as the source's (never typed
in), so each translated feedback names the figure its source names. Terms follow the course
(courses/demo_content/translations/crane_data_analysis_zh_hans.py).
"""

from assessments.demo_questions import PRACTICE

QUIZ = {
    "title": "鹤类数据分析：结业测验",
    "intro": "本测验最多可作答三次，以最高成绩计。最后一次作答后，您可以查看哪些答案是正确的。",
    "questions": [
        {
            "prompt": (
                "练习数据，clean 工作表。剔除被计数两次的个体（already_counted 列）后，"
                "2021年同步调查的白头鹤总数是多少？"
            ),
            "general_feedback": (
                "2021年白头鹤各行 total 之和减去 already_counted 之和："
                f"{PRACTICE['hooded_total_2021']}只。"
            ),
        },
        {
            "prompt": "练习数据，clean 工作表。2023年S05地点白枕鹤的幼鸟比例是百分之多少？保留一位小数。",
            "general_feedback": (
                "100 × 幼鸟数 /（成鸟数 + 幼鸟数），不计未分年龄的个体："
                f"{PRACTICE['white_naped_ratio_s05_2023']} %。"
            ),
        },
        {
            "prompt": (
                "练习数据，clean 工作表。2024年所有地点白头鹤的平均窝雏数（每个有记录的家庭的幼鸟数）"
                "是多少？保留两位小数。"
            ),
            "general_feedback": (
                "（families_1_juv + 2 × families_2_juv）/（families_1_juv + families_2_juv），"
                f"各项均为所有地点之和：{PRACTICE['hooded_brood_2024']}。"
            ),
        },
        {
            "prompt": (
                "练习数据，clean 工作表。取全部十个调查季都有计数的白头鹤地点，对每个调查季计算这些地点"
                " total 减去 already_counted 的总和。拟合对数线性趋势：数量每季变化百分之多少？保留一位小数。"
            ),
            "general_feedback": (
                "ln(总数) 对调查季回归的斜率 b 给出 100 × (exp(b) - 1) = "
                f"{PRACTICE['hooded_trend']} %/季。"
            ),
        },
        {
            "prompt": (
                "练习数据，clean 工作表。对于全部十个调查季都有计数的地点的白枕鹤（total 减去 already_counted），"
                "以2016年 = 100，2025年的指数是多少？保留一位小数。"
            ),
            "general_feedback": (
                f"100 × 2025年总数 / 2016年总数 = {PRACTICE['white_naped_index_2025']}。"
            ),
        },
        {
            "prompt": "你的计数序列显示你所调查的地点数量明显下降。仅凭这一趋势可以得出哪个结论？",
            "general_feedback": (
                "趋势描述的是被调查的地点。鹤可能迁到了其他地点，探测率可能发生了变化，而过去的直线不是预测。"
            ),
            "choices": [
                {"text": "在这段时期内，利用被调查地点的鹤减少了。", "feedback": ""},
                {"text": "该物种的全球种群数量正在下降。", "feedback": ""},
                {"text": "下降是由繁殖不良造成的。", "feedback": ""},
                {"text": "下降将以同样的速度持续下去。", "feedback": ""},
            ],
        },
        {
            "prompt": "未进行调查的地点应录入计数0，这样仍然可以汇总该调查季的总数。",
            "general_feedback": "错误。漏查没有计数：单元格留空并注明原因。0表示该地点做了计数，但没有鹤。",
        },
        {
            "prompt": "在用圆圈表示计数的地图上，圆圈应如何随计数增大？",
            "general_feedback": "读者比较的是面积：让面积与计数成正比，也就是让半径与计数的平方根成正比。",
            "choices": [
                {"text": "面积与计数成正比。", "feedback": ""},
                {"text": "半径与计数成正比。", "feedback": ""},
                {"text": "只改变颜色，大小保持不变。", "feedback": ""},
            ],
        },
    ],
}
