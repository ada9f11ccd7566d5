"""The editor's language chooser: which translations are shown beside the English."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from pdo_site.languages import RTL_LANGUAGE_CODES, SITE_LANGUAGES
from pdo_site.translated_fields import SOURCE_LANGUAGE


class EditorLanguagesPanel(Panel):
    """Links that add or remove a language from the editor (``?languages=ar,prs``).

    Opening a link reloads the editor; Wagtail asks first if there are unsaved changes.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Languages in this editor"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "editor-languages"

    class BoundPanel(Panel.BoundPanel):
        template_name = "curricula/admin/editor_languages_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            chosen = list(getattr(self.form, "editor_languages", []))
            path = self.request.path if self.request else ""
            languages = []
            for code, _name, name_local, _rtl in SITE_LANGUAGES:
                if code == SOURCE_LANGUAGE:
                    continue
                shown = code in chosen
                others = [c for c in chosen if c != code] if shown else [*chosen, code]
                languages.append(
                    {
                        "code": code,
                        "name_local": name_local,
                        "dir": "rtl" if code in RTL_LANGUAGE_CODES else "ltr",
                        "shown": shown,
                        "url": f"{path}?languages={','.join(others) or SOURCE_LANGUAGE}",
                    }
                )
            context.update(
                languages=languages,
                english_only_url=f"{path}?languages={SOURCE_LANGUAGE}",
                english_only=not chosen,
            )
            return context
