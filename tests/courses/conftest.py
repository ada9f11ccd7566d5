import pytest

from django.contrib.auth.models import Group

from tests.factories import CurriculumIndexPageFactory, CurriculumPageFactory, ModulePageFactory


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
    return user_in_group(django_user_model, "author", "Curriculum authors")


@pytest.fixture
def reviewer(django_user_model):
    return user_in_group(django_user_model, "reviewer", "Curriculum reviewers")
