"""The PDF cache and queue: built once per version, rebuilt on publish, never twice."""

from datetime import timedelta

import pytest
from pypdf import PdfReader

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.curricula.models import ModulePage
from materials import documents, tasks
from materials.models import RenderedDocument, Variant
from materials.tasks import queue_documents_for_page, render_document
from tests.materials.conftest import run_queued_tasks

pytestmark = pytest.mark.django_db


def pdf_text(response):
    from io import BytesIO

    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_a_cached_pdf_is_served_without_rendering_again(
    client, small_curriculum, count_renders, django_capture_on_commit_callbacks
):
    _curriculum, module = small_curriculum
    url = module.pdf_url(Variant.HANDOUT)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(url)
    assert first.status_code == 202  # the progress page: the PDF is queued
    assert run_queued_tasks() == ["render_document"]
    assert count_renders() == 1

    for _ in range(3):
        response = client.get(url, follow=True)  # to the stored file
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "First steps" in pdf_text(response)
    assert count_renders() == 1
    assert RenderedDocument.objects.filter(page=module).count() == 1

    stored = response.redirect_chain[-1][0]
    cached = client.get(stored, headers={"if-none-match": response["ETag"]})
    assert cached.status_code == 304


def test_serving_a_cached_pdf_takes_a_fixed_number_of_queries(
    client, demo_pages, django_assert_max_num_queries
):
    finland, _arrival = demo_pages
    documents.ensure_built(finland, "en", Variant.HANDOUT)
    with django_assert_max_num_queries(12):
        response = client.get(finland.pdf_url(Variant.HANDOUT))
    assert response.status_code == 302
    with django_assert_max_num_queries(1):
        assert client.get(response["Location"]).status_code == 200


def test_publishing_a_new_revision_yields_a_new_pdf(
    client, small_curriculum, django_capture_on_commit_callbacks
):
    _curriculum, module = small_curriculum
    old = documents.ensure_built(module, "en", Variant.HANDOUT)
    old_file = old.file.name

    module.body_en = [{"type": "paragraph", "value": "<p>NEW-TEXT-IN-REVISION-TWO</p>"}]
    with django_capture_on_commit_callbacks(execute=True):
        revision = module.save_revision()
        revision.publish()
    tasks = run_queued_tasks()
    assert tasks[0] == "queue_documents_for_page"
    assert "render_document" in tasks

    new = RenderedDocument.objects.get(page=module, language="en", variant=Variant.HANDOUT)
    assert new.pk != old.pk and new.content_key != old.content_key
    assert new.revision_id == revision.pk and new.is_ready
    assert not default_storage.exists(old_file)  # the old version's file went with it
    text = pdf_text(client.get(module.pdf_url(Variant.HANDOUT), follow=True))
    assert "NEW-TEXT-IN-REVISION-TWO" in text
    assert f"Revision {revision.pk}" in text


def test_publishing_queues_the_page_and_its_curriculum_in_translated_languages(
    demo_pages, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    finland, arrival = demo_pages
    with django_capture_on_commit_callbacks(execute=True):
        arrival.save_revision().publish()
    queued = DBTaskResult.objects.filter(task_path__endswith="queue_documents_for_page")
    iceland_alias = ModulePage.objects.get(alias_of=arrival)
    # Wagtail publishes the module's alias in the Iceland curriculum too.
    assert sorted(task.args_kwargs["args"] for task in queued) == [[arrival.pk], [iceland_alias.pk]]

    with django_capture_on_commit_callbacks(execute=True):
        queue_documents_for_page.call(arrival.pk)
    built = set(
        RenderedDocument.objects.filter(status="queued").values_list(
            "page_id", "language", "variant"
        )
    )
    expected_languages = {"en", "fi", "ar", "prs", "so", "ti"}  # the demo's translations
    for page in (arrival, finland):
        for language in expected_languages:
            for variant in Variant.values:
                assert (page.pk, language, variant) in built
    assert not {language for _page, language, _variant in built} - expected_languages
    renders = DBTaskResult.objects.filter(task_path__endswith="render_document").count()
    assert renders == len(built)


def test_retries_never_duplicate_a_document(small_curriculum, count_renders):
    _curriculum, module = small_curriculum
    first = tasks.request_document(module, "ar", Variant.TRAINER)
    again = tasks.request_document(module, "ar", Variant.TRAINER)
    assert first.pk == again.pk

    assert render_document.call(first.pk) == "ready"
    assert render_document.call(first.pk) == "ready"  # a retried task: nothing to do
    assert count_renders() == 1

    with pytest.raises(IntegrityError), transaction.atomic():
        RenderedDocument.objects.create(
            page=module,
            content_key=first.content_key,
            language="ar",
            variant=Variant.TRAINER,
            paper_size=first.paper_size,
        )


def test_a_document_superseded_before_rendering_is_dropped(small_curriculum, count_renders):
    _curriculum, module = small_curriculum
    queued = tasks.request_document(module, "en", Variant.HANDOUT)
    module.save_revision().publish()
    assert render_document.call(queued.pk) == "superseded"
    assert count_renders() == 0
    assert not RenderedDocument.objects.filter(pk=queued.pk).exists()


def test_a_failed_rendering_is_recorded_and_can_be_retried(
    client, small_curriculum, monkeypatch, django_capture_on_commit_callbacks
):
    _curriculum, module = small_curriculum
    document = tasks.request_document(module, "en", Variant.HANDOUT)

    def broken(*args, **kwargs):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(documents, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        render_document.call(document.pk)
    document.refresh_from_db()
    assert document.status == "failed" and "printer on fire" in document.error

    page = client.get(module.pdf_url(Variant.HANDOUT))
    assert page.status_code == 202 and "retry=1" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.get(module.pdf_url(Variant.HANDOUT) + "&retry=1")
    document.refresh_from_db()
    assert document.status == "queued" and len(callbacks) == 1


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over(small_curriculum):
    _curriculum, module = small_curriculum
    document = tasks.request_document(module, "en", Variant.HANDOUT)
    assert document.claim()
    assert not RenderedDocument.objects.get(pk=document.pk).claim()  # another worker has it
    RenderedDocument.objects.filter(pk=document.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    assert RenderedDocument.objects.get(pk=document.pk).claim()
