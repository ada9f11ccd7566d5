"""Anonymise participants whose retention period has passed (schedule it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from courses.training import privacy
from courses.training.models import DataAccess


class Command(BaseCommand):
    help = (
        "Anonymise participants whose last session day is more than "
        "PDO_PARTICIPANT_RETENTION_DAYS ago; the reports keep their counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the participants (by id) that would be anonymised; change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        due = list(privacy.due_for_purge())
        days = settings.PDO_PARTICIPANT_RETENTION_DAYS
        if dry_run:
            for participant in due:
                self.stdout.write(f"participant #{participant.pk}: last day {participant.last_day}")
            self.stdout.write(f"{len(due)} participant(s) past {days} days would be anonymised.")
            return
        count = privacy.anonymise(due, DataAccess.Action.PURGE)
        self.stdout.write(f"{count} participant(s) past {days} days anonymised.")
