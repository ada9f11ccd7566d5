import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse

from courses.curricula.models import ModulePage
from tests.curricula.blocks import every_block_body
from tests.curricula.factories import ModulePageFactory


def url(page, language="ar"):
    return reverse("curricula_translation:translate", args=[page.pk, language])


def form_texts(response):
    """{input name: English source} of the translation form, as a translator sees it."""
    return {s.key: s.source for s in response.context["segments"]}


@pytest.fixture
def full_module(curricula):
    return ModulePageFactory(parent=curricula[1], title="Arrival", body=every_block_body())


@pytest.mark.django_db
def test_translator_sees_every_text_in_order_with_direction(client, full_module, author):
    client.force_login(author)
    response = client.get(url(full_module))
    assert response.status_code == 200
    sources = list(form_texts(response).values())
    assert sources[:2] == ["Arrival", "Where to get help when you are ill."]
    body = sources[3:]
    assert body[0] == "Arriving at Helsinki Airport"
    assert "Packing a bag" in body and "Show the pictures." in body
    assert "What worries you most about the journey?" in body
    assert "<p>Only for Iceland</p>" in body
    assert body.index("Packing a bag") < body.index("What number do you call in an emergency?")
    html = response.content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert all(s.state == "missing" for s in response.context["segments"])
    # The activity's context names the heading above it.
    activity = next(s for s in response.context["segments"] if s.source == "Packing a bag")
    assert activity.heading == "Arriving at Helsinki Airport"
    assert len(response.content) < 300_000


@pytest.mark.django_db
def test_saving_builds_the_arabic_body_from_the_english_structure(
    client, full_module, author, reviewer
):
    client.force_login(author)
    keys = form_texts(client.get(url(full_module)))
    heading_key = next(k for k, v in keys.items() if v == "Arriving at Helsinki Airport")
    step_key = next(k for k, v in keys.items() if v == "Show the pictures.")
    data = {
        "t-title": "الوصول",
        f"t-{heading_key}": "الوصول إلى مطار هلسنكي",
        f"t-{step_key}": "اعرض الصور.",
        "action": "submit",
    }
    response = client.post(url(full_module), data)
    assert response.status_code == 302

    page = ModulePage.objects.get(pk=full_module.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.title_ar == "الوصول"
    english, arabic = draft.body_en.get_prep_value(), draft.body_ar.get_prep_value()
    assert [(b["type"], b["id"]) for b in english] == [(b["type"], b["id"]) for b in arabic]
    assert arabic[0]["value"] == "الوصول إلى مطار هلسنكي"
    assert arabic[3]["value"]["duration_minutes"] == 20
    # Untranslated texts carry the English, as a reader gets for an untranslated field.
    assert arabic[1]["value"] == english[1]["value"]
    # Nothing published yet: the live page has no Arabic; it went into review.
    assert not page.title_ar
    assert page.current_workflow_state is not None

    state = page.current_workflow_state.current_task_state
    state.task.specific.on_action(state, reviewer, "approve")
    page.refresh_from_db()
    assert page.title_ar == "الوصول"
    assert page.body_ar[0].value == "الوصول إلى مطار هلسنكي"

    response = client.get(url(page))
    states = {s.source: s.state for s in response.context["segments"]}
    assert states["Arriving at Helsinki Airport"] == "done"
    assert states["Where to get help when you are ill."] == "missing"


@pytest.mark.django_db
def test_broken_markup_is_refused_and_nothing_is_lost(client, module, author):
    client.force_login(author)
    keys = form_texts(client.get(url(module)))
    paragraph = next(k for k, v in keys.items() if v.startswith("<p>"))
    response = client.post(
        url(module),
        {f"t-{paragraph}": "<p>كل بلدية لديها <b>مركز صحي.</p>", "t-title": "الصحة"},
    )
    assert response.status_code == 200
    assert "Keep the markup of the English" in response.content.decode()
    assert "الصحة" in response.content.decode()
    assert ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object().title_ar in (
        None,
        "",
    )


@pytest.mark.django_db
def test_stale_texts_are_marked_when_the_english_changes(client, module, author):
    with_arabic = module.get_latest_revision_as_object()
    with_arabic.title_ar = "الرعاية الصحية"
    with_arabic.summary_ar = "أين تحصل على المساعدة."
    with_arabic.save_revision().publish()
    page = ModulePage.objects.get(pk=module.pk)
    page.summary_en = "Where to get help when you are ill or hurt."
    page.save_revision().publish()

    client.force_login(author)
    states = {s.key: s.state for s in client.get(url(module)).context["segments"]}
    assert states["summary"] == "stale"
    assert states["title"] == "done"


@pytest.mark.django_db
def test_memory_offers_a_translation_used_elsewhere(client, curricula, module, author):
    other = ModulePageFactory(parent=curricula[1], title="Emergencies")
    other.key_messages_ar = "اتصل بالرقم 112 في حالات الطوارئ."
    other.save()
    client.force_login(author)
    response = client.get(url(module))
    suggestion = next(s for s in response.context["segments"] if s.key == "key_messages")
    assert suggestion.suggestion == "اتصل بالرقم 112 في حالات الطوارئ."
    assert "اتصل بالرقم 112" in response.content.decode()


@pytest.mark.django_db
def test_without_edit_permission_the_views_refuse(client, module, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    for address in (
        url(module),
        reverse("curricula_translation:languages", args=[module.pk]),
        reverse("curricula_translation:export", args=[module.pk]) + "?language=so&file_format=po",
    ):
        # Wagtail's admin answers PermissionDenied by sending the user to the dashboard.
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert client.post(url(module), {"t-title": "x"}).status_code == 302
    assert not ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object().title_ar


@pytest.mark.django_db
def test_languages_page_lists_every_language_and_links_from_the_editor(client, module, author):
    client.force_login(author)
    response = client.get(reverse("curricula_translation:languages", args=[module.pk]))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 13
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert reverse("curricula_translation:languages", args=[module.pk]) in editor
