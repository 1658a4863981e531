from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.mine, name="mine"),
    path("certificates/<int:pk>/", views.detail, name="detail"),
    path("certificates/<int:pk>/certificate.pdf", views.download, name="download"),
    path("certificates/<int:pk>/credential.jwt", views.credential, name="credential"),
    path("certificates/<int:pk>/credential.json", views.credential_ld, name="credential_ld"),
    path("certificates/verify/", views.verify_lookup, name="verify_lookup"),
    path("certificates/verify/<str:code>.json", views.verify_json, name="verify_json"),
    path("certificates/verify/<str:code>/", views.verify, name="verify"),
    path("certificates/issuer.json", views.issuer_profile_view, name="issuer_profile"),
    path("certificates/issuer/jwks.json", views.issuer_jwks, name="issuer_jwks"),
    path("certificates/issuer/keys/<str:key_id>", views.issuer_key, name="issuer_key"),
    path("certificates/revocations.json", views.revocation_list, name="revocation_list"),
    path("certificates/achievements/<int:course_id>.json", views.achievement, name="achievement"),
    path("certificates/achievements/<int:course_id>/badge.png", views.badge, name="badge"),
]
