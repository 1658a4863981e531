# ruff: noqa: RUF001 - names in other scripts.
"""The demo vocabulary's names in the portal's other languages.

Species names follow each country's standard list, as the courses' glossaries
(docs/glossaries/) do: the China Bird Checklist, the Ornithological Society of
Japan's checklist, the National Institute of Biological Resources' list for
Korea, the Mongolian Ornithological Society's list, and Koblik, Redkin and
Arkhipov's checklist for Russia. The apps that make tags in their demo
(courses, network) look the names up here by the English name, so a tag is
named in every language whichever app made it first.
"""

from __future__ import annotations

# English name (any case) → language code → name.
TAG_NAMES: dict[str, dict[str, str]] = {
    # Species
    "hooded crane": {
        "zh-hans": "白头鹤",
        "ja": "ナベヅル",
        "ko": "흑두루미",
        "mn": "Хар тогоруу",
        "ru": "Чёрный журавль",
    },
    "white-naped crane": {
        "zh-hans": "白枕鹤",
        "ja": "マナヅル",
        "ko": "재두루미",
        "mn": "Цэн тогоруу",
        "ru": "Даурский журавль",
    },
    "black-faced spoonbill": {
        "zh-hans": "黑脸琵鹭",
        "ja": "クロツラヘラサギ",
        "ko": "저어새",
        "mn": "Хар нүүрт халбаган хошуут",
        "ru": "Малая колпица",
    },
    "red-crowned crane": {
        "zh-hans": "丹顶鹤",
        "ja": "タンチョウ",
        "ko": "두루미",
        "mn": "Улаан оройт тогоруу",
        "ru": "Японский журавль",
    },
    "siberian crane": {
        "zh-hans": "白鹤",
        "ja": "ソデグロヅル",
        "ko": "시베리아흰두루미",
        "mn": "Цагаан тогоруу",
        "ru": "Стерх",
    },
    "common crane": {
        "zh-hans": "灰鹤",
        "ja": "クロヅル",
        "ko": "검은목두루미",
        "mn": "Саарал тогоруу",
        "ru": "Серый журавль",
    },
    "demoiselle crane": {
        "zh-hans": "蓑羽鹤",
        "ja": "アネハヅル",
        "ko": "쇠재두루미",
        "mn": "Өвөгт тогоруу",
        "ru": "Красавка",
    },
    # Methods
    "synchronised count": {
        "zh-hans": "同步调查",
        "ja": "一斉調査",
        "ko": "동시 조사",
        "mn": "Нэгэн зэрэг тооллого",
        "ru": "Синхронный учёт",
    },
    "roost count": {
        "zh-hans": "夜栖地计数",
        "ja": "ねぐら調査",
        "ko": "잠자리 계수",
        "mn": "Хоноглох газрын тооллого",
        "ru": "Учёт на ночёвках",
    },
    "block counting": {
        "zh-hans": "分块计数",
        "ja": "ブロック計数",
        "ko": "블록 계수",
        "mn": "Бүлгээр тоолох",
        "ru": "Подсчёт блоками",
    },
    "age ratio": {
        "zh-hans": "幼鸟比例",
        "ja": "幼鳥率",
        "ko": "어린 새 비율",
        "mn": "Насны харьцаа",
        "ru": "Возрастное соотношение",
    },
    "data management": {
        "zh-hans": "数据管理",
        "ja": "データ管理",
        "ko": "데이터 관리",
        "mn": "Өгөгдлийн менежмент",
        "ru": "Управление данными",
    },
    "colour banding": {
        "zh-hans": "彩色环志",
        "ja": "カラーリング標識",
        "ko": "유색 가락지 부착",
        "mn": "Өнгөт цагиргалалт",
        "ru": "Цветное кольцевание",
    },
    "resighting": {
        "zh-hans": "环志回收观察",
        "ja": "再観察",
        "ko": "재관찰",
        "mn": "Дахин ажиглалт",
        "ru": "Повторные встречи",
    },
    "bird handling": {
        "zh-hans": "鸟类操作与保定",
        "ja": "鳥の取り扱い",
        "ko": "조류 취급",
        "mn": "Шувуу барьж харьцах",
        "ru": "Обращение с птицами",
    },
    "drone survey": {
        "zh-hans": "无人机调查",
        "ja": "ドローン調査",
        "ko": "드론 조사",
        "mn": "Дроноор судлах",
        "ru": "Учёт с дрона",
    },
    "remote sensing": {
        "zh-hans": "遥感",
        "ja": "リモートセンシング",
        "ko": "원격 탐사",
        "mn": "Зайнаас тандан судлал",
        "ru": "Дистанционное зондирование",
    },
    "habitat mapping": {
        "zh-hans": "生境制图",
        "ja": "生息地マッピング",
        "ko": "서식지 지도화",
        "mn": "Амьдрах орчны зураглал",
        "ru": "Картирование местообитаний",
    },
    "image counting": {
        "zh-hans": "影像计数",
        "ja": "画像による計数",
        "ko": "영상 계수",
        "mn": "Зургаас тоолох",
        "ru": "Подсчёт по снимкам",
    },
    "habitat assessment": {
        "zh-hans": "生境评估",
        "ja": "生息地評価",
        "ko": "서식지 평가",
        "mn": "Амьдрах орчны үнэлгээ",
        "ru": "Оценка местообитаний",
    },
    "hydrology": {
        "zh-hans": "水文",
        "ja": "水文",
        "ko": "수문",
        "mn": "Ус судлал",
        "ru": "Гидрология",
    },
    "vegetation survey": {
        "zh-hans": "植被调查",
        "ja": "植生調査",
        "ko": "식생 조사",
        "mn": "Ургамлан нөмрөгийн судалгаа",
        "ru": "Геоботаническое обследование",
    },
    "threat assessment": {
        "zh-hans": "威胁评估",
        "ja": "脅威評価",
        "ko": "위협 평가",
        "mn": "Аюул заналын үнэлгээ",
        "ru": "Оценка угроз",
    },
    "data analysis": {
        "zh-hans": "数据分析",
        "ja": "データ解析",
        "ko": "데이터 분석",
        "mn": "Өгөгдлийн шинжилгээ",
        "ru": "Анализ данных",
    },
    "trend analysis": {
        "zh-hans": "趋势分析",
        "ja": "傾向分析",
        "ko": "추세 분석",
        "mn": "Чиг хандлагын шинжилгээ",
        "ru": "Анализ трендов",
    },
    "mapping": {
        "zh-hans": "制图",
        "ja": "地図化",
        "ko": "지도 작성",
        "mn": "Зураглал",
        "ru": "Картирование",
    },
    "conservation planning": {
        "zh-hans": "保护规划",
        "ja": "保全計画",
        "ko": "보전 계획",
        "mn": "Хамгаалах төлөвлөлт",
        "ru": "Природоохранное планирование",
    },
    "stakeholder engagement": {
        "zh-hans": "利益相关方参与",
        "ja": "関係者の参画",
        "ko": "이해관계자 참여",
        "mn": "Оролцогч талуудын оролцоо",
        "ru": "Вовлечение заинтересованных сторон",
    },
    "threat analysis": {
        "zh-hans": "威胁分析",
        "ja": "脅威分析",
        "ko": "위협 분석",
        "mn": "Аюул заналын шинжилгээ",
        "ru": "Анализ угроз",
    },
    "action planning": {
        "zh-hans": "行动规划",
        "ja": "行動計画づくり",
        "ko": "실행 계획 수립",
        "mn": "Үйл ажиллагааны төлөвлөлт",
        "ru": "Планирование действий",
    },
    "monitoring": {
        "zh-hans": "监测",
        "ja": "モニタリング",
        "ko": "모니터링",
        "mn": "Мониторинг",
        "ru": "Мониторинг",
    },
    # Sites
    "khurkh and khuiten valley": {
        "zh-hans": "呼日赫—呼伊滕河谷",
        "ja": "フルフ・フイテン渓谷",
        "ko": "후르흐·후이텡 계곡",
        "mn": "Хурх, Хүйтэний хөндий",
        "ru": "Долина рек Хурх и Хуйтэн",
    },
}


def tag_name_translations(name: str) -> dict[str, str]:
    """The demo translations of the tag named ``name`` in English ({} if none)."""
    return dict(TAG_NAMES.get(name.strip().lower(), {}))


def translate_tag(tag) -> None:
    """Give a demo tag the names it lacks in other languages (kept where already given)."""
    names = {**tag_name_translations(tag.name), **(tag.name_translations or {})}
    if names != (tag.name_translations or {}):
        tag.name_translations = names
        tag.save(update_fields=["name_translations"])
