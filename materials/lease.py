"""Heartbeats: how a build and a worker show they are alive.

A build of a document holds a lease (``RenderedDocument.claim``) and renews it from a
background thread while WeasyPrint works (``keep_alive``). A task worker records
itself in ``Worker`` and beats from another thread (``WorkerBeat``). Both beat every
quarter of ``PDO_BUILD_LEASE_SECONDS``; ``materials.recovery`` treats anything that
missed a whole lease as dead. The threads use their own database connections and
close them when they stop.
"""

import contextlib
import logging
import os
import socket
import threading

from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from materials.models import RenderedDocument, Worker, lease_duration

logger = logging.getLogger(__name__)

# The worker id of this process once ``task_worker`` starts; builds record it.
_current_worker = {"id": ""}


def new_worker_id():
    """hostname-pid-random, at most 64 characters (django-tasks-db's limit)."""
    host = socket.gethostname().split(".")[0][:40]
    return f"{host}-{os.getpid()}-{get_random_string(8)}"


def current_worker_id():
    return _current_worker["id"] or f"{socket.gethostname().split('.')[0][:40]}-{os.getpid()}"


def set_current_worker_id(worker_id):
    _current_worker["id"] = worker_id


def beat_interval():
    return max(lease_duration().total_seconds() / 4, 0.2)


class Beat(threading.Thread):
    """Calls ``beat()`` every ``interval`` seconds until stopped; errors are logged."""

    def __init__(self, name, interval):
        super().__init__(name=name, daemon=True)
        self.interval = interval
        self.stopping = threading.Event()

    def run(self):
        try:
            while not self.stopping.wait(self.interval):
                try:
                    if self.beat() is False:
                        return
                except DatabaseError:
                    # A database hiccup: try again next time. The lease is longer
                    # than several beats, so one missed beat loses nothing.
                    logger.warning("%s: heartbeat failed", self.name, exc_info=True)
        finally:
            connection.close()

    def beat(self):
        raise NotImplementedError

    def stop(self):
        self.stopping.set()
        self.join(timeout=self.interval + 5)


class DocumentBeat(Beat):
    def __init__(self, document):
        super().__init__(f"lease-{document.pk}", beat_interval())
        self.document_id, self.token = document.pk, document.lease_token

    def beat(self):
        renewed = RenderedDocument.objects.filter(
            pk=self.document_id,
            status=RenderedDocument.Status.RENDERING,
            lease_token=self.token,
        ).update(heartbeat_at=timezone.now())
        if not renewed:
            logger.warning("Document %s: lease lost, another builder took it", self.document_id)
            return False
        return True


@contextlib.contextmanager
def keep_alive(document):
    """Renew the document's lease while the block runs (the document must be claimed)."""
    beat = DocumentBeat(document)
    beat.start()
    try:
        yield
    finally:
        beat.stop()


class WorkerBeat(Beat):
    """Records the worker as alive and runs the recovery every other beat."""

    def __init__(self, worker_id, recover):
        super().__init__(f"worker-{worker_id}", beat_interval())
        self.worker_id, self.recover, self.beats = worker_id, recover, 0

    def beat(self):
        # One statement each, not update_or_create's read-then-write transaction, which
        # SQLite refuses while the build's own heartbeat writes.
        now = timezone.now()
        if not Worker.objects.filter(worker_id=self.worker_id).update(beat_at=now):
            Worker.objects.create(
                worker_id=self.worker_id,
                beat_at=now,
                hostname=socket.gethostname()[:255],
                pid=os.getpid(),
            )
        self.beats += 1
        if self.beats % 2 == 0:
            self.recover()
        return True

    def retire(self):
        """Stop beating and remove the worker's row (a clean shutdown)."""
        self.stop()
        try:
            Worker.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("Could not remove worker %s", self.worker_id, exc_info=True)
