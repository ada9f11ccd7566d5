"""Write the missing and stale texts of a curriculum (or one module) for one language
to an XLIFF 2.0 or PO file, for translators working in their own tools."""

from django.core.management.base import BaseCommand, CommandError

from courses.curricula.models import CurriculumPage, ModulePage
from courses.curricula.translations.files import FORMATS, export_file
from pdo_site.translated_fields import SOURCE_LANGUAGE, TARGET_LANGUAGES


class Command(BaseCommand):
    help = "Export the untranslated and stale texts of a curriculum or module as XLIFF or PO."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="English slug of a curriculum (or of one module)")
        parser.add_argument("language", help="target language code, e.g. so")
        parser.add_argument("--format", choices=FORMATS, default="xliff", dest="file_format")
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, slug, language, file_format, output, **options):
        if language not in TARGET_LANGUAGES:
            choices = ", ".join(TARGET_LANGUAGES)
            raise CommandError(f"Unknown language {language!r}: one of {choices}")
        lookup = {f"slug_{SOURCE_LANGUAGE}": slug, "alias_of__isnull": True}
        page = (
            CurriculumPage.objects.filter(**lookup).first()
            or ModulePage.objects.filter(**lookup).first()
        )
        if page is None:
            raise CommandError(f"No curriculum or module with the slug {slug!r}")
        content = export_file(page, language, file_format)
        with open(output, "wb") as handle:
            handle.write(content)
        self.stdout.write(f"Wrote {output} ({len(content)} bytes)")
