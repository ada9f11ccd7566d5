"""Summary tables behind the training reports, kept current as attendance changes.

Computing the figures from attendance, session days, sessions and participants
takes close to a second over a million attendance rows. These tables hold the same
figures pre-aggregated, so a report reads a few thousand rows at most. The code
that changes training records calls ``courses.training.summaries`` to keep them
current; tests check they always equal a computation from the raw tables.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.curricula.choices import Destination
from courses.training.periods import quarter_label

SEX_LABELS = {"female": _("Female"), "male": _("Male"), "other": _("Other or not stated")}


class AgeGroup(models.TextChoices):
    UNDER_6 = "0-5", _("0–5")
    CHILD = "6-17", _("6–17")
    ADULT = "18-59", _("18–59")
    OLDER = "60+", _("60+")


# What a participant trained is counted by, in TrainedParticipant and TrainedCount.
DIMENSIONS = ("quarter", "destination", "location_id", "sex", "age_group", "nationality")


def age_group(age):
    if age <= 5:
        return AgeGroup.UNDER_6
    if age <= 17:
        return AgeGroup.CHILD
    if age <= 59:
        return AgeGroup.ADULT
    return AgeGroup.OLDER


class TrainedParticipant(models.Model):
    """A participant who attended at least one day of a curriculum, counted once."""

    participant = models.ForeignKey("training.Participant", on_delete=models.CASCADE)
    curriculum = models.ForeignKey("curricula.CurriculumPage", on_delete=models.CASCADE)
    first_date = models.DateField()
    quarter = models.DateField(help_text="First day of the quarter of first_date")
    destination = models.CharField(max_length=20)
    location = models.ForeignKey("training.Location", on_delete=models.CASCADE)
    sex = models.CharField(max_length=10)
    age_group = models.CharField(max_length=6, choices=AgeGroup.choices)
    nationality = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "curriculum"], name="unique_trained_participant"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} in {self.curriculum_id} from {self.first_date}"

    def dimensions(self):
        return {name: getattr(self, name) for name in DIMENSIONS}


class TrainedCount(models.Model):
    """How many TrainedParticipant rows share one combination of report dimensions."""

    quarter = models.DateField()
    destination = models.CharField(max_length=20)
    location = models.ForeignKey("training.Location", on_delete=models.CASCADE)
    sex = models.CharField(max_length=10)
    age_group = models.CharField(max_length=6, choices=AgeGroup.choices)
    nationality = models.CharField(max_length=60)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "destination", "location", "sex", "age_group", "nationality"],
                name="unique_trained_count",
            )
        ]
        verbose_name = _("row")
        verbose_name_plural = _("rows")

    def __str__(self):
        return f"{self.quarter} {self.destination} {self.location_id}: {self.count}"

    @property
    def quarter_label(self):
        return quarter_label(self.quarter)

    @property
    def destination_label(self):
        return Destination(self.destination).label if self.destination else ""

    @property
    def sex_label(self):
        return SEX_LABELS.get(self.sex, self.sex)

    @property
    def age_group_label(self):
        """ "6–17" with an en dash: spreadsheets do not read it as a date, as they do "6-17"."""
        return AgeGroup(self.age_group).label if self.age_group else ""


class SessionSummary(models.Model):
    """Per-session figures: hours, attendance marks and test scores."""

    session = models.OneToOneField(
        "training.TrainingSession", on_delete=models.CASCADE, related_name="summary"
    )
    location = models.ForeignKey("training.Location", on_delete=models.CASCADE)
    quarter = models.DateField(null=True)
    destination = models.CharField(max_length=20)
    held = models.BooleanField(default=False)
    hours = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    marks = models.IntegerField(default=0)
    attended_marks = models.IntegerField(default=0)
    scored = models.IntegerField(default=0, help_text="Enrolments with both test scores")
    pre_total = models.IntegerField(default=0)
    post_total = models.IntegerField(default=0)
    rose = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("row")
        verbose_name_plural = _("rows")

    def __str__(self):
        return f"Summary of session {self.session_id}"
