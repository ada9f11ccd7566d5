"""Browser benchmark: how long the page editor of a big, fully translated module takes to open.

Builds a module with 20 blocks filled in all 14 languages in a scratch SQLite database,
serves it, and opens its editor in headless Chromium, with the dormant-editor
optimisation on and off (PDO_DEFER_TRANSLATION_EDITORS). Prints, per mode, the median of
several runs of:

- "usable": from navigation start until the English StreamField editor has all its
  blocks built and the main thread answers (what an author waits for);
- "load": the window load event;
- "show ar": after clicking the Arabic language toggle, until its 20 blocks are built.

Then, with the dormant editors, the same figures for the editor and for the translation view
(/admin/translate/<id>/ar/) side by side: server time (request to first byte), HTML size,
load event and usable (every input of the form present and the main thread answering).
Targets: editor usable <= 2 s, translation view usable <= 1 s, HTML <= 300 kB.

Run by hand: .venv/bin/python benchmarks/editor.py [--runs 5]
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DB = OUT / "editor.sqlite3"
LANGUAGES = ["en", "fi", "sv", "is", "ar", "prs", "fa", "ckb", "kmr", "ps", "so", "ti", "fr", "sw"]
PASSWORD = "benchmark-password-123"


def environment(defer):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="pdo_site.settings.dev",
        DATABASE_URL=f"sqlite:///{DB}",
        DEBUG="false",
        PDO_DEFER_TRANSLATION_EDITORS="true" if defer else "false",
    )
    return env


def twenty_blocks(language):
    blocks = []
    for n in range(4):
        blocks += [
            {"type": "heading", "value": f"[{language}] Section {n + 1}"},
            {
                "type": "paragraph",
                "value": f"<p>[{language}] Text of section {n + 1}. " * 5 + "</p>",
            },
            {"type": "key_message", "value": f"[{language}] Remember point {n + 1}."},
            {
                "type": "activity",
                "value": {
                    "title": f"[{language}] Activity {n + 1}",
                    "duration_minutes": 15,
                    "materials": "Paper, pens",
                    "steps": ["Introduce", "Discuss in pairs", "Share with the group"],
                    "expected_outcome": "Participants can explain the point.",
                },
            },
            {
                "type": "self_check",
                "value": {
                    "question": f"[{language}] Question {n + 1}?",
                    "options": ["One", "Two", "Three"],
                    "correct_option": 2,
                    "explanation": "Because.",
                },
            },
        ]
    return blocks


def build_database():
    OUT.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    env = environment(True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    script = f"""
from django.contrib.auth import get_user_model
from pdo_site.demo import ensure_site_tree
from courses.curricula.models import CurriculumIndexPage, CurriculumPage, ModulePage
home = ensure_site_tree()
index = CurriculumIndexPage(title="Curricula", slug="curricula")
home.add_child(instance=index)
curriculum = CurriculumPage(title="Benchmark", slug="benchmark", audience="refugees",
                            destination="finland", summary="Benchmark curriculum")
index.add_child(instance=curriculum)
module = ModulePage(title="Big module", slug="big-module", summary="20 blocks in 14 languages")
import benchmarks.editor as b
for code in b.LANGUAGES:
    setattr(module, "title_" + code, "[" + code + "] Big module")
    setattr(module, "summary_" + code, "[" + code + "] Summary")
    setattr(module, "body_" + code, b.twenty_blocks(code))
curriculum.add_child(instance=module)
module.save_revision().publish()
get_user_model().objects.create_superuser("bench", "bench@example.org", "{PASSWORD}")
print(module.pk)
"""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
        text=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(defer):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--nothreading",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=environment(defer),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Up to a minute: on a loaded 2-core machine Django's start-up alone can take 10 s.
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")


def wait_for(page, expression, timeout=120):
    """Poll an expression (``wait_for_function`` uses eval, which the admin's CSP forbids)."""
    deadline = time.perf_counter() + timeout
    while not page.evaluate(expression):
        if time.perf_counter() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.02)


