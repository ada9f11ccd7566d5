"""The field app's shell, manifest and service worker, through the real views."""

import json
import re

import pytest

from courses.field.models import DeviceToken
from tests.field.conftest import TOKENS

pytestmark = pytest.mark.django_db


def config_of(response):
    found = re.search(
        r'<script id="field-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(found.group(1))


def test_field_redirects_to_the_language_prefixed_app(client):
    response = client.get("/field/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 302
    assert response["Location"] == "/fi/field/"


@pytest.mark.parametrize(("language", "direction"), [("fi", "ltr"), ("ar", "rtl"), ("prs", "rtl")])
def test_the_shell_is_in_the_language_and_direction_of_its_url(client, language, direction):
    response = client.get(f"/{language}/field/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    config = config_of(response)
    assert config["sw"] == f"/{language}/field/sw.js"
    assert config["scope"] == f"/{language}/field/"
    # The JavaScript's texts are translated on the server, like the page's own.
    assert config["strings"]["keep_mine"] != "Keep mine"
    assert "Keep mine" not in html


def test_the_shell_runs_no_inline_script_and_the_policy_allows_none(client):
    response = client.get("/en/field/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.content.decode(), re.S)
    inline = [attrs for attrs, body in scripts if body.strip() and "application/json" not in attrs]
    assert inline == []
    assert all("src=" in attrs for attrs, body in scripts if not body.strip())


def test_the_manifest_starts_the_app_in_its_language(client):
    response = client.get("/ar/field/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["lang"], manifest["dir"]) == ("ar", "rtl")
    assert manifest["start_url"] == manifest["scope"] == "/ar/field/"
    assert manifest["display"] == "standalone" and manifest["icons"]


def test_the_service_worker_keeps_the_shell_and_its_files(client):
    response = client.get("/fi/field/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    assets = json.loads(re.search(r"const ASSETS = (\[.*?\]);", script).group(1))
    assert "/fi/field/" in assets and "/static/field/app.js" in assets
    # Each listed file is served, so the worker's installation cannot fail on one.
    for asset in assets:
        if asset.startswith("/static/"):
            assert client.get(asset).status_code == 200, asset
    assert '"/api/' not in script.replace('startsWith("/api/")', "")


def test_signing_out_revokes_the_device_token(client, device):
    response = client.delete(f"{TOKENS}/current", **device.headers())
    assert response.status_code == 204
    assert DeviceToken.objects.get(pk=device.token_id).revoked
    assert device.sync([]).json()["code"] == "token_revoked"


def test_signing_out_needs_the_token(client, device):
    assert client.delete(f"{TOKENS}/current").status_code == 401
    assert not DeviceToken.objects.get(pk=device.token_id).revoked
