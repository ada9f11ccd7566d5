"""Publishing queues new PDFs; deleting a document deletes its file."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.signals import page_published

from materials.models import RenderedDocument
from materials.printable import is_printable
from materials.tasks import queue_documents_for_page


@receiver(page_published)
def queue_documents_on_publish(sender, instance, **kwargs):
    if is_printable(instance):
        transaction.on_commit(partial(queue_documents_for_page.enqueue, instance.pk), robust=True)


@receiver(post_delete, sender=RenderedDocument)
def delete_document_file(sender, instance, **kwargs):
    if instance.file:
        transaction.on_commit(
            partial(instance.file.storage.delete, instance.file.name), robust=True
        )
