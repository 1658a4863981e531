from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("reports/participation/", views.participation, name="participation"),
    path("reports/participation.csv", views.participation_csv, name="participation_csv"),
    path("reports/participation.xlsx", views.participation_xlsx, name="participation_xlsx"),
    path("reports/participation.pdf", views.participation_pdf, name="participation_pdf"),
    path("reports/targets/", views.targets, name="targets"),
    path("reports/targets/<int:target_id>/delete/", views.target_delete, name="target_delete"),
    path("reports/snapshots/", views.snapshots, name="snapshots"),
    path("impact/", views.impact, name="impact"),
]
