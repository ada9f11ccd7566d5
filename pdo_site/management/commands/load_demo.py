import logging

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.utils import translation
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Load the demo content (home page, curricula, sessions ...). Safe to run again: "
        "what exists is kept, what is missing is added."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-training-records",
            action="store_true",
            help="Load pages and reference content only, not the generated training sessions.",
        )

    def handle(self, *args, **options):
        # Wagtail logs every page created and published; the loader reports per curriculum.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        # Pages created by data migrations have empty translation columns; fill them so
        # every language resolves URLs the same way a page saved in the editor does.
        call_command("update_translation_fields", verbosity=0)
        with translation.override("en"):
            # Each app contributes a loader (settings.PDO_DEMO_LOADERS), so the site
            # package names no app in its code.
            for dotted_path in settings.PDO_DEMO_LOADERS:
                if (
                    options["without_training_records"]
                    and dotted_path == settings.PDO_DEMO_TRAINING_RECORDS
                ):
                    continue
                import_string(dotted_path)(self.stdout)
        call_command("set_translation_url_paths", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
