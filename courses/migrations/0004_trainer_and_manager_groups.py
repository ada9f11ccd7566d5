"""Groups 'Trainers' and 'Programme managers'.

Trainers record sessions, participants and attendance at the locations they are
assigned to (the scoping is in the querysets); programme managers see and manage
everything, locations included.
"""

from django.db import migrations

TRAINERS = "Trainers"
MANAGERS = "Programme managers"
RECORDS = ["trainingsession", "sessionday", "participant", "enrolment", "attendance"]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return perm


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    managers, _ = Group.objects.get_or_create(name=MANAGERS)
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    for group in (trainers, managers):
        group.permissions.add(access_admin)
        for model in RECORDS:
            for action in ("add", "change", "delete", "view"):
                group.permissions.add(permission(apps, "courses", model, f"{action}_{model}"))
    trainers.permissions.add(permission(apps, "courses", "location", "view_location"))
    for action in ("add", "change", "delete", "view"):
        managers.permissions.add(permission(apps, "courses", "location", f"{action}_location"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[TRAINERS, MANAGERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_training_sessions")]

    operations = [migrations.RunPython(create_groups, remove_groups)]
