"""How people get the PDFs: links on the pages, progress pages, the admin, offline packs."""

import io
import re
import zipfile

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from materials import documents
from materials.models import RenderedDocument, Variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(django_user_model):
    user = django_user_model.objects.create_user(username="trainer", password="pw-trainer")
    user.groups.add(Group.objects.get(name="Curriculum authors"))
    return user


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user(username="learner", password="pw-learner")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-boss")


def test_pages_link_their_handout_and_only_trainers_see_the_trainer_guide(
    client, small_curriculum, trainer
):
    curriculum, module = small_curriculum
    for page in (curriculum, module):
        html = client.get(page.url).content.decode()
        assert f'href="{page.url}pdf/?variant=handout" rel="nofollow"' in html
        assert "variant=trainer" not in html
    client.force_login(trainer)
    for page in (curriculum, module):
        html = client.get(page.url).content.decode()
        assert f'href="{page.url}pdf/?variant=trainer"' in html


def test_links_follow_the_reading_language(client, small_curriculum):
    _curriculum, module = small_curriculum
    with translation.override("ar"):
        arabic_url = module.url
    html = client.get(arabic_url).content.decode()
    assert f'href="{arabic_url}pdf/?variant=handout" rel="nofollow"' in html
    assert arabic_url.startswith("/ar/")


@pytest.mark.parametrize("who", ["anonymous", "learner"])
def test_trainer_guides_are_not_found_for_non_trainers(client, small_curriculum, learner, who):
    _curriculum, module = small_curriculum
    if who == "learner":
        client.force_login(learner)
    assert client.get(module.pdf_url(Variant.TRAINER)).status_code == 404
    assert client.get(module.pdf_status_url(Variant.TRAINER)).status_code == 404
    assert not RenderedDocument.objects.filter(variant=Variant.TRAINER).exists()


def test_unknown_variant_is_not_found(client, small_curriculum):
    _curriculum, module = small_curriculum
    assert client.get(module.url + "pdf/?variant=poster").status_code == 404


def test_progress_page_is_translated_accessible_and_works_without_javascript(
    client, small_curriculum, trainer
):
    _curriculum, module = small_curriculum
    client.force_login(trainer)
    with translation.override("ar"):
        url, status_url = module.pdf_url(Variant.TRAINER), module.pdf_status_url(Variant.TRAINER)
    response = client.get(url)
    assert response.status_code == 202
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r'<progress id="pdf-progress-bar" max="100" value="\d+">', html)
    assert '<label class="pdf-progress__label" for="pdf-progress-bar">' in html
    assert 'role="status"' in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert f'data-status-url="{status_url}"' in html.replace("&amp;", "&")
    assert "materials/pdf-progress.js" in html
    document = RenderedDocument.objects.get(variant=Variant.TRAINER)
    assert document.language == "ar" and document.requested_at is not None


def test_status_endpoint_reports_progress_and_then_the_download(client, small_curriculum):
    _curriculum, module = small_curriculum
    status_url = module.pdf_status_url(Variant.HANDOUT)
    waiting = client.get(status_url).json()
    assert waiting["status"] == "queued" and not waiting["ready"]
    assert 0 < waiting["progress"] < 100 and waiting["message"]

    document = documents.ensure_built(module, "en", Variant.HANDOUT)
    ready = client.get(status_url).json()
    assert ready["ready"] and ready["progress"] == 100
    assert ready["url"] == documents.stored_url(document)  # the file itself, not the page


def test_admin_lists_a_pages_pdfs_in_every_language(
    client, small_curriculum, admin_user, django_assert_max_num_queries
):
    _curriculum, module = small_curriculum
    client.force_login(admin_user)
    documents.ensure_built(module, "ar", Variant.HANDOUT)
    url = reverse("materials_admin:page_documents", args=[module.pk])
    with django_assert_max_num_queries(40):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<tr data-language=") == 14  # one row per site language
    download = reverse("materials_admin:download", args=[module.pk, "ar", "handout"])
    assert download in html
    assert client.get(download)["Content-Type"] == "application/pdf"

    response = client.post(url, {"language": "ti", "variant": "trainer", "action": "build"})
    assert response.status_code == 302
    assert RenderedDocument.objects.filter(page=module, language="ti", variant="trainer").exists()


def test_page_editor_offers_the_pdfs(client, small_curriculum, admin_user):
    _curriculum, module = small_curriculum
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert reverse("materials_admin:page_documents", args=[module.pk]) in html


def test_offline_pack_from_the_admin(client, small_curriculum, admin_user):
    curriculum, module = small_curriculum
    client.force_login(admin_user)
    form_url = reverse("materials_admin:offline_pack")
    assert client.get(form_url + f"?curriculum={curriculum.pk}").status_code == 200
    response = client.post(
        form_url,
        {
            "curriculum": curriculum.pk,
            "languages": ["ar"],
            "variants": ["handout", "trainer"],
            "paper_size": "A4",
        },
    )
    assert response.status_code == 302
    download_url = response["Location"]

    waiting = client.get(download_url)
    assert waiting.status_code == 200 and "0 of 4" in waiting.content.decode()
    for page in (curriculum, module):
        for variant in Variant.values:
            documents.ensure_built(page, "ar", variant)

    response = client.get(download_url)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert names == {
        "index.html",
        "ar/small-course-handout.pdf",
        "ar/small-course-trainer.pdf",
        "ar/modules/01-first-steps-handout.pdf",
        "ar/modules/01-first-steps-trainer.pdf",
    }
    index = archive.read("index.html").decode()
    links = set(re.findall(r'href="([^"#]+)"', index))
    assert links == names - {"index.html"}  # relative links to files in the ZIP
    assert 'lang="ar" dir="rtl"' in index and "الخطوات الأولى" in index
