"""Which translations an author wants beside the English in the page editor.

The page editor shows English and the languages the author chose, nothing else
(courses/curricula/forms.py). The choice is made with ``?languages=ar,prs`` on the
editor's address and kept per user, so it survives saves and the next page opened.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.curricula.forms import parse_languages


class EditorLanguages(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_languages",
        verbose_name=_("user"),
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated language codes shown beside English in the page editor."),
    )

    class Meta:
        verbose_name = _("editor languages")
        verbose_name_plural = _("editor languages")

    def __str__(self):
        return self.languages or "en"

    @classmethod
    def chosen_by(cls, user):
        """The target languages ``user`` last chose to edit (none: English only)."""
        if user is None or not user.is_authenticated:
            return []
        row = cls.objects.filter(user=user).only("languages").first()
        return parse_languages(row.languages) if row else []

    @classmethod
    def remember(cls, user, languages):
        row, _created = cls.objects.update_or_create(
            user=user, defaults={"languages": ",".join(languages)}
        )
        return row
