import pytest

from django.core.management import call_command
from django.utils import translation


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


@pytest.fixture
def home_page(db):
    from pdo_site.demo import ensure_site_tree

    return ensure_site_tree()
