"""Trainers and programme managers see and revoke device tokens in the admin.

Which tokens each sees is scoped in ``DeviceToken.objects.for_user``; tokens are
created only by signing a device in, so nobody gets the add permission.
"""

from django.db import migrations

from pdo_site.migration_helpers import grant
from pdo_site.roles import PROGRAMME_MANAGERS, TRAINERS


def grant_token_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in (TRAINERS, PROGRAMME_MANAGERS):
        group, _ = Group.objects.get_or_create(name=name)
        grant(apps, group, "field", "devicetoken", ["view", "change"])


class Migration(migrations.Migration):
    dependencies = [
        ("field", "0001_initial"),
        ("training", "0002_trainer_and_manager_groups"),
    ]

    operations = [migrations.RunPython(grant_token_permissions, migrations.RunPython.noop)]
