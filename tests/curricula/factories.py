"""Factories for the page tree and reference content.

Titles and slugs are set in English explicitly: the active language would
otherwise decide which translation column a plain ``title=`` writes to.
"""

import factory
import wagtail_factories

from django.utils.text import slugify

from courses.curricula.models import CurriculumIndexPage, CurriculumPage, GlossaryTerm, ModulePage


class TranslatedPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    title_en = factory.SelfAttribute("title")
    slug_en = factory.SelfAttribute("slug")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        page.save_revision().publish()
        return page


class CurriculumIndexPageFactory(TranslatedPageFactory):
    title = "Curricula"
    slug = "curricula"

    class Meta:
        model = CurriculumIndexPage


class CurriculumPageFactory(TranslatedPageFactory):
    title = factory.Sequence(lambda n: f"Curriculum {n}")
    audience = "refugees"
    destination = "finland"
    summary = "What to expect in the first months."
    summary_en = factory.SelfAttribute("summary")
    learning_objectives = "Know the emergency number\nKnow who helps with housing"

    class Meta:
        model = CurriculumPage


class ModulePageFactory(TranslatedPageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "Where to get help when you are ill."
    summary_en = factory.SelfAttribute("summary")
    key_messages = "Call 112 in an emergency."
    duration_minutes = 90
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": "Health centres"},
            {"type": "paragraph", "value": "<p>Every municipality has a health centre.</p>"},
            {"type": "key_message", "value": "Call 112 in an emergency."},
            {
                "type": "trainer_notes",
                "value": "<p>Ask who has used a health centre before. SECRET-TRAINER-NOTE</p>",
            },
        ]
    )

    class Meta:
        model = ModulePage


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"term-{n}")
    term = factory.Sequence(lambda n: f"Term {n}")
    term_en = factory.SelfAttribute("term")
    definition = "A word explained."
    definition_en = factory.SelfAttribute("definition")

    class Meta:
        model = GlossaryTerm
