"""Replace Wagtail's welcome page with the academy's home page."""

from django.db import migrations

HERO_TEXT = (
    "<p>Flyway Academy trains the people who protect migratory birds and their "
    "wetlands across North-East Asia: crane surveys, colour banding, drones and "
    "remote sensing, and wetland habitat assessment, taught by scientists from "
    "China, Japan, Mongolia, the Republic of Korea and the Russian Federation.</p>"
)


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    Page.objects.filter(depth=2, slug="home").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Flyway Academy",
        draft_title="Flyway Academy",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        hero_heading="Training for the people who protect the flyway",
        hero_text=HERO_TEXT,
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Flyway Academy"},
    )


def backwards(apps, schema_editor):
    apps.get_model("home", "HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
