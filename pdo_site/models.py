from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pdo_site.blocks import HomeStreamBlock
from pdo_site.forms import DeferredTranslationsPageForm


class HomePage(Page):
    """The site's front page: what the platform is and where to go next."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    base_form_class = DeferredTranslationsPageForm

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
