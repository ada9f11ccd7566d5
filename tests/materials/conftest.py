"""Fixtures for the materials tests: the demo content once per module, PDFs read back."""

import io

import pytest
from pypdf import PdfReader

from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from materials import documents, pdf, rendering


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo curricula (en, fi, ar, prs, sv), loaded once for tests/materials by `load_demo`.

    Only its content loaders run: the demo training sessions take seconds and print
    nothing. The data lives in a transaction rolled back after the package; each test
    runs in a savepoint inside it, as usual, so tests cannot see each other's data.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", "--without-training-records", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_pages(demo, db):
    from courses.curricula.models import CurriculumPage, ModulePage

    finland = CurriculumPage.objects.get(slug="pdo-finland")
    arrival = ModulePage.objects.child_of(finland).get(slug="journey-and-arrival")
    return finland, arrival


class ReadPDF:
    """A rendered PDF and what a reader finds in it."""

    def __init__(self, data):
        self.data = data
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = [page.extract_text() for page in self.reader.pages]
        self.text = "\n".join(self.pages)

    @property
    def fonts(self):
        """{base font name: embedded?} over all pages."""
        found = {}
        for page in self.reader.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                name = str(font["/BaseFont"]).split("+", 1)[-1]
                descendants = font.get("/DescendantFonts")
                descriptor = (
                    descendants[0].get_object()["/FontDescriptor"]
                    if descendants
                    else font.get("/FontDescriptor")
                ).get_object()
                found[name] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
        return found


def render(page, language, variant, revision_id=None):
    """Render a document without the cache: (print HTML, ReadPDF)."""
    with translation.override(language):
        html = rendering.render_html(page, variant, language, revision_id)
    return html, ReadPDF(pdf.render_pdf(html, rendering.site_base_url(page)).content)


def run_queued_tasks(backend="queue"):
    """Run the queued background tasks here, in order, as `db_worker --batch` would.

    The real worker opens exclusive transactions, which a test's transaction cannot
    hold. Tasks queue further tasks on commit, so each runs as if it committed.
    Returns the names of the tasks run.
    """
    from django_tasks_db.models import DBTaskResult

    from django.test import TestCase

    ran = []
    while True:
        result = DBTaskResult.objects.ready().filter(backend_name=backend).first()
        if result is None:
            return ran
        result.claim("test-worker")
        arguments = result.args_kwargs
        with TestCase.captureOnCommitCallbacks(execute=True):
            try:
                value = result.task.call(*arguments["args"], **arguments["kwargs"])
            except Exception as error:  # recorded, as the worker does
                result.set_failed(error)
            else:
                result.set_successful(value)
        ran.append(result.task_path.rsplit(".", 1)[-1])


@pytest.fixture
def small_curriculum(demo_pages):
    """A curriculum of one short module, quick to render: (curriculum, module)."""
    from courses.curricula.models import CurriculumIndexPage
    from tests.curricula.factories import CurriculumPageFactory, ModulePageFactory

    index = CurriculumIndexPage.objects.get()
    curriculum = CurriculumPageFactory(parent=index, title="Small course", slug="small-course")
    module = ModulePageFactory(parent=curriculum, title="First steps", slug="first-steps")
    module.title_ar = "الخطوات الأولى"
    module.save_revision().publish()
    module.refresh_from_db()
    return curriculum, module


@pytest.fixture
def count_renders(monkeypatch):
    """Counts the PDFs WeasyPrint makes: call it for the number so far."""
    calls = []
    original = documents.render_pdf

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", counting)
    return lambda: len(calls)
