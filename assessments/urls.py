from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("quizzes/<int:quiz_id>/", views.quiz_detail, name="quiz_detail"),
    path("quizzes/<int:quiz_id>/start/", views.attempt_start, name="attempt_start"),
    path("attempts/<int:attempt_id>/", views.attempt_detail, name="attempt_detail"),
    path("attempts/<int:attempt_id>/answer/", views.attempt_answer, name="attempt_answer"),
    path("attempts/<int:attempt_id>/submit/", views.attempt_submit, name="attempt_submit"),
    path(
        "attempts/<int:attempt_id>/submit-queued/",
        views.attempt_submit_queued,
        name="attempt_submit_queued",
    ),
    path("attempts/<int:attempt_id>/result/", views.attempt_result, name="attempt_result"),
    path(
        "attempts/<int:attempt_id>/accessible/",
        views.attempt_accessible,
        name="attempt_accessible",
    ),
    path(
        "attempts/<int:attempt_id>/questions/<int:position>/image/",
        views.attempt_question_image,
        name="attempt_question_image",
    ),
]
