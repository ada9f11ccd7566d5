"""Groups 'Curriculum authors' and 'Curriculum reviewers', and the review workflow.

Authors write and translate curricula and submit them for review; reviewers
approve (publish) or reject them. Permissions are granted on the root page so
they cover every curriculum, present and future.
"""

from django.db import migrations

from pdo_site.migration_helpers import get_permission, grant
from pdo_site.roles import CURRICULUM_AUTHORS as AUTHORS
from pdo_site.roles import CURRICULUM_REVIEWERS as REVIEWERS

WORKFLOW = "Curriculum review"
TASK = "Review by curriculum reviewers"

PAGE_PERMISSIONS = {
    AUTHORS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    AUTHORS: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    REVIEWERS: [
        ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
        ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
    ],
}
MODEL_PERMISSIONS = {
    AUTHORS: [
        ("curricula", "glossaryterm", ["add", "change", "view"]),
        ("curricula", "destinationfacts", ["change", "view"]),
    ],
    REVIEWERS: [
        ("curricula", "glossaryterm", ["add", "change", "delete", "view"]),
        ("curricula", "destinationfacts", ["add", "change", "delete", "view"]),
    ],
}


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = get_permission(apps, "wagtailadmin", "admin", "access_admin")

    groups = {}
    for name in (AUTHORS, REVIEWERS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        for app_label, model, actions in MODEL_PERMISSIONS[name]:
            grant(apps, group, app_label, model, actions)
        if root_page is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=get_permission(apps, "wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for app_label, model, actions in COLLECTION_PERMISSIONS[name]:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=get_permission(apps, app_label, model, f"{action}_{model}"),
                    )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(groups[REVIEWERS])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_groups_and_workflow(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[AUTHORS, REVIEWERS]).delete()
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("curricula", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, remove_groups_and_workflow)]
