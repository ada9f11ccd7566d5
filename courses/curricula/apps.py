from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculaConfig(AppConfig):
    name = "courses.curricula"
    label = "curricula"
    verbose_name = _("Curricula")

    def ready(self):
        # Pages show glossary terms and destination facts: a change empties the page cache.
        from courses.curricula.models import DestinationFacts, GlossaryTerm  # noqa: PLC0415
        from pdo_site import page_cache  # noqa: PLC0415

        page_cache.invalidate_on_changes_to(GlossaryTerm, DestinationFacts)
