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

from courses.curricula.blocks import ModuleStreamBlock
from courses.curricula.choices import Audience, Destination
from courses.curricula.forms import CurriculumPageForm
from courses.curricula.models.body_languages import BodyLanguagesMixin
from courses.curricula.models.translation_status import (
    TrackedTranslationMixin,
    translation_state,
)
from courses.curricula.panels import EditorLanguagesPanel
from materials.pages import PrintablePageMixin
from pdo_site import routing
from pdo_site.roles import is_trainer


def split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def glossary_of(modules):
    """The glossary terms the modules use, each once, sorted for the active language."""
    terms = {term.pk: term for module in modules for term in module.glossary_terms}
    return sorted(terms.values(), key=lambda term: term.term.casefold())


class CurriculumIndexPage(Page):
    """Lists the curricula: pre-departure orientation and professional courses."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    base_form_class = CurriculumPageForm
    content_panels = [EditorLanguagesPanel(), *Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pdo_site.HomePage"]
    subpage_types = ["curricula.CurriculumPage"]
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

    translated_content_fields = ("title", "summary", "learning_objectives")

    base_form_class = CurriculumPageForm
    content_panels = [
        EditorLanguagesPanel(),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("cover_image"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("destination")]),
                FieldPanel("online_course"),
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

    parent_page_types = ["curricula.CurriculumIndexPage"]
    subpage_types = ["curricula.ModulePage"]

    print_template = "materials/print/curriculum.html"
    makes_offline_pack = True

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

    # Printing (materials.printable.Printable): a curriculum prints with all its modules.
    def print_parts(self):
        return self.modules

    def print_sources(self):
        return ModulePage.objects.child_of(self).live().public()

    def print_dependants(self):
        # Module documents show the curriculum's title and destination.
        return self.modules

    def print_context(self):
        return {
            "curriculum": self,
            "modules": self.modules,
            "is_curriculum": True,
            "destination": self.destination,
            "glossary": glossary_of(self.modules),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["translation_state"] = translation_state(self, translation.get_language())
        return context


class ModulePage(BodyLanguagesMixin, PrintablePageMixin, TrackedTranslationMixin, Page):
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
    base_form_class = CurriculumPageForm

    content_panels = [
        EditorLanguagesPanel(),
        *Page.content_panels,
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

    parent_page_types = ["curricula.CurriculumPage"]
    subpage_types = []

    print_template = "materials/print/module.html"

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @cached_property
    def curriculum(self):
        """The parent curriculum, in one query (``get_parent().specific`` takes two)."""
        parent_path = self.path[: -self.steplen]
        language = translation.get_language()
        columns = routing.deferred_columns(CurriculumPage, language)
        parent = CurriculumPage.objects.defer(*columns).filter(path=parent_path).first()
        if parent is None and self.depth > 1:
            parent = self.get_parent()
            return parent.specific if parent else None
        return parent

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

    @property
    def activities(self):
        """(title, minutes) of the module's activities: the trainer's timing plan."""
        return [
            (block.value["title"], block.value["duration_minutes"])
            for block in self.body
            if block.block_type == "activity"
        ]

    @property
    def glossary_terms(self):
        """The glossary terms the module uses, each once, in order of appearance."""
        terms = {}
        for block in self.body:
            if block.block_type == "glossary_term" and block.value is not None:
                terms.setdefault(block.value.pk, block.value)
        return list(terms.values())

    # Printing (materials.printable.Printable): a module prints on its own, under
    # its curriculum's title and for its destination.
    def print_sources(self):
        return Page.objects.filter(path=self.path[: -Page.steplen])

    def print_dependants(self):
        curriculum = self.curriculum
        return [curriculum] if curriculum is not None and curriculum.live else []

    def print_context(self):
        return {
            "curriculum": self.curriculum,
            "modules": [self],
            "is_curriculum": False,
            "destination": self.destination,
            "glossary": glossary_of([self]),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show_trainer_notes"] = is_trainer(request.user)
        # Online courses grade their self-checks as a quiz: no answers in public pages.
        context["show_answers"] = context["show_trainer_notes"] or not (
            self.curriculum and self.curriculum.online_course
        )
        context["destination"] = self.destination
        context["translation_state"] = translation_state(self, translation.get_language())
        if self.body_is_english:
            context["body_languages"] = self.body_languages(request)
        return context
