"""Translated quizzes and questions: learners read them in their language, while
attempts, grading and the question bank stay on the source rows."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from assessments import demo, demo_translations, services
from assessments.demo_questions import CRANE_SURVEY_QUIZ
from assessments.localization import question_translations, source_quiz
from assessments.models import Attempt, Choice, Question, QuestionKind, Quiz, QuizKind
from assessments.selectors import enrolment_assessments_passed
from tests.assessments.factories import (
    QuestionCategoryFactory,
    choice_value,
    make_question,
    make_quiz,
)
from tests.courses.factories import make_course

pytestmark = pytest.mark.django_db


def translate(instance, texts: dict[str, str], language: str = "mn"):
    """Translate ``instance`` through wagtail-localize's translation memory; return the copy."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    demo_translations.translate_snippet(instance=instance, texts=texts, locale=locale)
    return type(instance).objects.get(translation_key=instance.translation_key, locale=locale)


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"assessments:{name}", kwargs=kwargs)


@pytest.fixture
def learner_client(participant, password):
    client = Client()
    assert client.login(email=participant.user.email, password=password)
    return client


MN_SINGLE = {
    "Which crane has a white head and neck and a dark body?": "Аль тогоруу цагаан толгой, "
    "хүзүүтэй, бараан биетэй вэ?",
    "Hooded Crane RIGHT": "Хар тогоруу",
    "White-naped Crane": "Цэн тогоруу",
    "Red-crowned Crane": "Улаан титэмт тогоруу",
    "FEEDBACK-SECRET-1": "ХАРИУ-НУУЦ-1",
    "FEEDBACK-SECRET-2": "ХАРИУ-НУУЦ-2",
    "GENERAL-FEEDBACK-SECRET": "ЕРӨНХИЙ-НУУЦ",
}


