"""What is taught: curricula and their modules, as Wagtail pages.

Tree: CurriculumIndexPage → CurriculumPage → ModulePage. A module common to both
destinations is written once under one curriculum and appears in the other as a
Wagtail alias, which Wagtail keeps in step with the original on every publish.
Destination-specific parts of a shared module live in ``DestinationBlock``s and
render according to the curriculum the module is read in.
"""

from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import ModuleStreamBlock
from courses.choices import Audience, Destination
from courses.coverage import TrackedTranslationMixin, translation_state
from courses.permissions import is_trainer
from materials.printable import PrintablePageMixin
from pdo_site.forms import DeferredTranslationsPageForm


def split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CurriculumIndexPage(Page):
    """Lists the curricula: pre-departure orientation and professional courses."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pdo_site.HomePage"]
    subpage_types = ["courses.CurriculumPage"]
    max_count = 1

    class Meta:
        verbose_name = _("curriculum index")
        verbose_name_plural = _("curriculum indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        curricula = list(CurriculumPage.objects.child_of(self).live().public().specific())
        context["curriculum_groups"] = [
            (label, [c for c in curricula if c.audience == value])
            for value, label in Audience.choices
        ]
        return context


class CurriculumPage(PrintablePageMixin, TrackedTranslationMixin, Page):
    """A course: a sequence of modules for one audience and, for PDO, one destination."""

    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    destination = models.CharField(
        _("destination"),
        max_length=20,
        choices=Destination.choices,
        blank=True,
        help_text=_("The country the course prepares for. Leave empty for professional courses."),
    )
    summary = models.TextField(_("summary"))
    learning_objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_course = models.BooleanField(
        _("available as an online course"),
        default=False,
        help_text=_("Professionals can enrol and take it online; its modules are the lessons."),
    )

    pass_mark_percent = models.PositiveSmallIntegerField(
        _("quiz pass mark (%)"), default=70, help_text=_("For online courses.")
    )
    max_quiz_attempts = models.PositiveSmallIntegerField(
        _("quiz attempts allowed"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_("For refresher training. Empty: certificates do not expire."),
    )

    translated_content_fields = ("title", "summary", "learning_objectives")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("cover_image"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("destination")]),
                FieldPanel("online_course"),
                FieldRowPanel(
                    [
                        FieldPanel("pass_mark_percent"),
                        FieldPanel("max_quiz_attempts"),
                        FieldPanel("certificate_valid_months"),
                    ]
                ),
            ],
            heading=_("Course"),
        )
    ] + Page.settings_panels
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_objectives"),
        index.FilterField("audience"),
        index.FilterField("destination"),
        index.FilterField("alias_of"),
    ]

    parent_page_types = ["courses.CurriculumIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    @property
    def objectives(self):
        return split_lines(self.learning_objectives)

    @cached_property
    def modules(self):
        """The live modules in order, aliases of shared modules included."""
        return list(ModulePage.objects.child_of(self).live().public().specific())

    @property
    def total_duration_minutes(self):
        return sum(module.duration_minutes for module in self.modules)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["translation_state"] = translation_state(self, translation.get_language())
        return context


class ModulePage(PrintablePageMixin, TrackedTranslationMixin, Page):
    """One module of a curriculum: what a trainer teaches in one sitting."""

    summary = models.TextField(_("summary"))
    key_messages = models.TextField(
        _("key messages"),
        blank=True,
        help_text=_("The few things participants should remember. One per line."),
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    body = StreamField(ModuleStreamBlock(), blank=True, verbose_name=_("body"))

    translated_content_fields = ("title", "summary", "key_messages", "body")
    base_form_class = DeferredTranslationsPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("key_messages"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("key_messages"),
        index.SearchField("body"),
        index.FilterField("alias_of"),
    ]

    parent_page_types = ["courses.CurriculumPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @cached_property
    def curriculum(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def destination(self):
        return self.curriculum.destination if self.curriculum else ""

    @property
    def messages(self):
        return split_lines(self.key_messages)

    @property
    def sections(self):
        """(anchor, heading) for every heading block: the module's table of contents."""
        return [
            (f"section-{block.id}", block.value)
            for block in self.body
            if block.block_type == "heading"
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show_trainer_notes"] = is_trainer(request.user)
        # Online courses grade their self-checks as a quiz: no answers in public pages.
        context["show_answers"] = context["show_trainer_notes"] or not (
            self.curriculum and self.curriculum.online_course
        )
        context["destination"] = self.destination
        context["translation_state"] = translation_state(self, translation.get_language())
        return context
