"""Demo curricula: a Finland PDO curriculum, an Iceland one sharing modules with it,
and a counter-trafficking course for health and social care professionals.

Text lives in ``courses/curricula/demo/<package>/<language>.json`` beside a ``structure.json``
(order, durations, shared modules), so translators work on text, not code.
"""

import json
from pathlib import Path

from django.db import transaction

from courses.curricula.models import (
    CurriculumIndexPage,
    CurriculumPage,
    DestinationFacts,
    GlossaryTerm,
    ModulePage,
)
from pdo_site.demo import read_translations
from pdo_site.languages import LANGUAGE_CODES, SOURCE_LANGUAGE
from pdo_site.models import HomePage
from pdo_site.translated_fields import field_value

DEMO_DIR = Path(__file__).resolve().parent / "demo"
PACKAGES = ["pdo", "trafficking"]
# The home page's demo sections, in order (pdo_site/demo/home/*.json).
SECTION_KEYS = ["pdo", "trafficking", "trainers"]

INDEX_TITLES = {
    "en": ("Curricula", "Training curricula for pre-departure orientation and for professionals."),
    "fi": (
        "Opetussuunnitelmat",
        "Lähtöä edeltävän orientaation ja ammattilaisten koulutusten opetussuunnitelmat.",
    ),
    "sv": ("Läroplaner", "Läroplaner för orientering före avresan och för yrkesverksamma."),
    "ar": ("المناهج التدريبية", "مناهج التوجيه الثقافي قبل السفر ومناهج تدريب المهنيين."),
    "prs": ("نصاب‌های آموزشی", "نصاب‌های آموزشی برای جهت‌یابی پیش از سفر و برای کارمندان مسلکی."),
    "so": ("Manhajyada", "Manhajyada tababarka ee hagidda ka hor safarka iyo ee xirfadlayaasha."),
    "ti": ("ስርዓተ ትምህርቲ", "ስርዓተ ትምህርቲ ንቕድሚ ጉዕዞ ዝወሃብ ኣቕጣጫን ንሞያውያንን።"),
}


def load_package(name):
    folder = DEMO_DIR / name
    structure = json.loads((folder / "structure.json").read_text(encoding="utf-8"))
    return structure, read_translations(folder)


def stream_value(blocks, glossary_ids):
    """Demo JSON blocks → StreamField data (glossary keys to ids, 1-based answers)."""
    converted = []
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "glossary_term":
            if value not in glossary_ids:
                continue
            value = glossary_ids[value]
        elif kind == "self_check":
            value = {**value, "correct_option": value["correct_option"] + 1}
        elif kind == "destination":
            value = {
                "destination": value["destination"],
                "content": stream_value(value["content"], glossary_ids),
            }
        converted.append({"type": kind, "value": value})
    return converted


def load_glossary(texts):
    ids = {}
    for key, entry in texts.get(SOURCE_LANGUAGE, {}).get("glossary", {}).items():
        term = GlossaryTerm.objects.filter(key=key).first()
        if term is None:
            term = GlossaryTerm(key=key, term=entry["term"], definition=entry["definition"])
            for code, text in texts.items():
                translated = text.get("glossary", {}).get(key)
                if translated:
                    setattr(term, f"term_{code}", translated["term"])
                    setattr(term, f"definition_{code}", translated["definition"])
            term.save()
        ids[key] = term.pk
    return ids


def load_destination_facts(structure, texts):
    for facts in structure.get("destination_facts", []):
        destination = facts["destination"]
        if DestinationFacts.objects.filter(destination=destination).exists():
            continue
        record = DestinationFacts(
            destination=destination,
            emergency_number=facts["emergency_number"],
            currency=facts["currency"],
        )
        for code, text in texts.items():
            translated = text.get("destination_facts", {}).get(destination)
            if translated:
                setattr(record, f"climate_{code}", translated.get("climate", ""))
                setattr(record, f"key_authorities_{code}", translated.get("key_authorities", ""))
                if translated.get("currency"):
                    setattr(record, f"currency_{code}", translated["currency"])
        record.currency_en = facts["currency"]
        record.save()


