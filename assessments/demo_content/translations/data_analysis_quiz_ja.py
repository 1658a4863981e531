"""The crane data analysis final quiz in Japanese.

Same structure and order as ``DATA_ANALYSIS_QUIZ`` in ``assessments.demo_questions``. The
figures of the practice data are taken from the same computation as the source's (never typed
in), so each translated feedback names the figure its source names. Terms follow the course
(courses/demo_content/translations/crane_data_analysis_ja.py).
"""

from assessments.demo_questions import PRACTICE

QUIZ = {
    "title": "ツル類のデータ分析：修了テスト",
    "intro": (
        "受験は3回までで、最も高い得点が採用されます。"
        "どの解答が正しかったかは、最後の受験の後に確認できます。"
    ),
    "questions": [
        {
            "prompt": (
                "練習用データの clean シート。2回数えられた個体（already_counted 列）を除いたとき、"
                "2021年の一斉調査でのナベヅルの合計は何羽ですか。"
            ),
            "general_feedback": (
                "2021年のナベヅルの行の total の和から already_counted の和を引いて、"
                f"{PRACTICE['hooded_total_2021']}羽です。"
            ),
        },
        {
            "prompt": (
                "練習用データの clean シート。2023年の地点 S05 のマナヅルの幼鳥率は何パーセントですか。"
                "小数第1位まで答えてください。"
            ),
            "general_feedback": (
                "100 × 幼鳥数 /（成鳥数 + 幼鳥数）で、齢不明の個体は除きます："
                f"{PRACTICE['white_naped_ratio_s05_2023']} %。"
            ),
        },
        {
            "prompt": (
                "練習用データの clean シート。2024年の全地点のナベヅルの平均幼鳥数"
                "（記録した家族1つあたりの幼鳥数）はいくつですか。小数第2位まで答えてください。"
            ),
            "general_feedback": (
                "（families_1_juv + 2 × families_2_juv）/（families_1_juv + families_2_juv）、"
                f"それぞれ全地点の合計を使います：{PRACTICE['hooded_brood_2024']}。"
            ),
        },
        {
            "prompt": (
                "練習用データの clean シート。10シーズンすべてで数えたナベヅルの地点をとり、"
                "シーズンごとにそれらの地点の total から already_counted を引いた値の和を求めます。"
                "対数線形トレンドを当てはめると、個体数は1シーズンあたり何パーセント変化しますか。"
                "小数第1位まで答えてください。"
            ),
            "general_feedback": (
                "シーズンに対する ln(合計) の傾き b から、100 × (exp(b) - 1) = "
                f"1シーズンあたり{PRACTICE['hooded_trend']} %です。"
            ),
        },
        {
            "prompt": (
                "練習用データの clean シート。10シーズンすべてで数えた地点のマナヅル"
                "（total から already_counted を引いた値）について、2016年 = 100としたときの"
                "2025年の指数はいくつですか。小数第1位まで答えてください。"
            ),
            "general_feedback": (
                f"100 × 2025年の合計 / 2016年の合計 = {PRACTICE['white_naped_index_2025']}。"
            ),
        },
        {
            "prompt": (
                "あなたのカウント系列は、調査地点での明らかな減少を示しています。"
                "トレンドだけから言える結論はどれですか。"
            ),
            "general_feedback": (
                "トレンドが表すのは数えた地点のことです。ツルがほかの地点に移ったのかもしれず、"
                "発見率が変わったのかもしれません。また、過去を通る直線は予測ではありません。"
            ),
            "choices": [
                {"text": "その期間に、数えた地点を利用するツルが減った。", "feedback": ""},
                {"text": "その種の世界の個体数が減っている。", "feedback": ""},
                {"text": "減少の原因は繁殖の不振である。", "feedback": ""},
                {"text": "減少は同じ割合で続く。", "feedback": ""},
            ],
        },
        {
            "prompt": (
                "調査しなかった地点は、シーズンの合計を出せるように、カウント0として入力すべきである。"
            ),
            "general_feedback": (
                "誤りです。未調査の地点にはカウントがありません。空欄にして理由を書きます。"
                "0は、その地点を数えてツルがいなかったという意味です。"
            ),
        },
        {
            "prompt": "円でカウントを表す地図では、円はカウントに応じてどのように大きくすべきですか。",
            "general_feedback": (
                "読み手は面積を比べます。面積をカウントに比例させる、つまり半径をカウントの平方根に"
                "比例させます。"
            ),
            "choices": [
                {"text": "面積をカウントに比例させる。", "feedback": ""},
                {"text": "半径をカウントに比例させる。", "feedback": ""},
                {"text": "色だけを変え、大きさは同じにする。", "feedback": ""},
            ],
        },
    ],
}
