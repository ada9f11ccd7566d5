"""Printed materials: PDFs built from curricula and modules, cached per version."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Variant(models.TextChoices):
    HANDOUT = "handout", _("Participant handout")
    TRAINER = "trainer", _("Trainer guide")


class PaperSize(models.TextChoices):
    A4 = "A4", _("A4")
    LETTER = "letter", _("US Letter")


def default_paper_size():
    return settings.PDO_PAPER_SIZE


def lease_duration():
    """How long a build may go without a heartbeat before it counts as abandoned."""
    return timedelta(seconds=settings.PDO_BUILD_LEASE_SECONDS)


def document_upload_path(document, filename):
    # A random folder per document: trainer guides must not be found by guessing a
    # media URL, and a rebuild never overwrites a file someone is downloading.
    return f"materials/pdf/{document.page_id}/{uuid.uuid4().hex}/{filename}"


class RenderedDocumentQuerySet(models.QuerySet):
    def ready(self):
        return self.filter(status=RenderedDocument.Status.READY)


class RenderedDocument(models.Model):
    """One PDF of one page, in one language, variant and paper size, built from one version.

    ``content_key`` identifies the version: a digest of the revisions that went into the
    document (the page's, and for a curriculum each module's) and of the print layout.
    The unique constraint makes a retried or repeated request find the existing row
    instead of building the same PDF twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="rendered_documents",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page revision the document was built from."),
    )
    content_key = models.CharField(_("content key"), max_length=64)
    language = models.CharField(_("language"), max_length=10)
    variant = models.CharField(_("variant"), max_length=10, choices=Variant.choices)
    paper_size = models.CharField(_("paper size"), max_length=10, choices=PaperSize.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=document_upload_path, blank=True)
    page_count = models.PositiveIntegerField(_("number of pages"), null=True, blank=True)
    render_seconds = models.FloatField(_("rendering time (seconds)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    requested_at = models.DateTimeField(_("first asked for at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The lease of the build in progress (materials/lease.py): who holds it, the token
    # that proves it, and when its holder last said it was alive.
    leased_by = models.CharField(_("being made by"), max_length=64, blank=True)
    lease_token = models.CharField(max_length=32, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("Builds started since the document was queued.")
    )

    objects = RenderedDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "content_key", "language", "variant", "paper_size"],
                name="materials_one_document_per_version",
            )
        ]
        verbose_name = _("rendered document")
        verbose_name_plural = _("rendered documents")

    def __str__(self):
        return f"{self.page_id} {self.language} {self.variant} {self.paper_size} ({self.status})"

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.file)

    @property
    def is_pending(self):
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)

    def lease_expired(self, now=None):
        """True when the document is being rendered but its builder stopped beating."""
        if self.status != self.Status.RENDERING:
            return False
        last = self.heartbeat_at or self.started_at
        return last is None or last < (now or timezone.now()) - lease_duration()

    @property
    def is_stale(self):
        return self.lease_expired()

    def claim(self, worker_id=""):
        """Take the lease on the document for this build; False if another builder holds it.

        Takes queued documents, and rendering ones whose lease expired (their builder
        died). A failed document is taken only once ``requeue()`` put it back in line.
        On success ``lease_token`` proves the claim: a builder that lost it (it stalled
        and the lease was taken over) cannot mark the document ready afterwards.
        """
        now = timezone.now()
        cutoff = now - lease_duration()
        claimable = (
            models.Q(status=self.Status.QUEUED)
            | models.Q(status=self.Status.RENDERING, heartbeat_at__lt=cutoff)
            | models.Q(status=self.Status.RENDERING, heartbeat_at=None, started_at__lt=cutoff)
        )
        token = uuid.uuid4().hex
        claimed = (
            type(self)
            .objects.filter(claimable, pk=self.pk)
            .update(
                status=self.Status.RENDERING,
                started_at=now,
                heartbeat_at=now,
                error="",
                leased_by=worker_id[:64],
                lease_token=token,
                attempts=models.F("attempts") + 1,
            )
        )
        if claimed:
            self.refresh_from_db(
                fields=["status", "started_at", "heartbeat_at", "error", "leased_by", "attempts"]
            )
            self.lease_token = token
        return bool(claimed)

    def requeue(self):
        """Give a failed (or abandoned) document another try."""
        self.status = self.Status.QUEUED
        self.error = self.leased_by = self.lease_token = ""  # nosec B105
        self.started_at = self.finished_at = self.heartbeat_at = None
        self.attempts = 0
        self.save(
            update_fields=[
                "status",
                "error",
                "started_at",
                "finished_at",
                "leased_by",
                "lease_token",
                "heartbeat_at",
                "attempts",
            ]
        )

    def progress(self, expected_seconds):
        """An estimate (0–100) for progress bars; WeasyPrint reports no progress itself."""
        if self.status == self.Status.READY:
            return 100
        if self.status == self.Status.RENDERING and self.started_at:
            elapsed = (timezone.now() - self.started_at).total_seconds()
            return min(95, 10 + round(85 * elapsed / max(expected_seconds, 0.5)))
        return 5


class Worker(models.Model):
    """A task worker that is alive: it updates ``beat_at`` while it runs (``task_worker``).

    Task rows the queue marks as running are recovered once their worker stops beating.
    """

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self):
        return self.worker_id
