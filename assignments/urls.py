from django.urls import path

from . import views

app_name = "assignments"

urlpatterns = [
    path("assignments/<int:assignment_id>/", views.assignment_detail, name="detail"),
    path("assignments/files/<int:file_id>/", views.submission_file, name="file"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/cohorts/<int:cohort_id>.ics", views.cohort_feed, name="cohort_feed"),
    path("calendar/<str:token>.ics", views.learner_feed, name="learner_feed"),
]
