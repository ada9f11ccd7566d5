"""Group 'Course managers': certificates (revoke) and the online-course report."""

from django.db import migrations

MANAGERS = "Course managers"


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


def create_group(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=MANAGERS)
    group.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin"),
        permission(apps, "courses", "certificate", "view_certificate"),
        permission(apps, "courses", "certificate", "change_certificate"),
        permission(apps, "courses", "courseenrolment", "view_courseenrolment"),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MANAGERS).delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0006_online_courses")]

    operations = [migrations.RunPython(create_group, remove_group)]
