"""Recovering the work of dead workers.

django-tasks-db marks a task RUNNING when a worker takes it and never looks at it
again: after a ``kill -9`` (or a machine lost) the row stays RUNNING and its document
"being made" for good. ``recover()`` repairs that. It is safe to run anywhere, at any
time, by any number of processes at once (every change is a conditional UPDATE):

1. a RUNNING task whose worker stopped beating for a whole lease is marked failed
   (``WorkerLost``) and queued again, so its work is not lost;
2. a document whose build lease expired goes back to the queue with a render task
   (``tasks.recover_document``; failed after ``PDO_BUILD_MAX_ATTEMPTS`` builds);
3. a document left queued for a whole lease with no task at all gets one.

Every ``task_worker`` runs it when it starts and every half lease; ``manage.py
recover_tasks`` runs it from cron; the progress page recovers the document it shows.
"""

import logging
import traceback

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from materials import tasks
from materials.models import RenderedDocument, Worker, lease_duration

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running the task stopped beating (killed, or its machine lost)."""


def recover_tasks(now):
    """Mark the RUNNING tasks of dead workers failed and queue them again; their count."""
    cutoff = now - lease_duration()
    alive = set(Worker.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True))
    recovered = 0
    running = DBTaskResult.objects.running().filter(
        backend_name=tasks.QUEUE_BACKEND, started_at__lt=cutoff
    )
    for result in running:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        error = WorkerLost(f"worker {', '.join(result.worker_ids) or '?'} stopped beating")
        with transaction.atomic():
            taken = DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING
            ).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{__name__}.WorkerLost",
                traceback="".join(traceback.format_exception_only(error)),
            )
            if taken:
                recovered += 1
                try:
                    task = result.task
                except (ImportError, SuspiciousOperation):
                    logger.warning("Task %s (%s) no longer exists", result.pk, result.task_path)
                    continue
                # The project's tasks can all run twice (a render claims its document).
                arguments = result.args_kwargs
                task.enqueue(*arguments["args"], **arguments["kwargs"])
    return recovered


def recover_documents(now):
    cutoff = now - lease_duration()
    recovered = 0
    abandoned = RenderedDocument.objects.filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at=None, started_at__lt=cutoff),
        status=RenderedDocument.Status.RENDERING,
    )
    for document in abandoned:
        if tasks.recover_document(document, now):
            recovered += 1
            if document.status == RenderedDocument.Status.QUEUED and not (
                tasks.pending_render_task(document.pk)
            ):
                tasks.enqueue_render(document, tasks.PRIORITY_WAITING)
    # Queued for a whole lease with no task (the enqueue was lost): give it one.
    waiting = RenderedDocument.objects.filter(
        status=RenderedDocument.Status.QUEUED, created_at__lt=cutoff
    ).exclude(requested_at__gte=cutoff)
    for document in waiting:
        if not tasks.pending_render_task(document.pk):
            tasks.enqueue_render(document, tasks.PRIORITY_PUBLISHED)
            recovered += 1
    return recovered


def forget_dead_workers(now):
    """Remove the rows of workers silent for ten leases (they will not come back)."""
    Worker.objects.filter(beat_at__lt=now - 10 * lease_duration()).delete()


def recover():
    """Run the whole recovery once: {"tasks": n, "documents": n}."""
    now = timezone.now()
    found = {"tasks": recover_tasks(now), "documents": recover_documents(now)}
    forget_dead_workers(now)
    return found
