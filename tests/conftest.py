import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

from pdo_site.demo import ensure_site_tree
from pdo_site.roles import CURRICULUM_AUTHORS, CURRICULUM_REVIEWERS
from tests.curricula.factories import (
    CurriculumIndexPageFactory,
    CurriculumPageFactory,
    ModulePageFactory,
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Fill the translation columns of pages made by migrations, as `load_demo` does."""
    with django_db_blocker.unblock():
        call_command("update_translation_fields", verbosity=0)
        call_command("set_translation_url_paths", verbosity=0)


@pytest.fixture(autouse=True)
def english_by_default():
    """The active language leaks between tests (a /fi/ request activates Finnish); reset it."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Stored pages outlive a test's database rollback: start every test without any."""
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def home_page(db):
    return ensure_site_tree()


@pytest.fixture
def curricula(home_page):
    index = CurriculumIndexPageFactory(parent=home_page)
    finland = CurriculumPageFactory(parent=index, title="PDO Finland", destination="finland")
    iceland = CurriculumPageFactory(parent=index, title="PDO Iceland", destination="iceland")
    return index, finland, iceland


@pytest.fixture
def module(curricula):
    return ModulePageFactory(parent=curricula[1], title="Health care")


def user_in_group(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username=username, password="pw-" + username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def author(django_user_model):
    return user_in_group(django_user_model, "author", CURRICULUM_AUTHORS)


@pytest.fixture
def reviewer(django_user_model):
    return user_in_group(django_user_model, "reviewer", CURRICULUM_REVIEWERS)


# Data migrations whose rows the flush removes: (module, forward function).
DATA_MIGRATIONS = [
    (
        "courses.curricula.migrations.0002_authoring_groups_and_review_workflow",
        "create_groups_and_workflow",
    ),
    ("courses.training.migrations.0002_trainer_and_manager_groups", "create_groups"),
    ("courses.training.migrations.0003_publishedquarter", "grant_publishing"),
    ("courses.training.migrations.0005_participant_data_access", "grant_reading_the_access_log"),
    ("courses.learning.migrations.0002_course_manager_group", "create_group"),
    ("courses.field.migrations.0002_device_token_permissions", "grant_token_permissions"),
    ("courses.field.migrations.0003_sync_record_permissions", "grant_reading_sync_records"),
]


@pytest.fixture
def site_tree(transactional_db):
    """live_server tests flush the database after each test, taking with it what migrations
    made: Wagtail's root page and Site, our groups and review workflow. Rebuild them."""
    home = ensure_site_tree()
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    return home
