"""Devices of the field app, the changes they sent, and who synced what.

A device token is shown once, when a trainer signs in on a phone; only its SHA-256
digest is stored (the token is 256 random bits, so a slow password hash would add
nothing). Nothing here holds a participant's name or case reference: changes and
sync records keep ids and counts only.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pdo_site.roles import sees_all_locations

TOKEN_PREFIX = "pdo_"  # nosec B105


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class DeviceTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        """A trainer sees the tokens of their own devices; a programme manager all."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if sees_all_locations(user):
            return self
        return self.filter(user=user)


class DeviceToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="device_tokens",
    )
    name = models.CharField(_("device"), max_length=80)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("signed in"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.BooleanField(
        _("revoked"),
        default=False,
        help_text=_("Revoke the token of a lost or shared phone: it can no longer sync."),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = DeviceTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("device token")
        verbose_name_plural = _("device tokens")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Revoking is final: a phone found again signs in anew.
        if self.revoked_at is not None:
            self.revoked = True
        elif self.revoked:
            self.revoked_at = timezone.now()
        super().save(*args, **kwargs)

    @classmethod
    def issue(cls, user, name):
        """A new token for ``user``'s device: (DeviceToken, the token in clear)."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=token_digest(token)), token


class AppliedChange(models.Model):
    """A change a device sent and the server applied, by the device's UUID.

    A batch sent again finds its changes here and changes nothing; later changes
    refer to the session or enrolment a change created by its UUID.
    """

    uuid = models.UUIDField(primary_key=True)
    token = models.ForeignKey(DeviceToken, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField(null=True, help_text="Session or enrolment id")
    applied_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.kind} {self.uuid}"


class SyncRecordQuerySet(models.QuerySet):
    def for_user(self, user):
        """A trainer sees the syncs of their own devices; a programme manager all."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if sees_all_locations(user):
            return self
        return self.filter(user=user)


class SyncRecord(models.Model):
    """The audit trail: who synced what, from which device (ids and counts only)."""

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        DOWNLOAD = "download", _("Downloaded")
        UPLOAD = "upload", _("Uploaded")

    token = models.ForeignKey(DeviceToken, on_delete=models.CASCADE, related_name="sync_records")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    session_ids = models.JSONField(default=list)
    changes = models.PositiveIntegerField(default=0)
    applied = models.PositiveIntegerField(default=0)
    replayed = models.PositiveIntegerField(default=0)
    conflicts = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)

    objects = SyncRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("sync record")
        verbose_name_plural = _("sync records")

    def __str__(self):
        return f"{self.action} by {self.user_id} from device {self.token_id}"
