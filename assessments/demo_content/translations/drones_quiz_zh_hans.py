"""The drones and remote sensing final quiz in Simplified Chinese.

Same structure and order as ``DRONES_QUIZ`` in ``assessments.demo_questions``, so that every
text lines up with its source segment. Terms follow docs/glossaries/zh_hans.md and the
Chinese drones course; numbers and units as in the source.
"""

QUIZ = {
    "title": "无人机与遥感：结业测验",
    "intro": "共有三次作答机会，以最高分为准。最后一次作答后，你可以看到哪些答案是正确的。",
    "questions": [
        {
            "prompt": "某相机传感器宽13.2 mm，镜头焦距8.8 mm，影像宽5472像素。在100 m飞行高度下，地面采样距离是每像素多少厘米？（保留两位小数；误差在0.1以内的答案均算正确。）",
            "general_feedback": "GSD = 传感器宽度 × 高度 × 100 /（焦距 × 影像宽度）= 13.2 × 100 × 100 /（8.8 × 5472）= 132 000 / 48 154 = 2.74厘米/像素。",
        },
        {
            "prompt": "每张照片在垂直于航线的方向上覆盖90 m。你希望旁向重叠为70 %。航线之间应相距多少米？",
            "general_feedback": "航线间距 = 90 m ×（1 − 0.70）= 27 m。",
        },
        {
            "prompt": "以下哪种接近觅食鹤群的方式对鸟的干扰最小？",
            "general_feedback": "在鸟看不到、距离足够远的地方起飞，先爬升到调查高度，再以恒定速度倾斜接近。在已发表的试验中，垂直下降到鸟群上方引起的反应最多。",
            "choices": [
                {"text": "在远处起飞，爬升到高度后再倾斜接近。", "feedback": "正确。"},
                {
                    "text": "在鸟群旁边起飞，这样飞行时间短。",
                    "feedback": "在鸟附近起降是干扰最大的时刻之一。",
                },
                {
                    "text": "飞到鸟群上方，垂直下降以拍到更清晰的影像。",
                    "feedback": "实验中垂直接近引起的反应最多。",
                },
                {
                    "text": "在鸟群上方低空悬停，直到鸟习惯无人机。",
                    "feedback": "低空悬停会延长干扰；应以固定高度按航线飞行。",
                },
            ],
        },
        {
            "prompt": "只要飞行符合国家航空法规，飞越自然保护区就不需要另外的许可。",
            "general_feedback": "错误。航空法规和保护区规定是两回事；大多数保护区对无人机飞行都要求单独的书面许可。",
        },
        {
            "prompt": "以下哪些情况应立即结束调查飞行？请选出所有正确选项。",
            "general_feedback": "任何鸟被惊飞、鸟走开或聚拢成团、猛禽接近，都属于中止标准。几只鸟抬头是需要密切注意的早期迹象，但其本身并不是中止的理由。",
            "choices": [
                {"text": "有鸟因无人机而起飞。"},
                {"text": "鸟走开远离无人机，并聚拢成团。"},
                {"text": "一只鹰雕朝航空器飞来。"},
                {
                    "text": "一只鸟抬起头向上看。",
                    "feedback": "这是早期迹象：要密切注意，但它本身不是中止标准。",
                },
            ],
        },
        {
            "prompt": "你以80 %的航向重叠飞了一次制图航线。应该怎样计数？",
            "general_feedback": "在正射影像上计数，或在一组互不重叠的影像上计数；把每张原始照片都数一遍，同一批鸟会被数好几次。",
            "choices": [
                {"text": "在正射影像或互不重叠的影像上计数。", "feedback": "正确。"},
                {
                    "text": "数每一张原始照片，再除以照片数。",
                    "feedback": "鸟出现在数量不等的照片中，这样算出的结果毫无意义。",
                },
                {
                    "text": "数每一张原始照片，把计数相加。",
                    "feedback": "这样大多数鸟都会被数好几次。",
                },
            ],
        },
        {
            "prompt": "把每种数据源或指数与其所能提供的内容配对。",
            "general_feedback": "Sentinel-2提供免费的10 m多光谱影像；Landsat有30 m影像和长时间的档案；Sentinel-1雷达能穿透云层；NDWI能突出开阔水面。",
            "pairs": [
                ["Sentinel-2", "像素为10 m的免费多光谱影像"],
                ["Landsat 8和9", "30 m像素，以及可追溯数十年变化的长期档案"],
                ["Sentinel-1", "能穿透云层的雷达影像"],
                ["NDWI", "在开阔水面上数值较高的指数"],
            ],
        },
        {
            "prompt": "把从调查飞行到报告计数结果的步骤按顺序排列。",
            "general_feedback": "先保全数据，再生成拼接图，逐片计数，由第二名计数者核对，最后连同方法一起报告。",
            "items": [
                "飞行当天把影像和飞行日志复制到两个存储设备上。",
                "生成正射影像，或选出互不重叠的影像。",
                "逐片在每只鸟上标一个点。",
                "请第二个人计数随机抽取的切片。",
                "报告计数结果，注明方法、GSD、日期和计数者之间的差异。",
            ],
        },
        {
            "prompt": "哪个指数的计算公式是（Green − NIR）/（Green + NIR）？",
            "general_feedback": "归一化差异水体指数（NDWI），McFeeters 1996。",
        },
    ],
}
