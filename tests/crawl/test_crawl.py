"""Every page a user can reach, as that user: for each role, follow the links of the
admin (menus included) and of the public site, submit each form as it comes, and fail
on any server error. Runs over the demo content and training records."""

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from courses.learning.models import LearnerProfile

MAX_PAGES = 150
PER_SHAPE = 2  # pages per URL shape (/edit/<id>/, ?p=<n>): enough to see each view
# Links that end the visit or destroy what the crawl walks through.
SKIP = re.compile(r"logout|/delete/|/unpublish/|/revisions/\d+/revert|/lock/|/unlock/|/copy/")
# The page editor's StreamFields are built by JavaScript: without it a form posts no
# block data. Page editing is submitted in the browser tests instead.
NEEDS_BROWSER = re.compile(r"/admin/pages/(\d+/edit|add)/")
LINK = re.compile(r"""["'](/(?:admin|en|ar|fi|prs)/[^"'\s<>\\]*)["']""")


class Forms(HTMLParser):
    """The POST forms of a page, with the values they would send unchanged."""

    def __init__(self):
        super().__init__()
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.form = {"action": attrs.get("action") or "", "data": {}}
            self.forms.append(self.form)
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.form["data"].setdefault(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self.select = name
            self.form["data"].setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.form["data"][self.select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.form["data"][name] = ""

    def handle_data(self, data):
        if self.textarea and self.form is not None:
            self.form["data"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def staff(username, group=None, **extra):
    user = get_user_model().objects.get_or_create(username=username, defaults=extra)[0]
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def shape(link):
    parts = urlsplit(link)
    keys = sorted(key.split("=", 1)[0] for key in parts.query.split("&") if key)
    return re.sub(r"\d+", "N", parts.path), tuple(keys)


def crawl(client, starts):
    """Visit pages breadth-first from ``starts``; submit each POST form once."""
    seen, errors, queue, forms_sent = set(starts), [], deque(starts), set()
    shapes = Counter()
    while queue and len(seen) <= MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(("GET", url, response.status_code))
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode(errors="replace")
        parser = Forms()
        parser.feed(html)
        for form in parser.forms:
            action = urljoin(url, form["action"] or url)
            skip = SKIP.search(action) or NEEDS_BROWSER.search(action)
            if skip or action in forms_sent or "/accounts/" in action:
                continue
            forms_sent.add(action)
            posted = client.post(action, form["data"])
            if posted.status_code >= 500:
                errors.append(("POST", action, posted.status_code))
        for link in LINK.findall(html):
            link = link.split("#", 1)[0]
            path = urlsplit(link).path
            if link in seen or SKIP.search(link) or path.endswith((".pdf", ".zip")):
                continue
            shapes[shape(link)] += 1
            if shapes[shape(link)] > PER_SHAPE:
                continue
            seen.add(link)
            queue.append(link)
    return seen, errors


ROLES = {
    "trainer": lambda: staff("trainer.istanbul"),
    "programme manager": lambda: staff("manager"),
    "course manager": lambda: staff("course.manager", "Course managers"),
    "curriculum author": lambda: staff("author", "Curriculum authors"),
    "superuser": lambda: staff("root", is_superuser=True, is_staff=True),
}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLES))
def test_every_admin_page_and_form_of_a_role_answers_without_a_server_error(demo, role):
    client = Client()
    client.force_login(ROLES[role]())
    seen, errors = crawl(client, ["/admin/"])
    assert len(seen) > 10
    assert not errors, errors


@pytest.mark.slow
@pytest.mark.django_db
def test_every_public_page_answers_without_a_server_error_for_visitors_and_learners(demo):
    learner = get_user_model().objects.create_user("learner", "learner@example.org", "pw-1-abc")
    LearnerProfile.objects.create(user=learner, full_name="Learner", profession="health")
    visitor, signed_in = Client(), Client()
    signed_in.force_login(learner)
    for client in (visitor, signed_in):
        seen, errors = crawl(client, ["/en/", "/ar/", "/fi/learn/", "/en/figures/", "/prs/"])
        assert len(seen) > 10
        assert not errors, errors
