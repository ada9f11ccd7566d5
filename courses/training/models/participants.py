"""Who was trained: participants, their place in a session, and attendance.

Participants are refugees: the model keeps the minimum (a case reference, household,
sex, year of birth, nationality, languages, destination; a name only where the
setting allows). Every queryset is scoped with ``.for_user(user)`` (``scoping.py``).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.curricula.choices import Destination
from courses.training.models.encrypted import EncryptedNameField
from courses.training.models.scoping import ScopedQuerySet
from courses.training.models.sessions import Location, SessionDay, TrainingSession


def validate_case_reference(value):
    if not re.fullmatch(settings.PDO_CASE_REFERENCE_PATTERN, value or ""):
        raise ValidationError(
            _("“%(value)s” is not a valid case reference. Use the form ABC-24-012345."),
            code="invalid_case_reference",
            params={"value": value},
        )


class ParticipantQuerySet(ScopedQuerySet):
    pass


class Participant(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other or not stated")

    case_reference = models.CharField(
        _("case reference"),
        max_length=30,
        unique=True,
        validators=[validate_case_reference],
        help_text=_("The resettlement case reference, e.g. TUR-24-012345."),
    )
    household = models.CharField(
        _("household or case group"), max_length=30, blank=True, db_index=True
    )
    name = EncryptedNameField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("Optional. Leave empty unless the name is needed on attendance sheets."),
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    year_of_birth = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    nationality = models.CharField(_("nationality"), max_length=60)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    destination = models.CharField(_("destination"), max_length=20, choices=Destination.choices)
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        related_name="participants",
        help_text=_("Where the participant is trained; decides which trainers see them."),
    )
    # Set when the retention period passed or the person asked to be erased: the case
    # reference, name and household are gone; what the reports count stays.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["case_reference"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.case_reference

    def clean(self):
        if self.year_of_birth and self.year_of_birth > timezone.localdate().year:
            raise ValidationError({"year_of_birth": _("The year of birth is in the future.")})
        if self.name and not settings.PDO_COLLECT_PARTICIPANT_NAMES:
            raise ValidationError({"name": _("Names are not collected on this site.")})


class Enrolment(models.Model):
    """A participant in a session: row number on the sheet, age track and test scores."""

    class Track(models.TextChoices):
        CHILDREN = "children", _("Children 0–11 (with childcare)")
        YOUTH = "youth", _("Youth 12–16")
        ADULTS = "adults", _("Adults")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="enrolments"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="enrolments"
    )
    number = models.PositiveIntegerField(_("row number"))
    track = models.CharField(_("age track"), max_length=10, choices=Track.choices)
    pre_test_score = models.PositiveSmallIntegerField(
        _("pre-test score"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    post_test_score = models.PositiveSmallIntegerField(
        _("post-test score"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="unique_participant_per_session"
            ),
            models.UniqueConstraint(fields=["session", "number"], name="unique_row_number"),
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self):
        return f"{self.number}. {self.participant}"

    @staticmethod
    def track_for_age(age):
        if age <= 11:
            return Enrolment.Track.CHILDREN
        if age <= 16:
            return Enrolment.Track.YOUTH
        return Enrolment.Track.ADULTS


class AttendanceQuerySet(ScopedQuerySet):
    location_path = "day__session__location"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        LATE = "late", _("Late")

    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "participant"], name="unique_attendance_mark")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return f"{self.participant} {self.day}: {self.status}"

    def clean(self):
        if (
            self.day_id
            and self.participant_id
            and not Enrolment.objects.filter(
                session_id=self.day.session_id, participant_id=self.participant_id
            ).exists()
        ):
            raise ValidationError(
                _(
                    "Attendance can only be recorded on a day of a session the participant "
                    "is enrolled in."
                ),
                code="not_enrolled",
            )

    @property
    def attended(self):
        return self.status in (self.Status.PRESENT, self.Status.LATE)