class TestTranslatingSnippets:
    def test_translation_copies_what_grading_reads_and_translates_the_texts(self):
        question = make_question(QuestionKind.SINGLE)
        mn = translate(question, MN_SINGLE)
        assert mn.locale.language_code == "mn"
        assert mn.text.startswith("Аль тогоруу")
        assert mn.general_feedback == "ЕРӨНХИЙ-НУУЦ"
        source_choices = list(question.choices.order_by("sort_order"))
        mn_choices = {c.translation_key: c for c in mn.choices.all()}
        assert set(mn_choices) == {c.translation_key for c in source_choices}
        right = mn_choices[source_choices[0].translation_key]
        assert (right.text, right.is_correct, right.feedback) == (
            "Хар тогоруу",
            True,
            "ХАРИУ-НУУЦ-1",
        )
        assert (mn.kind, mn.points, mn.title) == (question.kind, question.points, question.title)

    def test_a_change_in_the_source_is_synchronised_and_shows_as_untranslated(self):
        question = make_question(QuestionKind.SINGLE)
        translate(question, MN_SINGLE)
        question.text = "Which crane is dark with a white neck?"
        question.points = Decimal("3")
        question.save()
        mn = translate(question, MN_SINGLE)
        # The new source text has no translation yet: the source text stands in.
        assert mn.text == "Which crane is dark with a white neck?"
        assert mn.points == Decimal("3")
        assert mn.choices.get(is_correct=True).text == "Хар тогоруу"

    def test_accepted_answers_of_short_text_are_not_translated(self):
        question = make_question(QuestionKind.SHORT_TEXT)
        mn = translate(question, {"Grus monacha": "Хар тогоруу"})
        assert sorted(mn.choices.values_list("text", flat=True)) == ["Grus monacha", "ナベヅル"]

    def test_quiz_translation_keeps_the_course_and_the_questions_of_the_source(self):
        course = make_course(modules=1)
        question = make_question(QuestionKind.TRUE_FALSE)
        quiz = make_quiz([question], course=course, required=True, intro="Good luck.")
        mn = translate(quiz, {quiz.title: "Төгсгөлийн шалгалт", "Good luck.": "Амжилт хүсье."})
        assert (mn.title, mn.intro) == ("Төгсгөлийн шалгалт", "Амжилт хүсье.")
        assert mn.course_id == course.pk
        assert list(mn.slots.values_list("question_id", flat=True)) == [question.pk]
        assert source_quiz(Quiz.objects.select_related("locale").get(pk=mn.pk)) == quiz

    def test_translated_quizzes_do_not_count_towards_completion(self, enrolment):
        question = make_question(QuestionKind.TRUE_FALSE)
        quiz = make_quiz([question], course=enrolment.cohort.course, required=True, pass_mark=50)
        translate(quiz, {quiz.title: "Шалгалт"})
        attempt = services.attempt_start(quiz=quiz, participant=enrolment.participant)
        services.attempt_submit(attempt=attempt, answers={1: {"value": "true"}})
        assert enrolment_assessments_passed(enrolment=enrolment)

    def test_the_checklist_names_a_required_quiz_in_the_readers_language(self, enrolment):
        """Issue 17: the crane course's checklist read "…: final quiz" in English."""
        from courses.selectors import enrolment_requirement_items

        quiz = make_quiz([make_question()], course=enrolment.cohort.course, required=True)
        translate(quiz, {quiz.title: "Төгсгөлийн шалгалт"})
        with translation.override("mn"):
            items = [
                i for i in enrolment_requirement_items(enrolment=enrolment) if i.kind == "quiz"
            ]
        assert [(i.label, i.language) for i in items] == [("Төгсгөлийн шалгалт", "mn")]
        with translation.override("ja"):  # not translated into Japanese: the source, marked so
            items = [
                i for i in enrolment_requirement_items(enrolment=enrolment) if i.kind == "quiz"
            ]
        assert [(i.label, i.language) for i in items] == [(quiz.title, "en")]

    def test_random_draws_take_source_questions_only(self, participant):
        category = QuestionCategoryFactory()
        questions = [make_question(categories=[category]) for _ in range(2)]
        for question in questions:
            mn = translate(question, MN_SINGLE)
            mn.categories.set([category])
            mn.save()
        quiz = make_quiz(category=category, draw=2)
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        drawn = set(attempt.questions.values_list("question_id", flat=True))
        assert drawn == {q.pk for q in questions}

    def test_a_slot_naming_a_translation_draws_its_source(self, participant):
        question = make_question()
        mn = translate(question, MN_SINGLE)
        attempt = services.attempt_start(quiz=make_quiz([mn]), participant=participant)
        assert list(attempt.questions.values_list("question_id", flat=True)) == [question.pk]

    def test_translation_lookups_are_batched(self, django_assert_num_queries):
        questions = [make_question() for _ in range(6)]
        for question in questions[:4]:
            translate(question, MN_SINGLE)
        with django_assert_num_queries(2):
            found = question_translations(questions, language="mn")
            assert all(len(t.choices.all()) == 3 for t in found.values())
        assert set(found) == {q.pk for q in questions[:4]}
        with django_assert_num_queries(0):
            assert question_translations(questions, language="en") == {}


