"""Who saw, exported, imported or changed participant data: one row per request.

A row names the records by id (participants, the session), never by case reference or
name, so the log itself holds no personal data beyond the staff member and the address
the request came from. Programme managers read it in the admin (Reports → Participant
data access); it is kept as long as the installation keeps its records.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataAccess(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        IMPORT = "import", _("Imported")
        RECORD = "record", _("Recorded attendance or scores")
        CHANGE = "change", _("Changed")
        DELETE = "delete", _("Deleted")
        PURGE = "purge", _("Anonymised after the retention period")
        ERASE = "erase", _("Erased on request")

    class Subject(models.TextChoices):
        PARTICIPANTS = "participants", _("Participant list")
        PARTICIPANT = "participant", _("Participant")
        SHEET = "sheet", _("Attendance sheet")
        SHEET_PDF = "sheet_pdf", _("Printed attendance sheet")
        CASE_LIST = "case_list", _("Case list")
        FIELD_APP = "field_app", _("Field app")

    timestamp = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    subject = models.CharField(_("what"), max_length=20, choices=Subject.choices)
    # Plain ids, not foreign keys: the entry outlives the records it names.
    session_id = models.PositiveBigIntegerField(_("session"), null=True, blank=True)
    location_id = models.PositiveBigIntegerField(_("location"), null=True, blank=True)
    # " 12 45 78 ": space-separated with a space at each end, so that one id can be found
    # with a plain substring match on every database.
    participants = models.TextField(_("participants"), blank=True)
    count = models.PositiveIntegerField(_("records"), default=0)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("participant data access")
        verbose_name_plural = _("participant data access")

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.subject}"

    @property
    def participant_ids(self):
        return [int(pk) for pk in self.participants.split()]
