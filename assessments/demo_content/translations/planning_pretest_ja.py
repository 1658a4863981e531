"""The conservation planning pre-test in Japanese.

Same structure and order as ``PLANNING_PRE_TEST`` in ``assessments.demo_questions``.
"""

QUIZ = {
    "title": "ツルと湿地の保全計画：事前テスト",
    "intro": "今知っていることで答えてください。このテストはコースの修了判定には使われません。",
    "questions": [
        {
            "prompt": "新しい送電線がツルを衝突で死なせる可能性が最も高いのはどこですか。",
            "general_feedback": (
                "ねぐらと採餌地の間の毎日の飛行経路を横切るところです。特に霧のときや夕暮れに危険です。"
            ),
            "choices": [
                {"text": "ねぐらと採餌する草地の間の飛行経路を横切るところ。", "feedback": ""},
                {"text": "湿地から遠く離れた道路沿い。", "feedback": ""},
                {"text": "どこでも同じ。衝突の危険は送電線全体で変わらない。", "feedback": ""},
            ],
        },
        {
            "prompt": "「遊牧民と2回会合を開く」は、地点行動計画の良い目標である。",
            "general_feedback": (
                "誤りです。それは活動です。目標は、保全対象についての結果を、測定方法と日付とともに述べます。"
            ),
        },
        {
            "prompt": "次のうち地点行動計画に含めるべきものはどれですか。あてはまるものをすべて選んでください。",
            "general_feedback": (
                "目標、対策、指標、そして各対策の責任者が計画の核心です。国全体の種のリストは違います。"
            ),
            "choices": [
                {"text": "目標。", "feedback": ""},
                {"text": "ベースラインのある指標。", "feedback": ""},
                {"text": "各対策を誰が主導し、いつ行うか。", "feedback": ""},
                {"text": "国内のすべての鳥類のリスト。", "feedback": ""},
            ],
        },
        {
            "prompt": "SMART な目標の M は何を表しますか。",
            "general_feedback": "測定可能（Measurable）：達成されたかどうかをデータで判断できることです。",
        },
        {
            "prompt": (
                "東アジアでクロツラヘラサギのために活動する国々と組織を結び付けている"
                "フライウェイのパートナーシップはどれですか。"
            ),
            "general_feedback": (
                "東アジア・オーストラリア地域フライウェイ・パートナーシップ（EAAFP）で、"
                "そのクロツラヘラサギ作業部会を通じて行われています。"
            ),
            "choices": [
                {
                    "text": "東アジア・オーストラリア地域フライウェイ・パートナーシップ（EAAFP）。",
                    "feedback": "",
                },
                {"text": "アフリカ・ユーラシア渡り性水鳥保全協定（AEWA）。", "feedback": ""},
                {"text": "中央アジア・フライウェイ・イニシアティブ。", "feedback": ""},
            ],
        },
    ],
}
