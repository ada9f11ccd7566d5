import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Workflow

from tests.curricula.factories import ModulePageFactory


@pytest.mark.django_db
def test_groups_come_from_a_data_migration():
    authors = Group.objects.get(name="Curriculum authors")
    reviewers = Group.objects.get(name="Curriculum reviewers")
    for group in (authors, reviewers):
        assert group.permissions.filter(codename="access_admin").exists()
    assert reviewers.page_permissions.filter(permission__codename="publish_page").exists()
    assert not authors.page_permissions.filter(permission__codename="publish_page").exists()


@pytest.mark.django_db
def test_authors_edit_but_do_not_publish_reviewers_publish(module, author, reviewer):
    author_perms = module.permissions_for_user(author)
    assert author_perms.can_edit() and author_perms.can_add_subpage() is False
    assert not author_perms.can_publish()
    reviewer_perms = module.permissions_for_user(reviewer)
    assert reviewer_perms.can_edit() and reviewer_perms.can_publish()


@pytest.mark.django_db
def test_curricula_go_through_the_review_workflow(curricula, author, reviewer):
    _index, finland, _iceland = curricula
    workflow = finland.get_workflow()
    assert workflow == Workflow.objects.get(name="Curriculum review")

    module = ModulePageFactory(parent=finland, title="Housing")
    module.title_ar = "السكن"
    revision = module.save_revision(user=author)
    workflow_state = workflow.start(module, author)
    task_state = workflow_state.current_task_state
    task = task_state.task.specific

    # The author cannot approve their own submission; a reviewer can.
    assert "approve" not in [name for name, *_ in task.get_actions(module, author)]
    assert "approve" in [name for name, *_ in task.get_actions(module, reviewer)]

    task.on_action(task_state, reviewer, "approve")
    module.refresh_from_db()
    assert module.live
    assert module.live_revision_id == revision.pk
    assert module.title_ar == "السكن"


@pytest.mark.django_db
def test_author_sees_the_translation_report_and_can_open_the_editor(client, module, author):
    client.force_login(author)
    assert client.get(reverse("curricula_reports:translation_coverage")).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).status_code == 200