BODY_BLOCKS = """(language) => {
  const panel = document.querySelector('#panel-child-content-body_' + language + '-section');
  const stream = panel && panel.querySelector('[data-streamfield-stream-container]');
  return stream ? stream.querySelectorAll(':scope > [data-streamfield-child]').length : 0;
}"""


def measure(browser, base_url, module_id, runs):
    context = browser.new_context(base_url=base_url, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto("/admin/login/")
    page.fill("#id_username", "bench")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    figures = {"usable": [], "load": [], "show ar": []}
    for _ in range(runs):
        start = time.perf_counter()
        page.goto(f"/admin/pages/{module_id}/edit/", wait_until="commit")
        wait_for(page, f"({BODY_BLOCKS})('en') >= 20")
        page.evaluate("1")
        figures["usable"].append(time.perf_counter() - start)
        page.wait_for_load_state("load")
        figures["load"].append(
            page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
        )
        toggle = page.locator("button.locale-toggle", has_text="ar")
        start = time.perf_counter()
        toggle.click()
        wait_for(page, f"({BODY_BLOCKS})('ar') >= 20")
        figures["show ar"].append(time.perf_counter() - start)
        toggle.click()  # hide it again so the next run starts from English alone
    context.close()
    return {name: statistics.median(values) for name, values in figures.items()}


NAVIGATION = """() => {
  const n = performance.getEntriesByType('navigation')[0];
  return [n.responseStart - n.requestStart, n.decodedBodySize, n.loadEventEnd];
}"""
VIEWS = {
    "editor": ("/admin/pages/{id}/edit/", f"({BODY_BLOCKS})('en') >= 20"),
    "translation view": (
        "/admin/translate/{id}/ar/",
        "document.querySelectorAll('.translation-row').length >= 50"
        " && !!document.querySelector('.translation-actions')",
    ),
}


def compare_views(browser, base_url, module_id, runs):
    """{view: {server, html, load, usable}} medians for the editor and the translation view."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto("/admin/login/")
    page.fill("#id_username", "bench")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    results = {}
    for name, (address, ready) in VIEWS.items():
        figures = {"server": [], "html": [], "load": [], "usable": []}
        for _ in range(runs):
            start = time.perf_counter()
            page.goto(address.format(id=module_id), wait_until="commit")
            wait_for(page, ready)
            page.evaluate("1")
            figures["usable"].append(time.perf_counter() - start)
            page.wait_for_load_state("load")
            server, size, load = page.evaluate(NAVIGATION)
            figures["server"].append(server / 1000)
            figures["html"].append(size / 1000)
            figures["load"].append(load / 1000)
        results[name] = {key: statistics.median(values) for key, values in figures.items()}
    context.close()
    return results


def print_comparison(results):
    for name, r in results.items():
        print(
            f"{name:17} server {r['server']:.2f} s   HTML {r['html']:.0f} kB   "
            f"load {r['load']:.2f} s   usable {r['usable']:.2f} s"
        )
    editor, view = results["editor"], results["translation view"]
    print(
        f"translation view / editor: server {view['server'] / editor['server']:.2f}×, "
        f"HTML {view['html'] / editor['html']:.2f}×, "
        f"usable {view['usable'] / editor['usable']:.2f}×"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    module_id = build_database()
    print(f"Module {module_id}: 20 blocks × {len(LANGUAGES)} languages; {args.runs} runs per mode")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for defer in (False, True):
            process, base_url = serve(defer)
            try:
                result = measure(browser, base_url, module_id, args.runs)
                comparison = compare_views(browser, base_url, module_id, args.runs) if defer else {}
            finally:
                process.terminate()
                process.wait()
            label = "dormant editors (default)" if defer else "all editors built (before)"
            print(
                f"{label:28}  usable {result['usable']:.2f} s   load {result['load']:.2f} s   "
                f"show ar {result['show ar']:.2f} s"
            )
            if comparison:
                print_comparison(comparison)
        browser.close()


if __name__ == "__main__":
    main()