class TestReadingInAnotherLanguage:
    def test_attempt_page_shows_the_translation_and_posts_source_ids(
        self, participant, learner_client
    ):
        question = make_question(QuestionKind.SINGLE)
        translate(question, MN_SINGLE)
        quiz = make_quiz([question], review_policy="never", attempts_allowed=2)
        translate(quiz, {quiz.title: "Тогорууны шалгалт"})
        response = learner_client.post(url("attempt_start", "mn", quiz_id=quiz.pk))
        attempt = Attempt.objects.get(quiz=quiz, participant=participant)
        page = learner_client.get(response.url).content.decode()
        assert "Тогорууны шалгалт" in page
        assert "Аль тогоруу цагаан толгой" in page
        assert "Хар тогоруу" in page and "Hooded Crane" not in page
        for choice in question.choices.all():
            # the source's choices, by their names in this attempt
            assert f'value="{choice_value(attempt, choice)}"' in page
        for secret in ("FEEDBACK-SECRET", "ХАРИУ-НУУЦ", "ЕРӨНХИЙ-НУУЦ", "RIGHT"):
            assert secret not in page
        assert not re.search(r"data-(correct|answer|score|feedback)", page)
        right = question.choices.get(is_correct=True)
        learner_client.post(
            url("attempt_submit", "mn", attempt_id=attempt.pk),
            {
                "q1-present": "1",
                "q1-choice": choice_value(attempt, right),
            },
        )
        attempt.refresh_from_db()
        assert attempt.percent == Decimal("100.00")
        result = learner_client.get(url("attempt_result", "mn", attempt_id=attempt.pk))
        html = result.content.decode()
        for secret in ("FEEDBACK-SECRET", "ХАРИУ-НУУЦ", "ЕРӨНХИЙ-НУУЦ"):
            assert secret not in html

    def test_review_shows_translated_answers_and_feedback(self, participant, learner_client):
        question = make_question(QuestionKind.SINGLE)
        translate(question, MN_SINGLE)
        quiz = make_quiz([question], review_policy="immediately")
        learner_client.post(url("attempt_start", "mn", quiz_id=quiz.pk))
        attempt = Attempt.objects.get(quiz=quiz, participant=participant)
        right = question.choices.get(is_correct=True)
        services.attempt_submit(
            attempt=attempt, answers={1: {"choice": choice_value(attempt, right)}}
        )
        html = learner_client.get(url("attempt_result", "mn", attempt_id=attempt.pk)).content
        html = html.decode()
        assert "ХАРИУ-НУУЦ-1" in html and "ЕРӨНХИЙ-НУУЦ" in html
        assert "FEEDBACK-SECRET" not in html and "Hooded Crane" not in html

    def test_an_attempt_keeps_the_translation_it_began_with(self, participant, learner_client):
        question = make_question(QuestionKind.SINGLE)
        translate(question, MN_SINGLE)
        quiz = make_quiz([question], review_policy="immediately", attempts_allowed=2)
        response = learner_client.post(url("attempt_start", "mn", quiz_id=quiz.pk))
        attempt = Attempt.objects.get(quiz=quiz, participant=participant)
        # A translator then rewords the question and a choice, and publishes.
        edited = {
            **MN_SINGLE,
            question.text: "ШИНЭ-ОРЧУУЛГА асуулт?",
            "White-naped Crane": "ШИНЭ-ОРЧУУЛГА цэн",
            "FEEDBACK-SECRET-1": "ШИНЭ-ОРЧУУЛГА хариу",
        }
        translate(question, edited)
        assert (
            "ШИНЭ-ОРЧУУЛГА"
            in Question.objects.get(
                translation_key=question.translation_key, locale__language_code="mn"
            ).text
        )
        page = learner_client.get(response.url).content.decode()
        assert "Аль тогоруу цагаан толгой" in page and "Цэн тогоруу" in page
        assert "ШИНЭ-ОРЧУУЛГА" not in page
        right = question.choices.get(is_correct=True)
        services.attempt_submit(
            attempt=attempt, answers={1: {"choice": choice_value(attempt, right)}}
        )
        review = learner_client.get(url("attempt_result", "mn", attempt_id=attempt.pk))
        review = review.content.decode()
        assert "ХАРИУ-НУУЦ-1" in review and "Аль тогоруу цагаан толгой" in review
        assert "ШИНЭ-ОРЧУУЛГА" not in review
        # The next attempt begins on the new translation.
        retry = learner_client.post(url("attempt_start", "mn", quiz_id=quiz.pk))
        assert "ШИНЭ-ОРЧУУЛГА асуулт?" in learner_client.get(retry.url).content.decode()

    def test_a_translation_made_after_the_start_does_not_change_the_attempt(
        self, participant, learner_client
    ):
        question = make_question(QuestionKind.SINGLE)
        quiz = make_quiz([question])
        response = learner_client.post(url("attempt_start", "mn", quiz_id=quiz.pk))
        translate(question, MN_SINGLE)
        page = learner_client.get(response.url).content.decode()
        assert "Hooded Crane RIGHT" in page and "Хар тогоруу" not in page

    def test_untranslated_questions_fall_back_to_the_source_marked_as_such(
        self, participant, learner_client
    ):
        translated, untranslated = make_question(), make_question(text="Count the roost?")
        translate(translated, MN_SINGLE)
        quiz = make_quiz([translated, untranslated], shuffle_questions=False)
        response = learner_client.post(url("attempt_start", "mn", quiz_id=quiz.pk))
        page = learner_client.get(response.url).content.decode()
        assert page.count('class="question-untranslated') == 1
        assert 'lang="en">' in page and "Count the roost?" in page
        # In the source language nothing is marked.
        english = learner_client.get(response.url.replace("/mn/", "/en/", 1)).content.decode()
        assert "question-untranslated" not in english

    def test_matching_shows_translated_partners_and_grades_on_the_source(
        self, participant, learner_client
    ):
        question = make_question(QuestionKind.MATCHING)
        translate(
            question,
            {
                "Hooded Crane": "Хар тогоруу",
                "White-naped Crane": "Цэн тогоруу",
                "Grus monacha": "Грус монача",
                "Antigone vipio": "Антигоне випио",
                "Platalea minor": "Платалеа минор",
            },
        )
        quiz = make_quiz([question])
        response = learner_client.post(url("attempt_start", "mn", quiz_id=quiz.pk))
        attempt = Attempt.objects.get(quiz=quiz, participant=participant)
        page = learner_client.get(response.url).content.decode()
        assert '<option value="Grus monacha">Грус монача</option>' in page
        hooded = question.choices.get(text="Hooded Crane")
        white = question.choices.get(text="White-naped Crane")
        learner_client.post(
            url("attempt_submit", "mn", attempt_id=attempt.pk),
            {
                "q1-present": "1",
                f"q1-pair-{choice_value(attempt, hooded)}": "Grus monacha",
                f"q1-pair-{choice_value(attempt, white)}": "Antigone vipio",
            },
        )
        attempt.refresh_from_db()
        assert attempt.percent == Decimal("100.00")
        html = learner_client.get(url("attempt_result", "mn", attempt_id=attempt.pk)).content
        assert "Хар тогоруу → Грус монача" in html.decode()

    def test_short_text_language_variants_grade_as_before(self, participant, learner_client):
        question = make_question(QuestionKind.SHORT_TEXT)
        translate(question, {question.text: "Хар тогорууны шинжлэх ухааны нэр?"}, "ja")
        quiz = make_quiz([question], attempts_allowed=0)
        for language, answer, percent in (
            ("ja", "ナベヅル", "100.00"),
            ("en", "ナベヅル", "0.00"),
            ("ja", "grus  MONACHA", "100.00"),
        ):
            learner_client.post(url("attempt_start", language, quiz_id=quiz.pk))
            attempt = Attempt.objects.get(quiz=quiz, participant=participant, status="in_progress")
            learner_client.post(
                url("attempt_submit", language, attempt_id=attempt.pk),
                {
                    "q1-present": "1",
                    "q1-text": answer,
                },
            )
            attempt.refresh_from_db()
            assert attempt.percent == Decimal(percent), (language, answer)

    def test_a_translated_quiz_leads_to_the_source_quiz(self, participant, learner_client):
        quiz = make_quiz([make_question()])
        mn = translate(quiz, {quiz.title: "Тогорууны шалгалт"})
        response = learner_client.get(url("quiz_detail", "mn", quiz_id=mn.pk))
        assert response.url == url("quiz_detail", "mn", quiz_id=quiz.pk)
        page = learner_client.get(response.url).content.decode()
        assert "Тогорууны шалгалт" in page
        learner_client.post(url("attempt_start", "mn", quiz_id=mn.pk))
        assert Attempt.objects.get(participant=participant).quiz_id == quiz.pk


