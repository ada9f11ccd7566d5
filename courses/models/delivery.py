"""Who was trained, where and when: locations, training sessions, participants, attendance.

Participants are refugees: the model keeps the minimum (a case reference, household,
sex, year of birth, nationality, languages, destination; a name only where the
setting allows). Every queryset is scoped with ``.for_user(user)``: trainers see
the locations they are assigned to, programme managers see everything.
"""

import datetime
import re
import zoneinfo

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from courses.choices import Destination

PROGRAMME_MANAGERS = "Programme managers"
TRAINERS = "Trainers"


def sees_everything(user):
    return bool(
        user.is_active
        and (user.is_superuser or user.groups.filter(name=PROGRAMME_MANAGERS).exists())
    )


def case_reference_pattern():
    return getattr(settings, "PDO_CASE_REFERENCE_PATTERN", r"^[A-Z]{3}-\d{2}-\d{4,8}$")


def validate_case_reference(value):
    if not re.fullmatch(case_reference_pattern(), value or ""):
        raise ValidationError(
            _("“%(value)s” is not a valid case reference. Use the form ABC-24-012345."),
            code="invalid_case_reference",
            params={"value": value},
        )


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(value)s"), params={"value": value})


class ScopedQuerySet(models.QuerySet):
    """``for_user`` gives what a user may see; ``location_path`` says how to reach Location."""

    location_path = "location"

    def for_user(self, user):
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if sees_everything(user):
            return self
        lookup = f"{self.location_path}__trainers" if self.location_path else "trainers"
        return self.filter(**{lookup: user}).distinct()


class LocationQuerySet(ScopedQuerySet):
    location_path = ""


class Location(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("City")
        REFUGEE_CAMP = "camp", _("Refugee camp")
        TRANSIT_CENTRE = "transit", _("Transit centre")

    country = models.CharField(_("country"), max_length=80)
    site_name = models.CharField(_("site name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CITY)
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="Europe/Istanbul", validators=[validate_time_zone]
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned trainers"),
        blank=True,
        related_name="training_locations",
    )

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["country", "site_name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "site_name"], name="unique_location")
        ]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return f"{self.site_name}, {self.country}"


class TrainingSessionQuerySet(ScopedQuerySet):
    pass


class TrainingSession(ClusterableModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    curriculum = models.ForeignKey(
        "courses.CurriculumPage",
        verbose_name=_("curriculum"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    curriculum_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("curriculum version taught"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, related_name="sessions"
    )
    delivery_language = models.CharField(
        _("delivery language"), max_length=10, choices=settings.LANGUAGES
    )
    interpreters = models.TextField(
        _("interpreters and their languages"),
        blank=True,
        help_text=_("One per line, e.g. “Interpreter: Arabic–Finnish”."),
    )
    destination = models.CharField(_("destination"), max_length=20, choices=Destination.choices)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    first_day = models.DateField(_("first day"), null=True, editable=False, db_index=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-first_day", "-pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self):
        day = self.first_day.isoformat() if self.first_day else _("no days yet")
        return f"{self.curriculum.title} — {self.location.site_name} — {day}"

    @cached_property
    def ordered_days(self):
        return list(self.days.order_by("date", "start_time"))

    @property
    def hours_delivered(self):
        return sum((day.hours for day in self.ordered_days), 0.0)

    def record_curriculum_revision(self):
        """Remember which version of the curriculum was live on the first day."""
        if self.curriculum_revision_id or not self.first_day:
            return
        if self.first_day <= timezone.localdate():
            self.curriculum_revision_id = self.curriculum.live_revision_id

    def refresh_first_day(self):
        first = self.days.order_by("date").values_list("date", flat=True).first()
        self.first_day = first
        self.record_curriculum_revision()
        TrainingSession.objects.filter(pk=self.pk).update(
            first_day=first, curriculum_revision=self.curriculum_revision_id
        )


class SessionDay(models.Model):
    session = ParentalKey(
        TrainingSession, on_delete=models.CASCADE, related_name="days", verbose_name=_("session")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="unique_session_day"),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="session_day_ends_after_start",
            ),
        ]
        verbose_name = _("session day")
        verbose_name_plural = _("session days")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError(
                {"end_time": _("A session day must end after it starts.")},
                code="ends_before_start",
            )

    @property
    def hours(self):
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        return round((end - start).total_seconds() / 3600, 2)


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
    name = models.CharField(
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
        if self.name and not getattr(settings, "PDO_COLLECT_PARTICIPANT_NAMES", True):
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
