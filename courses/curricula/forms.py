"""The page editor of curricula, modules and the curriculum index.

wagtail-modeltranslation puts every language's copy of every translated field in
the form (fourteen titles, fourteen bodies: 1.2 MB of HTML for a big module).
``CurriculumPageForm`` keeps English and the languages the author chose
(``EditorLanguages``, read through the user); the other languages' fields are not
in the form at all, so they are neither rendered nor saved: a Django form only
writes the fields it has.

Two more rules:
- A non-English field the submitted data does not carry is dropped too, so a save
  from an editor opened with other languages cannot blank a translation.
- One slug per page (docs/slugs.md): the non-English ``slug_<language>`` fields are
  never in the form, and saving copies the English slug into them, so every language
  reads the page under the same path and a person can swap the language prefix.
"""

from django.conf import settings
from django.utils.html import format_html

from modeltranslation.translator import translator

from pdo_site.forms import DeferredBlockWidget, DeferredTranslationsPageForm
from pdo_site.languages import RTL_LANGUAGE_CODES
from pdo_site.translated_fields import SOURCE_LANGUAGE, TARGET_LANGUAGES


def parse_languages(text):
    """The known target languages named in ``"ar, prs"``, in site order, each once."""
    asked = {code.strip() for code in (text or "").split(",")}
    return [code for code in TARGET_LANGUAGES if code in asked]


def chosen_languages(user):
    """The target languages ``user`` chose to edit beside English (their EditorLanguages)."""
    if user is None or not user.is_authenticated:
        return []
    row = getattr(user, "editor_languages", None)
    return parse_languages(row.languages) if row is not None else []


def localized_fields(model):
    """{localized field name: language} of every translated field of ``model``."""
    options = translator.get_options_for_model(model)
    return {
        field.name: field.language for fields in options.all_fields.values() for field in fields
    }


class LanguageBlockWidget(DeferredBlockWidget):
    """A translation's StreamField editor, built at once, in its language's direction."""

    def __init__(self, block_def, *, language, unchanged_value, attrs=None):
        super().__init__(block_def, dormant=False, unchanged_value=unchanged_value, attrs=attrs)
        self.language = language

    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        html = super().render_with_errors(
            name, value, attrs=attrs, errors=errors, renderer=renderer
        )
        direction = "rtl" if self.language in RTL_LANGUAGE_CODES else "ltr"
        return format_html('<div lang="{}" dir="{}">{}</div>', self.language, direction, html)


class CurriculumPageForm(DeferredTranslationsPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor_languages = chosen_languages(self.for_user)
        shown = {SOURCE_LANGUAGE, *self.editor_languages}
        for name, language in localized_fields(self._meta.model).items():
            field = self.fields.get(name)
            if field is None or language == SOURCE_LANGUAGE:
                continue
            if (
                language not in shown
                or name.startswith("slug_")
                or (self.is_bound and self._omitted(name))
            ):
                del self.fields[name]
            else:
                self._direct(name, field, language)

    def _omitted(self, name):
        widget = self.fields[name].widget
        return widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name))

    def _direct(self, name, field, language):
        widget = field.widget
        if isinstance(widget, DeferredBlockWidget) or hasattr(widget, "block_def"):
            field.widget = LanguageBlockWidget(
                widget.block_def,
                language=language,
                unchanged_value=self.initial.get(name),
                attrs=widget.attrs,
            )
        else:
            widget.attrs.update(
                lang=language, dir="rtl" if language in RTL_LANGUAGE_CODES else "ltr"
            )

    @property
    def hidden_languages(self):
        return [code for code in TARGET_LANGUAGES if code not in self.editor_languages]

    def save(self, commit=True):
        english_slug = getattr(self.instance, f"slug_{SOURCE_LANGUAGE}", None)
        if english_slug:
            for code, _name in settings.LANGUAGES:
                setattr(self.instance, f"slug_{code}", english_slug)
        return super().save(commit=commit)
