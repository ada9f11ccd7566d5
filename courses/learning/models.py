"""Online courses for professionals: course settings, learners, enrolments, progress,
quizzes, certificates.

An online course is a curriculum with ``online_course`` switched on; its modules are
the lessons, whose self-check questions are practice only. The final quiz draws from the
course's own question bank (``QuizQuestion``), so answering the self-checks reveals
nothing about it.
"""

import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from pdo_site.names import NameField


class CourseSettings(models.Model):
    """How an online course is passed and how long its certificates stay valid."""

    course = models.OneToOneField(
        "curricula.CurriculumPage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="course_settings",
        limit_choices_to={"online_course": True, "alias_of__isnull": True},
    )
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("quiz pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    max_quiz_attempts = models.PositiveSmallIntegerField(
        _("quiz attempts allowed"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    quiz_questions_per_attempt = models.PositiveSmallIntegerField(
        _("quiz questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many questions each attempt draws from the course's question bank. "
            "Empty: every question."
        ),
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_("For refresher training. Empty: certificates do not expire."),
    )

    class Meta:
        verbose_name = _("course settings")
        verbose_name_plural = _("course settings")

    def __str__(self):
        return str(self.course)

    @classmethod
    def for_course(cls, course):
        """The course's settings; the defaults (unsaved) until a manager sets them."""
        found = cls.objects.filter(course=course).first()
        return found if found is not None else cls(course=course)


def option_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuizQuestion(models.Model):
    """A question of a course's final quiz, kept apart from the lessons' self-checks.

    The options are one per line, in the same order in every language; the correct one
    is given by its number.
    """

    course = models.ForeignKey(
        "curricula.CurriculumPage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="quiz_questions",
        limit_choices_to={"online_course": True, "alias_of__isnull": True},
    )
    text = models.TextField(_("question"))
    options = models.TextField(
        _("answer options"),
        help_text=_("One option per line, in the same order in every language."),
    )
    correct_option = models.PositiveSmallIntegerField(
        _("number of the correct option"),
        validators=[MinValueValidator(1)],
        help_text=_("1 for the first line, 2 for the second ..."),
    )
    explanation = models.TextField(
        _("explanation"), help_text=_("Shown with the result after the quiz is submitted.")
    )

    panels = [
        # A plain list of the online courses rather than a page chooser over every curriculum.
        FieldPanel("course", widget=forms.Select),
        FieldPanel("text"),
        FieldPanel("options"),
        FieldPanel("correct_option"),
        FieldPanel("explanation"),
    ]

    class Meta:
        ordering = ["course", "pk"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        source_field = f"options_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
        source = option_lines(getattr(self, source_field, self.options))
        if len(source) < 2:
            raise ValidationError({source_field: _("Give at least two options, one per line.")})
        if self.correct_option and self.correct_option > len(source):
            raise ValidationError({"correct_option": _("There is no option with this number.")})
        for code, name in settings.LANGUAGES:
            translated = option_lines(getattr(self, f"options_{code}", ""))
            if translated and len(translated) != len(source):
                raise ValidationError(
                    {
                        f"options_{code}": _(
                            "%(language)s has %(found)d options; the question has %(count)d."
                        )
                        % {"language": name, "found": len(translated), "count": len(source)}
                    }
                )


class LearnerProfile(models.Model):
    class Profession(models.TextChoices):
        HEALTH = "health", _("Health care")
        SOCIAL = "social", _("Social work")
        POLICE = "police", _("Police")
        BORDER = "border", _("Border guard")
        LAW = "law", _("Lawyer or legal counsellor")
        EDUCATION = "education", _("Teacher or education")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile"
    )
    full_name = NameField(
        _("full name"), max_length=150, help_text=_("As it should appear on certificates.")
    )
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    country = models.CharField(_("country"), max_length=80, default="Finland")
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="fi"
    )
    privacy_consent_at = models.DateTimeField(
        _("agreed to the privacy notice at"),
        null=True,
        blank=True,
        help_text=_("When the learner ticked the privacy notice's consent box at sign-up."),
    )

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return self.full_name


class LearnerScopedQuerySet(models.QuerySet):
    def for_learner(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(learner=user)


class CourseEnrolment(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_enrolments"
    )
    course = models.ForeignKey(
        "curricula.CurriculumPage", on_delete=models.CASCADE, related_name="course_enrolments"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = LearnerScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="unique_course_enrolment")
        ]
        verbose_name = _("course enrolment")
        verbose_name_plural = _("course enrolments")

    def __str__(self):
        return f"{self.learner} in {self.course_id}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(CourseEnrolment, on_delete=models.CASCADE, related_name="lessons")
    lesson = models.ForeignKey("curricula.ModulePage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="unique_lesson_progress")
        ]
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")

    def __str__(self):
        return f"{self.enrolment_id}: {self.lesson_id}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(
        CourseEnrolment, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    token = models.CharField(max_length=40, help_text="One per quiz form: resubmits don't count")
    score_percent = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    answers = models.JSONField(default=dict)
    draw = models.JSONField(
        default=list,
        blank=True,
        help_text="The questions and option orders this attempt was given (see QuizDraw)",
    )

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "token"], name="unique_quiz_submission")
        ]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")

    def __str__(self):
        return f"{self.enrolment_id}: {self.score_percent}%"


class QuizDraw(models.Model):
    """The questions, in order and with their options in order, drawn for an attempt that
    has not been submitted yet: a reload shows the same quiz, and grading uses this draw.

    ``questions`` is ``[[question id, [option numbers in the order shown]], ...]``. The
    draw moves onto the ``QuizAttempt`` when the quiz is submitted.
    """

    enrolment = models.ForeignKey(
        CourseEnrolment, on_delete=models.CASCADE, related_name="quiz_draws"
    )
    token = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    questions = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quiz draw")
        verbose_name_plural = _("quiz draws")

    def __str__(self):
        return f"{self.enrolment_id}: {len(self.questions)}"


def new_verification_code():
    # 192 random bits: not guessable from one another.
    return secrets.token_urlsafe(24)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    # A learner who deletes their account leaves the certificate without a holder: it still
    # verifies (course, date, validity) but names no one.
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "curricula.CurriculumPage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course"),
    )
    holder_name = NameField(_("name"), max_length=150, blank=True)
    holder_removed_at = models.DateTimeField(
        _("holder removed their account at"), null=True, blank=True, editable=False
    )
    course_title = models.CharField(_("course"), max_length=255)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    code = models.CharField(
        _("verification code"),
        max_length=64,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)

    objects = LearnerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="unique_certificate")
        ]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        holder = gettext("removed account") if self.holder_removed_at else self.holder_name
        return f"{holder} — {self.course_title}"

    @property
    def status(self):
        if self.revoked_at:
            return self.Status.REVOKED
        if self.valid_until and self.valid_until < timezone.localdate():
            return self.Status.EXPIRED
        return self.Status.VALID

    def get_status_display(self):
        return self.Status(self.status).label

    @property
    def duration_display(self):
        """The hours as people read them, in the active language: 4.3 → "4 h 20 min".

        Hours are stored to a tenth (six minutes), so minutes are shown to the nearest five.
        """
        minutes = round(float(self.hours) * 60 / 5) * 5
        hours, minutes = divmod(minutes, 60)
        if hours and minutes:
            return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
        if hours:
            return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours}
        return gettext("%(minutes)d min") % {"minutes": minutes}
