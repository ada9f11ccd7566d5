"""`render_pdf` and `build_offline_pack` from the command line."""

import io
import os
import subprocess
import sys
import zipfile

import pytest
from pypdf import PdfReader

from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_render_pdf_writes_the_document(small_curriculum, tmp_path):
    _curriculum, _module = small_curriculum
    output = tmp_path / "module.pdf"
    message = run(
        "render_pdf",
        "small-course/first-steps",
        "--lang",
        "ar",
        "--variant",
        "trainer",
        "--output",
        str(output),
    )
    assert "Wrote" in message
    text = "\n".join(page.extract_text() for page in PdfReader(output).pages)
    assert "الخطوات الأولى" in text
    assert "SECRET-TRAINER-NOTE" in text  # the factory's trainer note, in the trainer guide


def test_render_pdf_finds_pages_by_id(small_curriculum, tmp_path):
    curriculum, _module = small_curriculum
    output = tmp_path / "c.pdf"
    run("render_pdf", str(curriculum.pk), "--output", str(output), "--paper", "letter")
    assert round(float(PdfReader(output).pages[0].mediabox.width)) == 612


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["no-such-page"], "No curriculum or module page matches 'no-such-page'"),
        (["first-steps", "--lang", "xx"], "Unknown language 'xx'"),
        (["first-steps", "--variant", "poster"], "Unknown variant 'poster'"),
        (["first-steps", "--paper", "A3"], "Unknown paper size 'A3'"),
        (["health-care"], "matches several pages"),  # in both PDO curricula
        (["curricula"], "No curriculum or module page matches"),  # not printable
    ],
)
def test_render_pdf_refuses_unknown_input(small_curriculum, arguments, message):
    with pytest.raises(CommandError, match=message):
        run("render_pdf", *arguments)


def test_build_offline_pack(small_curriculum, tmp_path):
    output = tmp_path / "pack.zip"
    run("build_offline_pack", "small-course", "--langs", "ar,fi", "--output", str(output))
    names = zipfile.ZipFile(output).namelist()
    assert "index.html" in names
    assert len([name for name in names if name.endswith(".pdf")]) == 2 * 2 * 2
    assert "fi/modules/01-first-steps-trainer.pdf" in names


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["no-such-course"], "No curriculum or module page matches"),
        (["small-course", "--langs", "ar,xx"], "Unknown language 'xx'"),
        (["small-course", "--variants", "poster"], "Unknown variant 'poster'"),
        (["small-course/first-steps"], "is a module, not a curriculum"),
    ],
)
def test_build_offline_pack_refuses_unknown_input(small_curriculum, arguments, message):
    with pytest.raises(CommandError, match=message):
        run("build_offline_pack", *arguments)


def test_commands_exit_non_zero_from_the_shell(settings):
    result = subprocess.run(
        [sys.executable, "manage.py", "render_pdf", "any-page", "--lang", "xx"],
        check=False,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "pdo_site.settings.test"},
    )
    assert result.returncode != 0
    assert "Unknown language 'xx'" in result.stderr
