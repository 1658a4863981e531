from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("network/", views.directory, name="directory"),
    path("network/overview/", views.overview, name="overview"),
    path("network/settings/", views.directory_settings, name="settings"),
    path("network/people/<int:participant_id>/", views.profile, name="profile"),
    path(
        "network/people/<int:participant_id>/message/",
        views.message_compose,
        name="message_compose",
    ),
    path("network/people/<int:participant_id>/block/", views.contact_block, name="contact_block"),
    path("network/cohorts/<slug:slug>/", views.cohort_alumni, name="cohort_alumni"),
    path("network/messages/", views.inbox, name="inbox"),
    path("network/messages/<int:message_id>/", views.message_detail, name="message_detail"),
    path("network/messages/<int:message_id>/report/", views.message_report, name="message_report"),
    path("network/reports/", views.report_list, name="report_list"),
]
