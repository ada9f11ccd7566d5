from modeltranslation.translator import TranslationOptions, register

from pdo_site.models import HomePage


@register(HomePage)
class HomePageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")
