"""Rewrite the encrypted columns with the first key of PDO_ENCRYPTION_KEYS."""

from django.core.management.base import BaseCommand
from django.db import transaction

from courses.training.models import Participant, TrainingSession

ENCRYPTED = ((Participant, ["name"]), (TrainingSession, ["notes", "interpreters"]))


class Command(BaseCommand):
    help = (
        "After putting a new key first in PDO_ENCRYPTION_KEYS: re-encrypt participant names "
        "and session notes with it, so the old keys can be removed."
    )

    def handle(self, *args, **options):
        for model, fields in ENCRYPTED:
            rows = list(model.objects.only("pk", *fields))
            with transaction.atomic():
                model.objects.bulk_update(rows, fields, batch_size=500)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {len(rows)} re-encrypted.")
