"""Page benchmark: a trivial view beside the public pages, cached and uncached, in one run.

Builds (once; --rebuild to start over) a scratch SQLite database with the demo content in
benchmarks/out/, then calls Django's WSGI handler in this process, the way a server does
(no test client, whose template instrumentation would inflate page times), for:

- a trivial view (``HttpResponse("ok")`` behind the whole middleware stack) and /healthz;
- the home page, a module page (English and Arabic) and a curriculum page, each
  *uncached* (its page-cache entry deleted before every request, so the page is routed,
  rendered and stored) and *cached* (a hit);
- the module's handout PDF, built once, at its content-addressed URL (the file from
  storage) and at the page's ``pdf/`` URL (a redirect there).

The targets interleave request by request, so all of them see the same load from
whatever else the machine runs. Every response's status is checked (and the cache's
``X-Page-Cache`` header for the cached and uncached sides). CPU time (process_time)
is printed beside wall time, as medians, with ratios to the trivial view.

Run by hand: .venv/bin/python benchmarks/pages.py [--runs 200] [--rebuild]
  [--page-cache-url redis://127.0.0.1:6379/4] [--profile module]
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DB = OUT / "pages.sqlite3"
TARGETS = {"uncached_module_cpu": 25, "cached_throughput": 0.4, "pdf_cpu": 3}


def environment(page_cache_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pdo_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{DB}",
        "MEDIA_ROOT": str(OUT / "pages-media"),
        "PAGE_CACHE_URL": page_cache_url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "*",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def build_database(env):
    OUT.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.urls import path

    import pdo_site.urls

    # The project's URLs plus the trivial view, behind the same middleware.
    module = type(sys)("pages_bench_urls")
    module.urlpatterns = [path("trivial/", trivial), *pdo_site.urls.urlpatterns]
    sys.modules["pages_bench_urls"] = module
    settings.ROOT_URLCONF = "pages_bench_urls"
    settings.DEBUG = False


class Caller:
    """Calls the WSGI handler with a plain GET, like a server; returns (status, headers, body)."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        self.handler = WSGIHandler()
        self.factory = RequestFactory(HTTP_HOST="localhost")

    def __call__(self, url):
        path, _, query = url.partition("?")
        environ = self.factory._base_environ(PATH_INFO=path, QUERY_STRING=query)
        status_headers = {}

        def start_response(status, headers, exc_info=None):
            status_headers["status"] = int(status.split()[0])
            status_headers["headers"] = dict(headers)

        result = self.handler(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        return status_headers["status"], status_headers["headers"], body


def targets():
    """(name, url, before each request, expected status, expected X-Page-Cache)."""
    from django.core.cache import caches
    from django.test import RequestFactory
    from django.utils import translation

    from courses.curricula.models import CurriculumPage, ModulePage
    from pdo_site import page_cache

    curriculum = CurriculumPage.objects.live().filter(destination="finland").first()
    module = ModulePage.objects.live().child_of(curriculum).first()
    pages = {"home": "/en/", "curriculum": curriculum.url, "module": module.url}
    with translation.override("ar"):
        pages["module (ar)"] = module.specific.get_url()
    factory = RequestFactory(HTTP_HOST="localhost")

    def forget(url):
        key = page_cache.request_key(factory.get(url))
        return lambda: caches[page_cache.CACHE_ALIAS].delete(key)

    found = [
        ("trivial view", "/trivial/", None, 200, None),
        ("/healthz", "/healthz", None, 200, None),
    ]
    for name, url in pages.items():
        found.append((f"{name} uncached", url, forget(url), 200, "miss"))
        found.append((f"{name} cached", url, None, 200, "hit"))
    from materials import documents
    from materials.models import Variant

    handout = documents.ensure_built(module.specific, "en", Variant.HANDOUT)  # once; then kept
    found.append(("PDF stored file", documents.stored_url(handout), None, 200, None))
    with translation.override("en"):
        found.append(("PDF page URL (302)", module.specific.pdf_url("handout"), None, 302, None))
    return found


def measure(runs):
    caller = Caller()
    plan = targets()
    for _name, url, _before, _status, _hit in plan * 3:  # warm-up; fills the cache
        caller(url)
    samples = {name: ([], []) for name, *_ in plan}
    for _ in range(runs):
        order = plan[:]
        random.shuffle(order)
        for name, url, before, expected, hit in order:
            if before:
                before()
            wall, cpu = time.perf_counter(), time.process_time()
            status, headers, _body = caller(url)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            assert status == expected, (name, status)
            assert hit is None or headers.get("X-Page-Cache") == hit, (name, headers)
            samples[name][0].append(wall * 1000)
            samples[name][1].append(cpu * 1000)
    return samples


def queries_per_request():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caller = Caller()
    counts = {}
    for name, url, before, _status, _hit in targets():
        caller(url)  # warm: the language menu's URLs are kept per page version
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            caller(url)
        counts[name] = len(captured)
    return counts


def report(samples, counts):
    base_wall = statistics.median(samples["trivial view"][0])
    base_cpu = statistics.median(samples["trivial view"][1])
    print(
        f"{'':22} {'wall p50':>9} {'wall p95':>9} {'CPU p50':>8} {'CPU×':>6} "
        f"{'req/s×':>7} {'queries':>8}"
    )
    for name, (walls, cpus) in samples.items():
        walls = sorted(walls)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(
            f"{name:22} {wall:7.2f}ms {walls[int(len(walls) * 0.95) - 1]:7.2f}ms "
            f"{cpu:6.2f}ms {cpu / base_cpu:6.1f} {base_wall / wall:7.2f} {counts.get(name, 0):8}"
        )
    module_cpu = statistics.median(samples["module uncached"][1]) / base_cpu
    cached = base_wall / statistics.median(samples["module cached"][0])
    arabic = statistics.median(samples["module (ar) uncached"][1]) / statistics.median(
        samples["module uncached"][1]
    )
    print(
        f"\nUncached module page: {module_cpu:.1f}× the trivial view's CPU "
        f"(target ≤ {TARGETS['uncached_module_cpu']}×: "
        f"{'ok' if module_cpu <= TARGETS['uncached_module_cpu'] else 'MISSED'})"
    )
    print(
        f"Cached module page: {cached:.2f}× the trivial view's throughput "
        f"(target ≥ {TARGETS['cached_throughput']}×: "
        f"{'ok' if cached >= TARGETS['cached_throughput'] else 'MISSED'})"
    )
    print(f"Arabic module page, uncached: {arabic:.2f}× the English one's CPU")
    pdf = statistics.median(samples["PDF stored file"][1]) / base_cpu
    print(
        f"Built PDF from storage: {pdf:.1f}× the trivial view's CPU "
        f"(target ≤ {TARGETS['pdf_cpu']}×: {'ok' if pdf <= TARGETS['pdf_cpu'] else 'MISSED'})"
    )


def profile(name):
    from pyinstrument import Profiler

    caller = Caller()
    plan = {target[0]: target for target in targets()}
    _name, url, before, _status, _hit = plan[name]
    caller(url)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(30):
        if before:
            before()
        caller(url)
    profiler.stop()
    show_all = os.environ.get("PROFILE_ALL") == "1"  # every frame, not only the project's
    print(profiler.output_text(unicode=True, color=False, show_all=show_all))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--page-cache-url", default="redis://127.0.0.1:6379/4")
    parser.add_argument(
        "--profile", help="profile 30 requests of one target, e.g. 'module uncached'"
    )
    args = parser.parse_args()
    env = environment(args.page_cache_url)
    if args.rebuild or not DB.exists():
        print("Building the scratch database (migrate, load_demo)...", flush=True)
        build_database(env)
    setup_django(env)
    if args.profile:
        profile(args.profile)
        return
    counts = queries_per_request()
    print(f"{args.runs} requests per target, interleaved; page cache at {args.page_cache_url}\n")
    report(measure(args.runs), counts)


if __name__ == "__main__":
    main()
