"""The wetland habitat assessment final quiz in Simplified Chinese.

Same structure and order as ``WETLAND_QUIZ`` in ``assessments.demo_questions``, so that every
text lines up with its source segment. Terms follow docs/glossaries/zh_hans.md and the
Chinese wetland course; numbers and units as in the source.
"""

QUIZ = {
    "title": "湿地生境评估：结业测验",
    "intro": "共有三次作答机会，以最高分为准。最后一次作答后，你可以看到哪些答案是正确的。",
    "questions": [
        {
            "prompt": "某水鸟种群的参考估计数为12,500只。按拉姆萨尔标准6，它的1 %标准是多少？",
            "general_feedback": "12,500的1 %是125只。",
        },
        {
            "prompt": "拉姆萨尔标准5适用于定期栖息有……的湿地",
            "general_feedback": "标准5：定期栖息有20,000只或更多的水鸟。",
            "choices": [
                {"text": "20,000只或更多的水鸟。", "feedback": "正确。"},
                {"text": "某一水鸟种群的1 %。", "feedback": "那是标准6。"},
                {"text": "任何全球受威胁物种。", "feedback": "那是标准2。"},
                {"text": "10,000只或更多的水鸟。", "feedback": "数字是20,000。"},
            ],
        },
        {
            "prompt": "在有充分计数的六个冬季中，有两个冬季达到1 %标准的地点，“定期”支持该种群的1 %。",
            "general_feedback": "错误。“定期”要求在三分之二的季节（此处为六个中的四个）达到标准，或者至少五年间各季节最大值的平均数达到标准。",
        },
        {
            "prompt": "一条水深样线有25个标记，其中5个属于1-20 cm这一级。样线有百分之几属于这一级？",
            "general_feedback": "5 / 25 × 100 = 20 %。",
        },
        {
            "prompt": "把水深样线的步骤按顺序排列。",
            "general_feedback": "固定起点，读取水尺，沿样线测量，记录底质和植被，最后再读一次水尺以校正水位变化。",
            "items": [
                "用木桩、GPS位置和方位角固定样线起点。",
                "读取水尺读数并记下时间。",
                "在每个标记处用刻度杆测量水深。",
                "记下每个标记处的底质和植被。",
                "结束时再读一次水尺。",
            ],
        },
        {
            "prompt": "把每项拉姆萨尔标准与其内容配对。",
            "general_feedback": "标准2、4、5和6是水鸟栖息地最常用的标准。",
            "pairs": [
                ["标准2", "支持受威胁的物种或生态群落"],
                ["标准4", "在物种生活史的关键阶段为其提供支持"],
                ["标准5", "定期栖息有20,000只或更多的水鸟"],
                ["标准6", "定期支持某一水鸟种群的1 %"],
            ],
        },
        {
            "prompt": "在一条新建输电线路上，为鹤类安装驱鸟警示器最重要的位置在哪里？",
            "general_feedback": "在线路穿过夜栖地与觅食地之间日常飞行通道的地方，这可以从计数记录表的鸟群移动记录中看出。",
            "choices": [
                {"text": "线路穿过夜栖地与觅食地之间飞行通道的地方。", "feedback": "正确。"},
                {
                    "text": "变电站附近导线最低的地方。",
                    "feedback": "仅凭高度无法知道鸟从哪里飞过。",
                },
                {
                    "text": "不管鸟的活动如何，沿整条线路均匀安装。",
                    "feedback": "在鸟实际穿越的地方安装，效果最好。",
                },
            ],
        },
        {
            "prompt": "哪些农业做法会降低一个地点对鹤类的价值？请选出所有正确选项。",
            "general_feedback": "排水、秋翻、春季烧荒和在营巢区过度放牧都会减少生境或食物。冬季不翻耕、保留收割后的稻田则能提供食物。",
            "choices": [
                {"text": "排干湿草甸改作农田。"},
                {"text": "秋季翻耕留茬的农田。"},
                {"text": "春季焚烧草原和芦苇地。"},
                {
                    "text": "冬季不翻耕、保留收割后的稻田。",
                    "feedback": "这样会留下越冬鹤类取食的遗落谷粒。",
                },
            ],
        },
        {
            "prompt": "用于设定拉姆萨尔1 %标准的Waterbird Population Estimates是由哪个组织发布的？",
            "general_feedback": "湿地国际（Wetlands International）。",
        },
    ],
}