def _mn_attempt(participant, n, language="en"):
    kinds = ["single", "multiple", "true_false", "numeric", "short_text", "ordering", "matching"]
    questions = [make_question(kinds[i % len(kinds)]) for i in range(n)]
    for question in questions[::2]:
        translate(question, MN_SINGLE)
    return services.attempt_start(
        quiz=make_quiz(questions), participant=participant, language=language
    )


@pytest.mark.parametrize(
    "began_in",
    [
        pytest.param("en", id="read-in-another-language"),
        pytest.param("mn", id="read-in-its-own-language"),
    ],
)
def test_attempt_page_queries_do_not_grow_in_another_language(
    participant, learner_client, began_in
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (5, 50):
        attempt = _mn_attempt(participant, n, language=began_in)
        page_url = url("attempt_detail", "mn", attempt_id=attempt.pk)
        learner_client.get(page_url)
        with CaptureQueriesContext(connection) as ctx:
            assert learner_client.get(page_url).status_code == 200
        counts.append(len(ctx))
        services.attempt_submit(attempt=attempt)
    assert counts[0] == counts[1]


def test_demo_quiz_translations_load_as_segment_translations(password):
    from wagtail_localize.models import StringTranslation

    course = make_course(slug="crane-survey-techniques", modules=2)
    demo.load(password=password)
    for language in demo_translations.LANGUAGES:
        demo_translations.load_translations(language=language)
    assert demo_translations.load_translations(language="mn") == 0  # idempotent
    source = Quiz.objects.get(title=CRANE_SURVEY_QUIZ["title"], locale__language_code="en")
    for language, title in (("mn", "Тогорууны"), ("ko", "두루미"), ("ru", "журавлей")):
        quiz = Quiz.objects.get(
            translation_key=source.translation_key, locale__language_code=language
        )
        assert title in quiz.title
    questions = Question.objects.filter(title__startswith=CRANE_SURVEY_QUIZ["title"])
    sources = questions.filter(locale__language_code="en")
    assert sources.count() == len(CRANE_SURVEY_QUIZ["questions"])
    assert questions.filter(locale__language_code="ja").count() == sources.count()
    # Every text a learner reads is translated: nothing English is left in Mongolian.
    for question in questions.filter(locale__language_code="mn").prefetch_related("choices"):
        assert not re.search(r"[A-Za-z]{4,}", question.text.replace("Wetlands International", ""))
        for choice in question.choices.all():
            if question.kind != QuestionKind.SHORT_TEXT:
                assert not re.search(r"[A-Za-z]{4,}", choice.text + choice.feedback), choice.text
    assert StringTranslation.objects.filter(locale__language_code="mn").count() > 40
    short = sources.get(kind=QuestionKind.SHORT_TEXT)
    assert Choice.objects.filter(question=short, language="ko").exists()
    assert course.pk == source.course_id


class TestAdmin:
    @pytest.fixture
    def admin_client(self, client, django_user_model):
        admin = django_user_model.objects.create_superuser(
            email="translator@example.org", password="x-Very-long-pass-1"
        )
        client.force_login(admin)
        return client

    def test_a_quiz_is_translated_in_the_admin_segment_by_segment(self, admin_client):
        question = make_question()
        quiz = make_quiz([question], intro="Good luck.")
        mn_locale, _created = Locale.objects.get_or_create(language_code="mn")
        submit = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["assessments", "quiz", quiz.pk],
        )
        assert admin_client.get(submit).status_code == 200
        admin_client.post(submit, {"locales": [mn_locale.pk]})
        mn = Quiz.objects.get(translation_key=quiz.translation_key, locale=mn_locale)
        edit = reverse("wagtailsnippets_assessments_quiz:edit", args=[mn.pk])
        editor = admin_client.get(edit).content.decode()
        assert "Good luck." in editor  # the source segment, to translate
        listing = admin_client.get(reverse("wagtailsnippets_assessments_question:list"))
        assert "Translate" in listing.content.decode()

    def test_the_report_of_a_translation_is_its_sources(self, admin_client, participant):
        quiz = make_quiz([make_question()])
        services.attempt_submit(attempt=services.attempt_start(quiz=quiz, participant=participant))
        mn = translate(quiz, {quiz.title: "Шалгалт"})
        html = admin_client.get(reverse("assessments_quiz_report", args=[mn.pk])).content.decode()
        assert participant.family_name in html


