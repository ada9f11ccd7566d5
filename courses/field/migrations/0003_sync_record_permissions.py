"""Trainers and programme managers read the sync audit trail in the admin.

Which records each sees is scoped in ``SyncRecord.objects.for_user``; records are
written only by the sync API, so the view permission is the only one granted.
"""

from django.db import migrations

from pdo_site.migration_helpers import grant
from pdo_site.roles import PROGRAMME_MANAGERS, TRAINERS


def grant_reading_sync_records(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in (TRAINERS, PROGRAMME_MANAGERS):
        group, _ = Group.objects.get_or_create(name=name)
        grant(apps, group, "field", "syncrecord", ["view"])


class Migration(migrations.Migration):
    dependencies = [("field", "0002_device_token_permissions")]

    operations = [migrations.RunPython(grant_reading_sync_records, migrations.RunPython.noop)]
