"""Browser benchmark: how long a user waits for the page editor and the translation view.

Builds a module with 20 blocks filled in all 14 languages in a scratch SQLite database,
serves it (runserver, one process, no threads), signs in as a superuser in headless Chromium
and opens, interleaved run by run:

- (a) the page editor as opened: English only (``?languages=``);
- (b) the editor with Arabic beside English (``?languages=ar``);
- (c) the editor with all 14 languages (for reference);
- (d) the translation view for Arabic (``/admin/translate/<id>/ar/``).

Per case, the median over the runs of: server time (request to first byte of the HTML), HTML
size (bytes received, uncompressed by runserver), time to the load event, time to a usable form
(the HTML parsed, so every input is present; for the editor every shown language's 20
StreamField blocks built; then the main thread answering), the server process's CPU time
(user + system, /proc) over the whole page load, static files included, and the number of
inputs in the main area. One warm-up round is not counted. Every response's status must be
200. Prints ratios (each case / (a), translation view / (b)) and the targets with
pass/fail: editor usable <= 2 s, translation view usable <= 1 s, HTML <= 300 kB.

The languages an author chooses are remembered per user; every address here names them, so the
cases do not depend on each other's order.

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
TARGET_EDITOR_USABLE = 2.0
TARGET_VIEW_USABLE = 1.0
TARGET_HTML_KB = 300


def environment():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="pdo_site.settings.dev",
        DATABASE_URL=f"sqlite:///{DB}",
        DEBUG="false",
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
    env = environment()
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
user = get_user_model().objects.create_superuser("bench", "bench@example.org", "{PASSWORD}")
from pdo_site.staff_auth import ensure_verified_email
ensure_verified_email(user, "bench@example.org")
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


def serve():
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
        env=environment(),
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


def cpu_seconds(pid):
    """User + system CPU time of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(page, expression, timeout=180):
    """Poll an expression (``wait_for_function`` uses eval, which the admin's CSP forbids)."""
    deadline = time.perf_counter() + timeout
    while not page.evaluate(expression):
        if time.perf_counter() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.02)


def editor_ready(languages):
    """Per language: its title input, and its body's 20 blocks built (Wagtail's -count input)."""
    checks = [
        f"!!document.querySelector('#id_title_{code}')"
        f" && Number((document.querySelector('[name=\"body_{code}-count\"]') || {{}}).value) >= 20"
        f" && !!document.querySelector('[name^=\"body_{code}-19-\"]')"
        for code in languages
    ]
    # The whole HTML parsed: every server-rendered input is in the document.
    return "document.readyState !== 'loading' && " + " && ".join(checks)


VIEW_READY = (
    "document.readyState !== 'loading'"
    " && !!document.querySelector('.translation-actions button[type=submit]')"
    " && document.querySelectorAll('.translation-row').length > 0"
    " && document.querySelectorAll('.translation-row').length"
    " === document.querySelectorAll("
    "'.translation-target textarea, .translation-target input').length"
)
CASES = {
    "(a) editor, en": ("/admin/pages/{id}/edit/?languages=", editor_ready(["en"])),
    "(b) editor, en+ar": ("/admin/pages/{id}/edit/?languages=ar", editor_ready(["en", "ar"])),
    "(c) editor, all 14": (
        "/admin/pages/{id}/edit/?languages=" + ",".join(LANGUAGES[1:]),
        editor_ready(LANGUAGES),
    ),
    "(d) translation view, ar": ("/admin/translate/{id}/ar/", VIEW_READY),
}
NAVIGATION = """() => {
  const n = performance.getEntriesByType('navigation')[0];
  const inputs = document.querySelectorAll('main input, main textarea, main select').length;
  return [n.responseStart - n.requestStart, n.encodedBodySize, n.loadEventEnd, inputs];
}"""
FIGURES = ("server", "html", "load", "usable", "cpu", "inputs")


def sign_in(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(180_000)
    page.goto("/admin/login/")
    # Staff sign in on allauth's page with a verified e-mail address (see staff_sign_in).
    page.fill("#id_login", "bench@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def open_once(page, pid, address, ready):
    """{server, html, load, usable, cpu} of one opening of ``address``; raises on a bad status."""
    cpu = cpu_seconds(pid)
    start = time.perf_counter()
    response = page.goto(address, wait_until="commit")
    if response is None or response.status != 200:
        status = response.status if response is not None else "no response"
        raise RuntimeError(f"{address} answered {status}")
    wait_for(page, ready)
    page.evaluate("1")  # the main thread answers
    usable = time.perf_counter() - start
    page.wait_for_load_state("load")
    # Static files still in flight after load are not waited for; the server is idle by now.
    page.wait_for_load_state("networkidle")
    server, size, load, inputs = page.evaluate(NAVIGATION)
    return {
        "server": server / 1000,
        "html": size / 1000,
        "load": load / 1000,
        "usable": usable,
        "cpu": cpu_seconds(pid) - cpu,
        "inputs": inputs,
    }


def measure(browser, base_url, pid, module_id, runs):
    """{case: {figure: [values]}}, the cases interleaved run by run after one warm-up round."""
    context, page = sign_in(browser, base_url)
    results = {name: {key: [] for key in FIGURES} for name in CASES}
    for run in range(runs + 1):
        for name, (address, ready) in CASES.items():
            figures = open_once(page, pid, address.format(id=module_id), ready)
            if run == 0:
                continue
            for key, value in figures.items():
                results[name][key].append(value)
        print(f"  run {run}/{runs} done" if run else "  warm-up done", flush=True)
    context.close()
    return results


def report(results):
    medians = {
        name: {key: statistics.median(values) for key, values in figures.items()}
        for name, figures in results.items()
    }
    print(
        f"{'case':26}{'server':>9}{'HTML':>10}{'load':>9}{'usable':>9}{'srv CPU':>9}{'inputs':>8}"
        "   (medians; usable range)"
    )
    for name, m in medians.items():
        usable = results[name]["usable"]
        print(
            f"{name:26}{m['server']:8.2f}s{m['html']:7.0f} kB{m['load']:8.2f}s"
            f"{m['usable']:8.2f}s{m['cpu']:8.2f}s{m['inputs']:8.0f}"
            f"   ({min(usable):.2f}-{max(usable):.2f} s)"
        )
    names = list(medians)
    base, ar_editor, view = (medians[n] for n in (names[0], names[1], names[3]))
    for name in names[1:]:
        m = medians[name]
        print(
            f"{name} / (a): server {m['server'] / base['server']:.2f}x, "
            f"HTML {m['html'] / base['html']:.2f}x, load {m['load'] / base['load']:.2f}x, "
            f"usable {m['usable'] / base['usable']:.2f}x"
        )
    print(
        f"translation view / editor en+ar: server {view['server'] / ar_editor['server']:.2f}x, "
        f"HTML {view['html'] / ar_editor['html']:.2f}x, "
        f"usable {view['usable'] / ar_editor['usable']:.2f}x"
    )
    print("Targets:")
    for name in names[:2]:
        passed = medians[name]["usable"] <= TARGET_EDITOR_USABLE
        print(
            f"  {name} usable {medians[name]['usable']:.2f} s <= {TARGET_EDITOR_USABLE} s: "
            f"{'pass' if passed else 'FAIL'}"
        )
    passed = view["usable"] <= TARGET_VIEW_USABLE
    print(
        f"  {names[3]} usable {view['usable']:.2f} s <= {TARGET_VIEW_USABLE} s: "
        f"{'pass' if passed else 'FAIL'}"
    )
    for name in (names[0], names[1], names[3]):
        passed = medians[name]["html"] <= TARGET_HTML_KB
        print(
            f"  {name} HTML {medians[name]['html']:.0f} kB <= {TARGET_HTML_KB} kB: "
            f"{'pass' if passed else 'FAIL'}"
        )
    print(f"  ({names[2]} is for reference, without a target.)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    module_id = build_database()
    print(f"Module {module_id}: 20 blocks x {len(LANGUAGES)} languages; {args.runs} runs per case")
    process, base_url = serve()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            results = measure(browser, base_url, process.pid, module_id, args.runs)
            browser.close()
    finally:
        process.terminate()
        process.wait()
    report(results)


if __name__ == "__main__":
    main()