def test_a_test_pair_refuses_a_translated_quiz():
    from django.core.exceptions import ValidationError

    from assessments.models import CohortTestPair
    from tests.courses.factories import CohortFactory

    pre, post = make_quiz([make_question()]), make_quiz([make_question()])
    cohort = CohortFactory(course=make_course(modules=1))
    pair = CohortTestPair(cohort=cohort, pre_test=pre, post_test=translate(post, {}))
    with pytest.raises(ValidationError) as error:
        pair.full_clean()
    assert "post_test" in error.value.message_dict
    pair.post_test = post
    pair.full_clean()


def test_reimporting_a_question_keeps_its_choices_and_their_translations():
    from assessments.importing import ChoiceDraft, QuestionDraft

    def draft(*texts):
        return QuestionDraft(
            row=0,
            title="Bank question",
            kind=QuestionKind.SINGLE,
            text="Which crane?",
            choices=[ChoiceDraft(text=t, is_correct=i == 0) for i, t in enumerate(texts)],
        )

    question, _created = services.question_save_draft(draft=draft("Hooded Crane", "Sandhill"))
    before = list(question.choices.order_by("sort_order").values_list("pk", "translation_key"))
    translate(question, {"Hooded Crane": "Хар тогоруу"})
    question, created = services.question_save_draft(draft=draft("Hooded Crane", "Common Crane"))
    after = list(question.choices.order_by("sort_order").values_list("pk", "translation_key"))
    assert not created and after == before
    assert question.choices.get(sort_order=1).text == "Common Crane"
    assert Question.objects.filter(title="Bank question").count() == 2  # source and Mongolian


