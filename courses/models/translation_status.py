from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationStatus(models.Model):
    """What the English source looked like when a language version was last edited.

    When the English content's digest differs from ``source_digest``, the language
    version was translated from an older source and needs review.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_statuses"
    )
    language = models.CharField(_("language"), max_length=10)
    source_digest = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="unique_translation_status")
        ]
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")

    def __str__(self):
        return f"{self.page_id} {self.language}"
