"""Round trips of translator files: export for Somali, fill with the libraries, import."""

import polib
import pytest
from lxml import etree
from translate.storage import xliff2

from django.core.management import CommandError, call_command
from django.urls import reverse

from courses.curricula.models import ModulePage
from courses.curricula.translations.files import XLIFF_NS
from tests.curricula.factories import GlossaryTermFactory, ModulePageFactory

SOMALI = {
    "Health care": "Daryeelka caafimaadka",
    "Where to get help when you are ill.": "Halka aad ka hesho caawimaad marka aad jirran tahay.",
    "Health centres": "Xarumaha caafimaadka",
    "<p>Every municipality has a health centre.</p>": (
        "<p>Degmo kasta waxay leedahay xarun caafimaad.</p>"
    ),
}


@pytest.fixture
def somali_setup(curricula, module):
    GlossaryTermFactory(key="health-centre", term="health centre", term_so="xarun caafimaad")
    return curricula[1], module


def export(tmp_path, curriculum, file_format):
    output = tmp_path / f"out.{'xlf' if file_format == 'xliff' else 'po'}"
    call_command("export_translations", curriculum.slug, "so", format=file_format, output=output)
    return output


@pytest.mark.django_db
def test_po_round_trip(tmp_path, somali_setup):
    curriculum, module = somali_setup
    path = export(tmp_path, curriculum, "po")
    catalog = polib.pofile(str(path))
    assert catalog.metadata["Language"] == "so"
    assert "health centre = xarun caafimaad" in catalog.header
    by_source = {entry.msgid: entry for entry in catalog}
    assert "Health care" in by_source and "PDO Finland" in by_source
    entry = by_source["Health centres"]
    assert entry.msgctxt.startswith(f"p{module.pk}.body.")
    assert "Health care" in entry.tcomment and "Heading" in entry.tcomment
    for source, target in SOMALI.items():
        by_source[source].msgstr = target
    catalog.save(str(path))

    call_command("import_translations", str(path))
    draft = ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object()
    assert draft.title_so == "Daryeelka caafimaadka"
    assert draft.body_so[0].value == "Xarumaha caafimaadka"
    assert draft.body_so[1].value.source == SOMALI["<p>Every municipality has a health centre.</p>"]


@pytest.mark.django_db
def test_xliff_round_trip_and_notes_in_the_unit(tmp_path, somali_setup):
    curriculum, module = somali_setup
    path = export(tmp_path, curriculum, "xliff")
    root = etree.parse(str(path)).getroot()
    assert root.get("trgLang") == "so"
    assert not root.findall(f".//{{{XLIFF_NS}}}segment/{{{XLIFF_NS}}}notes")
    assert root.findall(f".//{{{XLIFF_NS}}}unit/{{{XLIFF_NS}}}notes")
    assert "xarun caafimaad" in path.read_text()

    store = xliff2.Xliff2File.parsestring(path.read_bytes())
    for unit in store.units:
        if str(unit.source) in SOMALI:
            unit.target = SOMALI[str(unit.source)]
            unit.xmlelement.set("state", "translated")  # the <segment>
    path.write_bytes(bytes(store))

    call_command("import_translations", str(path), dry_run=True)
    assert not ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object().title_so
    call_command("import_translations", str(path))
    draft = ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object()
    assert draft.summary_so == SOMALI["Where to get help when you are ill."]


@pytest.mark.django_db
def test_a_broken_tag_or_placeholder_refuses_the_whole_file(tmp_path, somali_setup):
    curriculum, module = somali_setup
    path = export(tmp_path, curriculum, "po")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = SOMALI.get(entry.msgid, "")
    broken = next(e for e in catalog if e.msgid.startswith("<p>"))
    broken.msgstr = "<p>Degmo kasta <b>waxay leedahay xarun caafimaad.</p>"
    catalog.save(str(path))
    line = polib.pofile(str(path)).find(broken.msgid).linenum

    with pytest.raises(CommandError) as refused:
        call_command("import_translations", str(path))
    assert f"Line {line}:" in str(refused.value)
    assert "markup" in str(refused.value)
    # Nothing half-imported: the valid title did not land either.
    assert not ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object().title_so


@pytest.mark.django_db
def test_memory_prefills_the_export_as_fuzzy(tmp_path, somali_setup):
    curriculum, _module = somali_setup
    other = ModulePageFactory(parent=curriculum, title="Emergencies")
    other.key_messages_so = "Wac 112 xaalad degdeg ah."
    other.save()
    catalog = polib.pofile(str(export(tmp_path, curriculum, "po")))
    entry = next(e for e in catalog if e.msgid == "Call 112 in an emergency." and e.msgstr)
    assert entry.fuzzy and "translation memory" in entry.comment


@pytest.mark.django_db
def test_admin_download_preview_and_confirm(client, tmp_path, somali_setup, author):
    _curriculum, module = somali_setup
    client.force_login(author)
    response = client.get(
        reverse("curricula_translation:export", args=[module.pk]),
        {"language": "so", "file_format": "po"},
    )
    assert response.status_code == 200
    catalog = polib.pofile(response.content.decode())
    catalog.find("Health care").msgstr = "Daryeelka caafimaadka"
    path = tmp_path / "health.po"
    catalog.save(str(path))

    with path.open("rb") as upload:
        preview = client.post(reverse("curricula_translation:import"), {"translation_file": upload})
    assert preview.status_code == 200
    assert "Daryeelka caafimaadka" in preview.content.decode()
    assert not ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object().title_so

    confirmed = client.post(
        reverse("curricula_translation:import"),
        {"payload": preview.context["payload"], "action": "confirm"},
    )
    assert confirmed.status_code == 302
    assert (
        ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object().title_so
        == "Daryeelka caafimaadka"
    )


@pytest.mark.django_db
def test_admin_import_refuses_pages_the_user_may_not_edit(
    client, tmp_path, module, django_user_model
):
    from django.contrib.auth.models import Permission

    path = tmp_path / "x.po"
    catalog = polib.POFile()
    catalog.metadata = {"Language": "so", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgctxt=f"p{module.pk}.title", msgid=module.title, msgstr="Xx"))
    catalog.save(str(path))
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    with path.open("rb") as upload:
        preview = client.post(reverse("curricula_translation:import"), {"translation_file": upload})
    assert "unknown text" in preview.content.decode()
    assert "Save these texts" not in preview.content.decode()


@pytest.mark.django_db
def test_garbage_file_is_a_clear_error(tmp_path, somali_setup):
    path = tmp_path / "bad.xlf"
    path.write_bytes(b"<?xml version='1.0'?><xliff><file>")
    with pytest.raises(CommandError):
        call_command("import_translations", str(path))
