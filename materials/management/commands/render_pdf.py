import shutil

from django.core.management.base import BaseCommand, CommandError

from materials.documents import ensure_built
from materials.management import arguments


class Command(BaseCommand):
    help = (
        "Write the PDF of a curriculum or module (a participant handout or a trainer guide) "
        "in one language. Uses the cached PDF when the published version has one, and "
        "renders and caches it otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("page", help="Page id, slug, or 'curriculum-slug/module-slug'.")
        parser.add_argument("--lang", default="en", help="Language code (default: en).")
        parser.add_argument("--variant", default="handout", help="handout or trainer.")
        parser.add_argument("--paper", default=None, help="A4 or letter (default: PDO_PAPER_SIZE).")
        parser.add_argument(
            "--output", help="Where to write the PDF (default: <slug>-<lang>-<variant>.pdf)."
        )

    def handle(self, *args, **options):
        language = arguments.language(options["lang"])
        variant = arguments.variant(options["variant"])
        paper_size = arguments.paper_size(options["paper"])
        page = arguments.printable_page(options["page"])
        if not page.live:
            raise CommandError(
                f"'{options['page']}' is not published; PDFs show the published version."
            )
        try:
            document = ensure_built(page, language, variant, paper_size)
        except Exception as error:
            raise CommandError(f"Rendering failed: {error}") from error
        output = options["output"] or document.file.name.rsplit("/", 1)[-1]
        with document.file.open("rb") as source, open(output, "wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output} ({document.page_count} pages, revision {document.revision_id})."
            )
        )
