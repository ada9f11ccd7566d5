"""Group 'Course managers': course settings, certificates (revoke) and the online-course
report."""

from django.db import migrations

from pdo_site.migration_helpers import get_permission, grant
from pdo_site.roles import COURSE_MANAGERS


def create_group(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=COURSE_MANAGERS)
    group.permissions.add(get_permission(apps, "wagtailadmin", "admin", "access_admin"))
    grant(apps, group, "learning", "certificate", ["view", "change"])
    grant(apps, group, "learning", "coursesettings", ["add", "change", "view"])
    grant(apps, group, "learning", "courseenrolment", ["view"])


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COURSE_MANAGERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
