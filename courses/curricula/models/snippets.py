"""Translated reference content that modules point to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from courses.curricula.choices import Destination


class GlossaryTerm(index.Indexed, models.Model):
    """A word participants meet in Finland or Iceland, explained in plain language."""

    key = models.SlugField(
        _("key"), max_length=80, unique=True, help_text=_("A short identifier, e.g. 'kela'.")
    )
    term = models.CharField(_("term"), max_length=120)
    definition = models.TextField(_("definition"))

    panels = [FieldPanel("term"), FieldPanel("key"), FieldPanel("definition")]
    search_fields = [
        index.SearchField("term"),
        index.SearchField("definition"),
        index.FilterField("key"),
    ]

    class Meta:
        ordering = ["key"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return self.term


class DestinationFacts(models.Model):
    """Facts about a destination country that modules show where they are needed."""

    destination = models.CharField(
        _("destination"), max_length=20, choices=Destination.choices, unique=True
    )
    emergency_number = models.CharField(_("emergency number"), max_length=20)
    currency = models.CharField(_("currency"), max_length=80)
    climate = models.TextField(_("climate"))
    key_authorities = models.TextField(_("key authorities"))

    panels = [
        FieldPanel("destination"),
        FieldPanel("emergency_number"),
        FieldPanel("currency"),
        FieldPanel("climate"),
        FieldPanel("key_authorities"),
    ]

    class Meta:
        verbose_name = _("destination facts")
        verbose_name_plural = _("destination facts")

    def __str__(self):
        return str(self.get_destination_display())
