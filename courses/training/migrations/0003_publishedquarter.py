"""Published quarters (the public figures page), published by programme managers."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from pdo_site.migration_helpers import grant
from pdo_site.roles import PROGRAMME_MANAGERS


def grant_publishing(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=PROGRAMME_MANAGERS).first()
    if group is not None:
        grant(apps, group, "training", "publishedquarter", ["add", "delete", "view"])


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_trainer_and_manager_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedQuarter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("quarter", models.DateField(help_text="Its first day.", unique=True, verbose_name="quarter")),
                ("published_at", models.DateTimeField(auto_now_add=True, verbose_name="published at")),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="published by",
                    ),
                ),
            ],
            options={
                "verbose_name": "published quarter",
                "verbose_name_plural": "published quarters",
                "ordering": ["-quarter"],
            },
        ),
        migrations.RunPython(grant_publishing, migrations.RunPython.noop),
    ]
