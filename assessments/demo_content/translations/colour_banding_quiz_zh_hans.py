"""The colour banding final quiz in Simplified Chinese.

Same structure and order as ``COLOUR_BANDING_QUIZ`` in ``assessments.demo_questions``, so
that every text lines up with its source segment. Terms follow docs/glossaries/zh_hans.md and
the Chinese colour banding course; the band notation (R.MW / -.YG) and the letters of the
matching question stay as in the source, because the course teaches them.
"""

QUIZ = {
    "title": "彩环环志：结业测验",
    "intro": "共有三次作答机会，以最高分为准。最后一次作答后，你可以看到哪些答案是正确的。",
    "questions": [
        {
            "prompt": "识读这只白枕鹤腿上的环：按照图中腿部的标签，写出每条腿关节以上和以下的颜色，从上到下。",
            "general_feedback": "R.MW / -.YG：左腿关节以上为红，以下为金属环叠在白环之上；右腿以上无环，以下为黄环叠在绿环之上。",
        },
        {
            "prompt": "按课程记法，把写作 O.M / B.- 的鸟的环摆放到图上（先左腿，从上到下，关节用“.”表示）。",
            "general_feedback": "先左腿：关节以上为O，以下为M。再右腿：以上为B，以下无环（连字符）。",
        },
        {
            "prompt": "摆放写作 NW.M / -.RY 的鸟的环。记住每条腿上的环都是从上到下书写的。",
            "general_feedback": "左腿：黑环在白环之上，二者都在关节以上；金属环在关节以下。右腿：以上无环；关节以下红环在黄环之上。",
        },
        {
            "prompt": "一只戴彩环的鹤面朝你。它的哪条腿在你的右边？",
            "general_feedback": "鸟面朝你时，它的左腿在你的右边。把左右腿弄反是最常见的识读错误。",
            "choices": [
                {"text": "它的左腿。", "feedback": "正确。"},
                {"text": "它的右腿。", "feedback": "只有当鸟背对你时，它的右腿才在你的右边。"},
                {
                    "text": "取决于金属环戴在哪条腿上。",
                    "feedback": "金属环可以戴在任一条腿上；要按鸟自身的左右来判断。",
                },
            ],
        },
        {
            "prompt": "一份有用的再观察报告必须包括什么？请选出所有正确选项。",
            "general_feedback": "所读到的组合（标出不确定的环）、日期、时间、带坐标的地点，以及观察者的联系方式。为了让组合看起来完整而猜测某枚环，会造成虚假记录。",
            "choices": [
                {"text": "所读到的组合，每一枚不确定的环都标 ?。"},
                {"text": "观察的日期、时间和坐标。"},
                {"text": "观察者的姓名和联系方式。"},
                {
                    "text": "对没看清的环给出最可能的猜测，使记录完整。",
                    "feedback": "绝不要猜：给那枚环标上问号。",
                },
            ],
        },
        {
            "prompt": "如果鹤的幼鸟跑开了，团队应该一直追到捉住为止，免得当天的努力白费。",
            "general_feedback": "错误。长时间追赶会导致捕捉性肌病，可能在数天后致鸟死亡。短暂追赶后仍未捉到就应放弃。",
        },
        {
            "prompt": "以下哪一项描述的是正确佩戴的金属环？",
            "general_feedback": "两端恰好对接，环能自由转动并沿腿移动，但不会越过关节或脚掌。",
            "choices": [
                {
                    "text": "两端对接，无缝隙也不重叠；能自由转动，但不能越过关节。",
                    "feedback": "正确。",
                },
                {"text": "两端略微重叠，使环不会张开。", "feedback": "重叠会割伤腿部。"},
                {
                    "text": "夹得很紧，使环在腿上转不动。",
                    "feedback": "过紧的环会阻碍血液流动，可能伤及腿部。",
                },
                {
                    "text": "留一个小缝隙，好让腿能生长。",
                    "feedback": "缝隙会挂住植物；请使用环志机构规定的尺寸。",
                },
            ],
        },
        {
            "prompt": "把课程记法中的每个字母与其含义配对。",
            "general_feedback": "黑色用N表示，这样B可以代表蓝色；L是浅绿（柠檬绿）；M是金属环；“.”表示关节。",
            "pairs": [
                ["N", "黑"],
                ["B", "蓝"],
                ["L", "浅绿（柠檬绿）"],
                ["M", "金属环"],
                [".", "胫部与跗跖之间的关节"],
            ],
        },
        {
            "prompt": "把识读一只戴彩环的鹤的步骤按正确顺序排列。",
            "general_feedback": "先判断鸟的朝向，再从上到下逐腿识读，然后用照片和第二次识读进行核对。",
            "items": [
                "判断鸟的朝向，以及哪条腿是它的左腿。",
                "从上到下读左腿，并写下来。",
                "从上到下读右腿，并写下来。",
                "给腿部拍照，并给不确定的环标上问号。",
                "等鸟转身后再读一遍组合，并进行比较。",
            ],
        },
        {
            "prompt": "可以查询某个颜色组合由谁使用的彩色标记项目公共登记平台是什么？（请给出网址。）",
            "general_feedback": "cr-birding.org列出了各彩色标记项目及其联系方式。",
        },
    ],
}