def _untranslated(instance, locale) -> list[str]:
    from django.db.models import Exists, OuterRef
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    source = TranslationSource.objects.get(object_id=instance.translation_key)
    translated = StringTranslation.objects.filter(
        translation_of=OuterRef("string_id"), context=OuterRef("context_id"), locale=locale
    )
    segments = StringSegment.objects.filter(source=source)
    assert segments.exists()
    return list(segments.filter(~Exists(translated)).values_list("string__data", flat=True))


FLAGSHIP_QUIZZES = (
    "crane-survey-techniques:pre",
    "colour-banding",
    "drones-remote-sensing",
    "wetland-habitat-assessment",
)


def test_the_flagship_quizzes_are_translated_in_full(password):
    from assessments.demo_questions import QUIZZES
    from courses.demo_content.translations.colour_banding_ko import COURSE as BANDING_KO

    banding = make_course(slug="colour-banding", title="Colour banding (colour ringing)")
    demo.load(password=password)
    for language in ("ja", "ko", "zh-hans"):
        demo_translations.load_translations(language=language)
    for key in FLAGSHIP_QUIZZES:
        data = QUIZZES[key]
        source = Quiz.objects.get(title=data["title"], locale__language_code="en")
        questions = list(
            Question.objects.filter(
                title__startswith=f"{data['title']} · ", locale__language_code="en"
            )
        )
        assert len(questions) == len(data["questions"])
        for language in ("ja", "ko", "zh-hans"):
            locale = Locale.objects.get(language_code=language)
            quiz = Quiz.objects.get(translation_key=source.translation_key, locale=locale)
            assert quiz.title != source.title
            assert _untranslated(source, locale) == [], language
            for question in questions:
                assert Question.objects.filter(
                    translation_key=question.translation_key, locale=locale
                ).exists()
                assert _untranslated(question, locale) == [], (language, question.title)
    # The course's reaction survey, named after the course in the reader's language.
    survey = Quiz.objects.get(course=banding, kind=QuizKind.SURVEY, locale__language_code="en")
    ko = Locale.objects.get(language_code="ko")
    ko_survey = Quiz.objects.get(translation_key=survey.translation_key, locale=ko)
    assert ko_survey.title == f"{BANDING_KO['title']}: 여러분의 의견"
    for language in ("ja", "ko", "zh-hans"):
        locale = Locale.objects.get(language_code=language)
        assert _untranslated(survey, locale) == [], language
        for slot in survey.slots.select_related("question"):
            assert _untranslated(slot.question, locale) == [], (language, slot.question.title)
