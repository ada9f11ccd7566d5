import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.management import call_command

from pdo_site.models import HomePage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_keeps_edits(capsys):
    call_command("load_demo")
    home = HomePage.objects.get()
    home.intro_en = "Edited by an editor"
    home.save()
    call_command("load_demo")
    assert HomePage.objects.count() == 1
    home.refresh_from_db()
    assert home.intro_en == "Edited by an editor"
    assert home.url_path_ar == "/home/"


@pytest.mark.django_db
def test_ensure_admin_uses_the_environment_password_once(monkeypatch, capsys):
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "a-long-demo-password")
    call_command("ensure_admin")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("a-long-demo-password")
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "another-password")
    call_command("ensure_admin")
    admin.refresh_from_db()
    assert admin.check_password("a-long-demo-password")
    assert "another-password" not in capsys.readouterr().out


@pytest.mark.django_db
def test_ensure_admin_prints_a_random_password_once(monkeypatch, capsys):
    from django.contrib.auth import get_user_model

    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = out.split("with password: ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    call_command("ensure_admin")
    assert password not in capsys.readouterr().out


def run_manage(*args, **env):
    unset = {
        "SECRET_KEY",
        "PDO_ENCRYPTION_KEYS",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
    }
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        check=False,
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="pdo_site.settings.production",
        SECRET_KEY="x7#production-like-secret-key-for-the-deploy-check-0123456789abcdef",
        PDO_ENCRYPTION_KEYS="production-like-participant-data-key",
        ALLOWED_HOSTS="pdo.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="pdo_site.settings.production")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr
