"""Which quarters' figures the office has published (the public figures page)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.training.periods import quarter_label


class PublishedQuarter(models.Model):
    """A quarter whose figures (suppressed) are on the public figures page."""

    quarter = models.DateField(_("quarter"), unique=True, help_text=_("Its first day."))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-quarter"]
        verbose_name = _("published quarter")
        verbose_name_plural = _("published quarters")

    def __str__(self):
        return quarter_label(self.quarter)
