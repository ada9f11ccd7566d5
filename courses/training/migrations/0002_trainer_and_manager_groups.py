"""Groups 'Trainers' and 'Programme managers'.

Trainers record sessions, participants and attendance at the locations they are
assigned to (the scoping is in the querysets); programme managers see and manage
everything, locations included.
"""

from django.db import migrations

from pdo_site.migration_helpers import get_permission, grant
from pdo_site.roles import PROGRAMME_MANAGERS, TRAINERS

RECORDS = ["trainingsession", "sessionday", "participant", "enrolment", "attendance"]
ALL = ("add", "change", "delete", "view")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    managers, _ = Group.objects.get_or_create(name=PROGRAMME_MANAGERS)
    access_admin = get_permission(apps, "wagtailadmin", "admin", "access_admin")
    for group in (trainers, managers):
        group.permissions.add(access_admin)
        for model in RECORDS:
            grant(apps, group, "training", model, ALL)
    grant(apps, trainers, "training", "location", ["view"])
    grant(apps, managers, "training", "location", ALL)


def remove_groups(apps, schema_editor):
    names = [TRAINERS, PROGRAMME_MANAGERS]
    apps.get_model("auth", "Group").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
