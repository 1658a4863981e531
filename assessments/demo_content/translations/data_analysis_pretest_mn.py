"""The crane data analysis pre-test in Mongolian.

Same structure and order as ``DATA_ANALYSIS_PRE_TEST`` in ``assessments.demo_questions``,
so that every text lines up with its source segment. The feedback quotes figures computed
from the practice data, built here the same way as in the source so the texts stay in step.
Species names follow courses/demo_content/translations/crane_surveys_mn.py.
"""

from courses import practice_data

PRACTICE = practice_data.quiz_answers()

QUIZ = {
    "title": "Тогорууны тооллогын өгөгдлийн шинжилгээ: урьдчилсан шалгалт",
    "intro": "Мэддэг зүйлээрээ хариулаарай: энэ шалгалтыг хичээл дуусгахад дүгнэхгүй.",
    "questions": [
        {
            "prompt": (
                "Дадлагын өгөгдөл, түүхий хуудас (raw). Гарчгийн мөрийг тоолохгүйгээр энэ "
                "хуудсанд хэдэн мөр өгөгдөл байна вэ? (Цэвэрлэсэн хуудсанд нэг мөр цөөн байдаг; "
                "яагаад гэдгийг эхний модульд тайлбарлана.)"
            ),
            "general_feedback": (
                f"{PRACTICE['raw_rows']} мөр; тэдгээрийн нэгийг хоёр удаа оруулсан тул "
                "цэвэрлэсэн хуудаснаас хассан."
            ),
        },
        {
            "prompt": (
                "Дадлагын өгөгдөл, цэвэрлэсэн хуудас. Хоёр удаа тоологдсон шувуудыг "
                "(already_counted багана) хассаны дараа 2017 оны нэгэн зэргийн тооллогоор хэдэн "
                "цэн тогоруу тоолсон бэ?"
            ),
            "general_feedback": (
                "2017 оны цэн тогорууны мөрүүдийн total баганын нийлбэрээс already_counted "
                f"баганын нийлбэрийг хасна: {PRACTICE['white_naped_total_2017']} шувуу."
            ),
        },
        {
            "prompt": (
                "Дадлагын өгөгдөл, цэвэрлэсэн хуудас. 2019 онд бүх цэгийн нийлбэрээр хар "
                "тогорууны залуу шувууны эзлэх хувь хэд вэ (нас нь тодорхойлогдсон шувуудын "
                "дундах залуу шувууд)? Аравтын нэг оронтой бичнэ үү."
            ),
            "general_feedback": (
                "Бүх цэгийн насанд хүрсэн болон залуу шувуудыг нэмээд, 100 x залуу / (насанд "
                f"хүрсэн + залуу) = {PRACTICE['hooded_ratio_2019']} %."
            ),
        },
        {
            "prompt": "Огноог аль хэлбэрээр бичвэл андуурагдахгүй, зөв эрэмбэлэгдэх вэ?",
            "general_feedback": "Эхлээд он, дараа нь сар, өдрийг хоёр оронтойгоор: 2024-09-28.",
            "choices": [
                {"text": "2024-09-28"},
                {"text": "28.09.2024"},
                {"text": "09/28/2024"},
                {"text": "9-р сарын 28"},
            ],
        },
    ],
}
