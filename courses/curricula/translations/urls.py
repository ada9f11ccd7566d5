"""The translation views' URLs (under /admin/translate/) and their page menu item."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.menus.pages import PageMenuItem

from courses.curricula.translations.file_views import ImportTranslationsView, export_translations
from courses.curricula.translations.views import PageLanguagesView, TranslationView

translation_urls = [
    path("import/", ImportTranslationsView.as_view(), name="import"),
    path("<int:page_id>/", PageLanguagesView.as_view(), name="languages"),
    path("<int:page_id>/export/", export_translations, name="export"),
    path("<int:page_id>/<str:language>/", TranslationView.as_view(), name="translate"),
]


class TranslatePageMenuItem(PageMenuItem):
    label = _("Translate")
    icon_name = "globe"
    url_name = "curricula_translation:languages"

    def is_shown(self, user):
        return (
            bool(getattr(self.page.specific_class, "translated_content_fields", ()))
            and not self.page.alias_of_id
            and self.page.permissions_for_user(user).can_edit()
        )
