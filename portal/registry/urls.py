from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("profile/welcome/", views.onboarding, name="onboarding"),
    path("profile/", views.profile_detail, name="profile"),
    path("profile/edit/", views.profile_edit, name="profile_edit"),
    path("profile/download/", views.profile_download, name="profile_download"),
    path("profile/delete/", views.account_delete, name="account_delete"),
    path("profile/consent/", views.consent, name="consent"),
    path("privacy-policy/", views.privacy_policy, name="privacy_policy"),
]
