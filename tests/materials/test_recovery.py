"""Builds whose worker died: leases, recovery, the progress page and the admin's Rebuild.

In-process, through the real views and the real task rows. ``test_worker_kill.py``
kills a real worker process.
"""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from materials import documents, tasks
from materials.models import RenderedDocument, Variant, Worker
from tests.materials.conftest import run_queued_tasks

pytestmark = pytest.mark.django_db


def abandon(document, worker="dead-worker", leases=2):
    """As a worker that claimed the document and was killed ``leases`` leases ago."""
    assert document.claim(worker)
    long_ago = timezone.now() - timedelta(seconds=60 * leases)
    RenderedDocument.objects.filter(pk=document.pk).update(
        started_at=long_ago, heartbeat_at=long_ago
    )
    document.refresh_from_db()
    assert document.status == "rendering" and document.is_stale
    return document


def render_tasks(status):
    return DBTaskResult.objects.filter(task_path="materials.tasks.render_document", status=status)


def test_the_progress_page_notices_a_dead_build_and_recovers_it(
    client, small_curriculum, count_renders, django_capture_on_commit_callbacks
):
    _curriculum, module = small_curriculum
    url = module.pdf_url(Variant.HANDOUT)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    render_tasks(TaskResultStatus.READY).delete()  # the task died with its worker
    document = abandon(RenderedDocument.objects.get(page=module))

    with django_capture_on_commit_callbacks(execute=True):
        status = client.get(module.pdf_status_url(Variant.HANDOUT)).json()
    assert status["status"] == "queued" and status["progress"] < 95
    document.refresh_from_db()
    assert document.leased_by == "" and document.attempts == 1
    assert render_tasks(TaskResultStatus.READY).count() == 1

    # Asking again does not queue a second task: one is waiting.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202
    assert render_tasks(TaskResultStatus.READY).count() == 1

    assert run_queued_tasks() == ["render_document"]
    assert count_renders() == 1
    response = client.get(url, follow=True)  # to the stored file's own address
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert RenderedDocument.objects.filter(page=module).count() == 1


def test_a_live_build_is_left_alone(client, small_curriculum, django_capture_on_commit_callbacks):
    _curriculum, module = small_curriculum
    document = tasks.request_document(module, "en", Variant.HANDOUT)
    assert document.claim("busy-worker")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert client.get(module.pdf_url(Variant.HANDOUT) + "&retry=1").status_code == 202
    document.refresh_from_db()
    assert document.status == "rendering" and document.leased_by == "busy-worker"
    assert not callbacks
    assert call_command_output("recover_tasks") == "Recovered 0 tasks and 0 documents."


def call_command_output(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_recover_tasks_fails_a_dead_workers_task_and_runs_it_again(
    small_curriculum, count_renders, django_capture_on_commit_callbacks
):
    _curriculum, module = small_curriculum
    with django_capture_on_commit_callbacks(execute=True):
        document = tasks.request_document(module, "en", Variant.HANDOUT)
    result = render_tasks(TaskResultStatus.READY).get()
    result.claim("dead-worker")
    abandon(document)
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - timedelta(minutes=5)
    )
    # A live worker's task is not touched, however old.
    Worker.objects.create(worker_id="live-worker", beat_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        live = tasks.render_document.using(backend="queue").enqueue(document.pk)
    DBTaskResult.objects.filter(pk=live.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=["live-worker"],
        started_at=timezone.now() - timedelta(minutes=5),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert call_command_output("recover_tasks") == "Recovered 1 tasks and 1 documents."
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == "materials.recovery.WorkerLost"
    assert "dead-worker" in result.traceback
    assert DBTaskResult.objects.get(pk=live.id).status == TaskResultStatus.RUNNING
    # The failed task was queued again; the document needed no second task.
    assert render_tasks(TaskResultStatus.READY).count() == 1
    assert run_queued_tasks() == ["render_document"]
    assert count_renders() == 1
    document.refresh_from_db()
    assert document.is_ready and document.lease_token == ""


def test_a_document_that_keeps_killing_workers_is_marked_failed_then_retried_on_request(
    client, small_curriculum, settings, django_capture_on_commit_callbacks
):
    _curriculum, module = small_curriculum
    document = tasks.request_document(module, "en", Variant.HANDOUT)
    for _attempt in range(settings.PDO_BUILD_MAX_ATTEMPTS):
        abandon(document)
        with django_capture_on_commit_callbacks(execute=True):
            call_command_output("recover_tasks")
        document.refresh_from_db()
    assert document.status == "failed" and "stopped 3 times" in document.error
    assert client.get(module.pdf_url(Variant.HANDOUT)).status_code == 202

    with django_capture_on_commit_callbacks(execute=True):
        client.get(module.pdf_url(Variant.HANDOUT) + "&retry=1")
    document.refresh_from_db()
    assert document.status == "queued" and document.attempts == 0
    assert run_queued_tasks() == ["render_document"]
    document.refresh_from_db()
    assert document.is_ready


def test_rebuild_in_the_admin_takes_back_a_dead_build(
    client, small_curriculum, django_user_model, django_capture_on_commit_callbacks
):
    _curriculum, module = small_curriculum
    manager = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-boss")
    client.force_login(manager)
    document = abandon(tasks.request_document(module, "fi", Variant.TRAINER))
    url = reverse("materials_admin:page_documents", args=[module.pk])
    html = client.get(url).content.decode()
    row = html.split('<tr data-language="fi"')[1].split("</tr>")[0]
    assert 'value="rebuild"' in row

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"language": "fi", "variant": "trainer", "action": "rebuild"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "queued"
    assert run_queued_tasks() == ["render_document"]
    assert RenderedDocument.objects.get(page=module, language="fi").is_ready


def test_a_builder_that_lost_its_lease_drops_its_result(small_curriculum, monkeypatch, settings):
    _curriculum, module = small_curriculum
    document = tasks.request_document(module, "en", Variant.HANDOUT)
    original = documents.render_pdf
    folder = Path(settings.MEDIA_ROOT) / "materials" / "pdf" / str(module.pk)
    files_before = set(folder.rglob("*.pdf"))

    def stall_then_render(*args, **kwargs):
        # While this builder works, its lease expires and another worker takes it.
        RenderedDocument.objects.filter(pk=document.pk).update(
            heartbeat_at=timezone.now() - timedelta(minutes=5)
        )
        assert RenderedDocument.objects.get(pk=document.pk).claim("second-worker")
        return original(*args, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", stall_then_render)
    built = documents.build_document(document)
    assert built.status == "rendering" and built.leased_by == "second-worker"
    assert not built.file
    assert set(folder.rglob("*.pdf")) == files_before  # its file was removed
