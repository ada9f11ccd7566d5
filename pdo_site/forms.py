"""Page editor forms.

Opening a page translated into fourteen languages used to build fourteen
StreamField editors, most of them hidden behind wagtail-modeltranslation's
language picker. ``DeferredTranslationsPageForm`` renders the StreamField editors
of the non-source languages dormant: their markup is on the page, but the editor
is built only when the author shows that language (static/js/deferred_editors.js).
A dormant editor submits nothing, and the field then keeps the value it had, so a
language nobody opened is never emptied by a save.
"""

from django.conf import settings
from django.utils.safestring import mark_safe

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockWidget

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_SUFFIXES = tuple(
    f"_{code}" for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE
)


class DeferredBlockWidget(BlockWidget):
    """A StreamField editor that starts dormant and keeps its value when not submitted."""

    def __init__(self, block_def, *, dormant, unchanged_value, attrs=None):
        super().__init__(block_def, attrs=attrs)
        self.dormant = dormant
        self.unchanged_value = unchanged_value

    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        html = super().render_with_errors(
            name, value, attrs=attrs, errors=errors, renderer=renderer
        )
        if self.dormant:
            html = mark_safe(  # nosec B308, B703
                html.replace(
                    'data-controller="w-block"', 'data-pdo-dormant-controller="w-block"', 1
                )
            )
        return html

    def value_from_datadict(self, data, files, name):
        if self.value_omitted_from_data(data, files, name):
            return self.unchanged_value
        return super().value_from_datadict(data, files, name)


class DeferredTranslationsPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.PDO_DEFER_TRANSLATION_EDITORS:
            return
        for name, field in self.fields.items():
            widget = field.widget
            if not (isinstance(widget, BlockWidget) and name.endswith(LANGUAGE_SUFFIXES)):
                continue
            submitted = self.is_bound and not widget.value_omitted_from_data(
                self.data, self.files, self.add_prefix(name)
            )
            field.widget = DeferredBlockWidget(
                widget.block_def,
                # An editor the author used (and may need to correct) is never dormant.
                dormant=not submitted,
                unchanged_value=self.initial.get(name),
                attrs=widget.attrs,
            )
