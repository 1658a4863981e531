"""The crane data analysis pre-test in Japanese.

Same structure and order as ``DATA_ANALYSIS_PRE_TEST`` in ``assessments.demo_questions``; the
practice figures come from the same computation as the source's.
"""

from assessments.demo_questions import PRACTICE

QUIZ = {
    "title": "ツル類のデータ分析：事前テスト",
    "intro": "今知っていることで答えてください。このテストはコースの修了判定には使われません。",
    "questions": [
        {
            "prompt": (
                "練習用データの raw シート。見出し行を除くと、raw シートには何行のデータがありますか。"
                "（clean シートは1行少なくなっています。その理由は最初のモジュールで説明します。）"
            ),
            "general_feedback": (
                f"{PRACTICE['raw_rows']}行です。そのうち1行は2回入力されていて、clean シートでは"
                "削除されています。"
            ),
        },
        {
            "prompt": (
                "練習用データの clean シート。2回数えられた個体（already_counted 列）を除いたとき、"
                "2017年の一斉調査で見つかったマナヅルは何羽ですか。"
            ),
            "general_feedback": (
                "2017年のマナヅルの行の total の和から already_counted の和を引いて、"
                f"{PRACTICE['white_naped_total_2017']}羽です。"
            ),
        },
        {
            "prompt": (
                "練習用データの clean シート。2019年の全地点のナベヅルの幼鳥率"
                "（齢を判定した個体に占める幼鳥の割合）は何パーセントですか。小数第1位まで答えてください。"
            ),
            "general_feedback": (
                "地点全体で成鳥数と幼鳥数をそれぞれ合計してから、100 × 幼鳥数 /（成鳥数 + 幼鳥数）= "
                f"{PRACTICE['hooded_ratio_2019']} %です。"
            ),
        },
        {
            "prompt": "読み違えられることがなく、正しく並べ替えられる日付の書き方はどれですか。",
            "general_feedback": "年を先にし、月と日をそれぞれ2桁で書きます：2024-09-28。",
            "choices": [
                {"text": "2024-09-28", "feedback": ""},
                {"text": "28.09.2024", "feedback": ""},
                {"text": "09/28/2024", "feedback": ""},
                {"text": "9月28日", "feedback": ""},
            ],
        },
    ],
}
