"""Where and when training happens: locations, training sessions and their days.

Every queryset is scoped with ``.for_user(user)`` (``scoping.py``).
"""

import datetime
import zoneinfo

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from courses.curricula.choices import Destination
from courses.training.models.encrypted import EncryptedTextField
from courses.training.models.scoping import LocationQuerySet, ScopedQuerySet


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(value)s"), params={"value": value})


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
        "curricula.CurriculumPage",
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
    interpreters = EncryptedTextField(
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
    notes = EncryptedTextField(_("notes"), blank=True)
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
        """Remember which version of the curriculum was live on the first day.

        Called where days are saved and where attendance is recorded: a session
        planned ahead gets its version when its first day has come.
        """
        if self.curriculum_revision_id or not self.first_day:
            return
        if self.first_day <= timezone.localdate():
            self.curriculum_revision_id = self.curriculum.live_revision_id
            TrainingSession.objects.filter(pk=self.pk).update(
                curriculum_revision=self.curriculum_revision_id
            )

    def days_saved(self):
        """After the session's days were saved: its first day and the version taught."""
        self.__dict__.pop("ordered_days", None)
        self.first_day = self.days.order_by("date").values_list("date", flat=True).first()
        TrainingSession.objects.filter(pk=self.pk).update(first_day=self.first_day)
        self.record_curriculum_revision()


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
