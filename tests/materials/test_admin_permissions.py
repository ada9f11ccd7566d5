"""Trainers read and download a page's PDFs; building and rebuilding them needs the right
to edit the page. The translation coverage report is for those who write pages."""

import pytest

from django.urls import reverse

from materials.models import RenderedDocument
from tests.training.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def test_a_trainer_reads_a_pages_pdfs_but_cannot_queue_or_rebuild_them(client, small_curriculum):
    _curriculum, module = small_curriculum
    client.force_login(StaffUserFactory(username="trainer", group="Trainers"))
    url = reverse("materials_admin:page_documents", args=[module.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="action"' not in response.content.decode()
    refused = client.post(url, {"language": "ti", "variant": "trainer", "action": "build"})
    assert refused.status_code == 302  # Wagtail answers PermissionDenied with its home page
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert not RenderedDocument.objects.filter(page=module, language="ti").exists()


def test_an_author_who_may_edit_the_page_builds_its_pdfs(client, small_curriculum, author):
    _curriculum, module = small_curriculum
    client.force_login(author)
    url = reverse("materials_admin:page_documents", args=[module.pk])
    assert 'name="action"' in client.get(url).content.decode()
    response = client.post(url, {"language": "ti", "variant": "trainer", "action": "build"})
    assert response.status_code == 302
    assert RenderedDocument.objects.filter(page=module, language="ti").exists()


def test_the_translation_coverage_report_is_for_authors_not_trainers(client, demo_pages, author):
    url = reverse("curricula_reports:translation_coverage")
    client.force_login(StaffUserFactory(username="trainer", group="Trainers"))
    refused = client.get(url)
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(author)
    assert client.get(url).status_code == 200
