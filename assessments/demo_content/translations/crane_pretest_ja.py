"""The crane survey pre-test in Japanese.

Same structure and order as ``CRANE_SURVEY_PRE_TEST`` in ``assessments.demo_questions``, so
that every text lines up with its source segment. Terms follow docs/glossaries/ja.md and the
Japanese crane course. True/false questions carry no choice texts (the interface names them);
accepted short answers stay the source's.
"""

QUIZ = {
    "title": "ツル類の調査技術：事前テスト",
    "intro": "今知っていることで答えてください。このテストは修了の判定には使われません。",
    "questions": [
        {
            "prompt": "ツルの個体群の総数カウントを最も行いやすいのは、いつ、どこですか。",
            "general_feedback": "ねぐらで、朝のねぐら立ちか夕方のねぐら入りのときです。ねぐらは採餌地よりも数が少なく、場所も予測しやすいからです。",
            "choices": [
                {"text": "ねぐらで、朝のねぐら立ちか夕方のねぐら入りのとき。"},
                {"text": "日中の採餌地で。"},
                {"text": "渡りの時期に、一つの丘の上から。"},
                {"text": "初夏に、巣で。"},
            ],
        },
        {
            "prompt": "ツル10羽のブロックを1つ数え、群れの中に同じ大きさのブロックをさらに47個数えました。群れの個体数を推定してください（誤差10 %以内の解答を正解とします）。",
            "general_feedback": "48ブロック × 10羽 = 480羽です。",
        },
        {
            "prompt": "遠すぎて齢を判定できない個体は、幼鳥率を計算するときに成鳥として数えるべきである。",
            "general_feedback": "誤りです。齢のわからない個体は、幼鳥率の計算から完全に除きます。",
        },
        {
            "prompt": "ツルのカウントの記録用紙に書くべき項目はどれですか。当てはまるものをすべて選んでください。",
            "general_feedback": "観察者、時間帯を添えた時間枠、方法、群れの移動は、いずれも後でカウントを解釈するのに必要です。観察者の好きな種は必要ありません。",
            "choices": [
                {"text": "開始時刻と終了時刻（時間帯を添えて）。"},
                {"text": "カウントの方法（直接カウント、ブロック法、写真）。"},
                {"text": "調査区から飛び去った群れの時刻と方向。"},
                {"text": "観察者の好きな種。"},
            ],
        },
        {
            "prompt": "マナヅルの学名は何ですか。",
            "general_feedback": "Antigone vipio です（以前はGrus属に置かれていました）。",
        },
    ],
}