def ensure_index(home):
    index = CurriculumIndexPage.objects.first()
    if index is not None:
        return index
    index = CurriculumIndexPage(title=INDEX_TITLES["en"][0], slug="curricula", show_in_menus=True)
    for code, (title, intro) in INDEX_TITLES.items():
        setattr(index, f"title_{code}", title)
        setattr(index, f"slug_{code}", "curricula")
        setattr(index, f"intro_{code}", f"<p>{intro}</p>")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def translated_page(page, texts, key, section, glossary_ids):
    """Fill a page's fields in every language the demo has text for."""
    for code, text in texts.items():
        entry = text.get(section, {}).get(key)
        if not entry:
            continue
        setattr(page, f"title_{code}", entry["title"])
        setattr(page, f"slug_{code}", page.slug)
        setattr(page, f"summary_{code}", entry.get("summary", ""))
        if section == "curricula":
            setattr(
                page, f"learning_objectives_{code}", "\n".join(entry.get("learning_objectives", []))
            )
        else:
            setattr(page, f"key_messages_{code}", "\n".join(entry.get("key_messages", [])))
            if entry.get("body"):
                setattr(page, f"body_{code}", stream_value(entry["body"], glossary_ids))
    return page


@transaction.atomic
def load_curricula(index, structure, texts, glossary_ids, stdout):
    for spec in structure["curricula"]:
        key = spec["key"]
        curriculum = CurriculumPage.objects.child_of(index).filter(slug=key).first()
        if curriculum is not None:
            stdout.write(f"Curriculum kept: {curriculum.title}")
            continue
        source = texts[SOURCE_LANGUAGE]["curricula"][key]
        curriculum = CurriculumPage(
            title=source["title"],
            slug=key,
            audience=spec["audience"],
            destination=spec.get("destination") or "",
            online_course=spec.get("online_course", False),
            summary=source["summary"],
        )
        translated_page(curriculum, texts, key, "curricula", glossary_ids)
        index.add_child(instance=curriculum)
        curriculum.save_revision().publish()

        for module_spec in spec["modules"]:
            if module_spec.get("shared_from"):
                original = ModulePage.objects.get(
                    url_path__endswith=f"/{module_spec['shared_from']}/{module_spec['key']}/"
                )
                original.create_alias(parent=curriculum, update_slug=original.slug)
                continue
            module_key = f"{key}/{module_spec['key']}"
            module_source = texts[SOURCE_LANGUAGE]["modules"][module_key]
            module = ModulePage(
                title=module_source["title"],
                slug=module_spec["key"],
                summary=module_source["summary"],
                duration_minutes=module_spec["duration_minutes"],
            )
            translated_page(module, texts, module_key, "modules", glossary_ids)
            curriculum.add_child(instance=module)
            module.save_revision().publish()
        stdout.write(f"Curriculum created: {curriculum.title} ({len(spec['modules'])} modules)")


def link_home_sections(home, index):
    """Point the home page's sections at the curricula (only sections without a link)."""
    targets = {
        "pdo": index,
        "trafficking": CurriculumPage.objects.filter(audience="professionals").first() or index,
        "trainers": index,
    }
    changed = False
    for code in LANGUAGE_CODES:
        body = field_value(home, "body", code)
        if not body:
            continue
        raw = body.get_prep_value()
        for position, block in enumerate(raw):
            key = SECTION_KEYS[position] if position < len(SECTION_KEYS) else None
            if block["type"] == "section" and not block["value"].get("page") and key in targets:
                block["value"]["page"] = targets[key].pk
                changed = True
        setattr(home, f"body_{code}", raw)
    if changed:
        home.save_revision().publish()


def load(stdout):
    home = HomePage.objects.first()
    index_existed = CurriculumIndexPage.objects.exists()
    index = ensure_index(home)
    for name in PACKAGES:
        if not (DEMO_DIR / name / f"{SOURCE_LANGUAGE}.json").exists():
            continue
        structure, texts = load_package(name)
        glossary_ids = load_glossary(texts)
        load_destination_facts(structure, texts)
        load_curricula(index, structure, texts, glossary_ids, stdout)
    if not index_existed:
        link_home_sections(home, index)
