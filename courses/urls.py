from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("enrol/<int:cohort_id>/", views.enrol, name="enrol"),
    path("enrolments/<int:enrolment_id>/withdraw/", views.withdraw, name="withdraw"),
    path("offline/courses/<int:page_id>/", views.offline_pack, name="offline_pack"),
    path("modules/<int:page_id>/done/", views.module_done, name="module_done"),
]
