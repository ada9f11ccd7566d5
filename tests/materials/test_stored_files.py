"""Built PDFs from storage at content-addressed URLs (materials/views/files.py)."""

import pytest

from django.contrib.auth.models import Group

from materials import documents
from materials.models import Variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def handout(small_curriculum):
    _curriculum, module = small_curriculum
    return module, documents.ensure_built(module, "en", Variant.HANDOUT)


def test_the_page_url_redirects_to_the_stored_file_which_is_cached_for_good(
    client, handout, django_assert_max_num_queries
):
    module, document = handout
    redirect = client.get(module.pdf_url(Variant.HANDOUT))
    assert redirect.status_code == 302 and redirect["Cache-Control"] == "no-cache"
    url = redirect["Location"]
    assert url == documents.stored_url(document) and url.startswith("/files/pdf/")
    with django_assert_max_num_queries(1):
        response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_the_status_endpoint_gives_the_stored_url_once_ready(client, handout):
    module, document = handout
    status = client.get(module.pdf_status_url(Variant.HANDOUT)).json()
    assert status["ready"] and status["url"] == documents.stored_url(document)


def test_a_url_that_names_another_file_is_not_found(client, handout):
    _module, document = handout
    url = documents.stored_url(document)
    folder = url.split("/")[4]
    assert client.get(url.replace(folder, "0" * len(folder))).status_code == 404
    assert client.get(url.replace(f"/{document.pk}/", f"/{document.pk + 1}/")).status_code == 404


def test_trainer_guides_need_a_trainer_even_at_their_stored_url(
    client, small_curriculum, django_user_model
):
    _curriculum, module = small_curriculum
    guide = documents.ensure_built(module, "en", Variant.TRAINER)
    url = documents.stored_url(guide)
    assert client.get(url).status_code == 404
    learner = django_user_model.objects.create_user("learner", password="pw")
    client.force_login(learner)
    assert client.get(url).status_code == 404
    trainer = django_user_model.objects.create_user("trainer", password="pw")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=31536000, immutable"
    assert "Cookie" in response["Vary"]
    redirect = client.get(module.pdf_url(Variant.TRAINER))
    assert redirect.status_code == 302 and "private" in redirect["Cache-Control"]
