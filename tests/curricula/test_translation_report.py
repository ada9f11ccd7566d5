import csv
import io

import openpyxl
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.curricula.factories import ModulePageFactory

REPORT = reverse("curricula_reports:translation_coverage")


@pytest.fixture
def known_content(curricula):
    _index, finland, _iceland = curricula
    finland.title_fi = "PDO Suomi"
    finland.summary_fi = "Mitä odottaa ensimmäisinä kuukausina."
    finland.learning_objectives_fi = "Tunnen hätänumeron"
    finland.save_revision().publish()
    module = ModulePageFactory(parent=finland, title="Health care")
    module.title_ar = "الرعاية الصحية"
    module.save_revision().publish()
    return finland, module


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.django_db
def test_report_shows_share_of_translated_fields(client, known_content, author):
    _finland, module = known_content
    client.force_login(author)
    rows = {row["Title"]: row for row in csv_rows(client.get(REPORT + "?export=csv"))}
    assert rows["PDO Finland"]["fi"] == "100%"
    assert rows["PDO Finland"]["ar"] == "0%"
    assert rows["Health care"]["ar"] == "25%"  # title of title, summary, key messages, body
    assert rows["Health care"]["fi"] == "0%"
    assert rows["Health care"]["Curriculum"] == "PDO Finland"

    html = client.get(REPORT).content.decode()
    assert "Translation coverage" in html
    assert reverse("wagtailadmin_pages:edit", args=[module.pk]) in html


@pytest.mark.django_db
def test_changed_english_source_flags_translations_for_review(client, known_content, author):
    _finland, module = known_content
    module.summary_en = "A changed English summary."
    module.save_revision().publish()
    client.force_login(author)
    rows = {row["Title"]: row for row in csv_rows(client.get(REPORT + "?export=csv"))}
    assert rows["Health care"]["ar"] == "25% (needs review)"
    assert rows["PDO Finland"]["fi"] == "100%"

    # Updating the Arabic version settles it.
    module.summary_ar = "ملخص جديد"
    module.save_revision().publish()
    rows = {row["Title"]: row for row in csv_rows(client.get(REPORT + "?export=csv"))}
    assert rows["Health care"]["ar"] == "50%"


@pytest.mark.django_db
def test_filters_by_language_state_and_curriculum(client, known_content, author):
    finland, module = known_content
    client.force_login(author)

    def titles(query):
        return [r["Title"] for r in csv_rows(client.get(REPORT + query + "&export=csv"))]

    assert titles("?language=fi&state=translated") == ["PDO Finland"]
    # Tree order: the module sits under PDO Finland, before PDO Iceland.
    assert titles("?language=fi&state=missing") == ["Health care", "PDO Iceland"]
    module.summary_en = "Changed"
    module.save_revision().publish()
    assert titles("?language=ar&state=needs_review") == ["Health care"]
    assert set(titles(f"?curriculum={finland.pk}")) == {"PDO Finland", "Health care"}


@pytest.mark.django_db
def test_xlsx_export(client, known_content, author):
    client.force_login(author)
    response = client.get(REPORT + "?export=xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    by_title = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_title["Health care"]["ar"] == "25%"


@pytest.mark.django_db
def test_report_query_count_does_not_grow_with_rows(client, known_content, author):
    finland, _module = known_content
    client.force_login(author)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(REPORT).status_code == 200
        return len(queries)

    count_queries()  # the session's first request records its sign-in activity once
    before = count_queries()
    for n in range(6):
        ModulePageFactory(parent=finland, title=f"Extra module {n}")
    assert count_queries() == before


@pytest.mark.django_db
def test_report_is_not_for_people_without_admin_access(client, known_content, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="learner", password="x"))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
