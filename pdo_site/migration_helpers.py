"""Helpers for the apps' data migrations (groups and their permissions).

They work on the historical models a migration is given (``apps``), never on the
app code, so an old migration keeps working when the models change later.
"""


def get_permission(apps, app_label, model, codename):
    """The permission, created with its content type when the migration runs first."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def grant(apps, group, app_label, model, actions):
    """Give ``group`` the ``<action>_<model>`` permissions of one model."""
    group.permissions.add(
        *(get_permission(apps, app_label, model, f"{action}_{model}") for action in actions)
    )
