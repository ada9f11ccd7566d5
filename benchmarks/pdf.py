"""PDF benchmark: the Finland trainer guide through the whole pipeline and plain WeasyPrint.

Builds a scratch SQLite database with the demo content in benchmarks/out/, adds photos
to the Finland modules (so the English trainer guide has 60-odd pages with images), and
prints, for the English and the Arabic guide:

- seconds per document and pages per second: the whole pipeline when no PDF is cached
  (version lookup, print templates, WeasyPrint, storage, bookkeeping) and plain
  WeasyPrint on the same HTML in the same process (images as file:// URLs);
- the time to serve the cached PDF through Django (routing, permission, file);
- peak memory (RSS) of a fresh process that renders the guide;

and the documents per minute that one and two `db_worker` processes render from the queue,
alternating one and two workers round after round, the workers' CPU beside the wall time.

Run by hand: .venv/bin/python benchmarks/pdf.py [--runs 5] [--images-per-module 8] [...]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DB = OUT / "pdf.sqlite3"
MEDIA = OUT / "pdf-media"
CURRICULUM = "pdo-finland"
QUEUE_LANGUAGES = ["en", "fi", "ar", "prs"]
WORKER = ["manage.py", "db_worker", "--backend", "queue", "--batch", "--no-startup-delay"]
TARGETS = {"overhead": 1.2, "cached_ms": 50, "speed_up": 1.5, "peak_mb": 300}


def environment():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pdo_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{DB}",
        "MEDIA_ROOT": str(MEDIA),
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def manage(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), check=True, **kwargs
    )


def step(name, *args):
    """Run one measuring step in a fresh Django process; it prints JSON on its last line."""
    result = subprocess.run(
        [sys.executable, __file__, "--step", name, *args],
        cwd=ROOT,
        env=environment(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Steps, run inside Django ---------------------------------------------------------


def setup_django():
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)


def finland():
    from courses.curricula.models import CurriculumPage

    return CurriculumPage.objects.get(slug=CURRICULUM)


def add_photos(images_per_module):
    """Photos (noisy, so they compress like photos do) after the English headings."""
    import io
    import random

    from PIL import Image as PILImage
    from PIL import ImageFilter

    from django.contrib.auth import get_user_model
    from django.core.files.images import ImageFile

    from wagtail.images.models import Image

    from courses.curricula.models import ModulePage

    random.seed(6)
    images = []
    for number in range(images_per_module):
        picture = PILImage.effect_noise((1600, 1067), 60).convert("RGB")
        tint = PILImage.new("RGB", picture.size, random.choice(["#3a6ea5", "#7a9a3a", "#a5553a"]))
        picture = PILImage.blend(picture, tint, 0.5).filter(ImageFilter.GaussianBlur(1))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        images.append(
            Image.objects.create(
                title=f"Photo {number}", file=ImageFile(buffer, f"photo{number}.jpg")
            )
        )
    for module in ModulePage.objects.child_of(finland()).filter(alias_of__isnull=True):
        blocks, photos = [], iter(images)
        for block in module.body_en.raw_data:
            blocks.append({"type": block["type"], "value": block["value"]})
            if block["type"] in ("heading", "paragraph"):
                image = next(photos, None)
                if image is not None:
                    value = {"image": image.pk, "alt_text": image.title, "caption": image.title}
                    blocks.append({"type": "image", "value": value})
        module.body_en = blocks
        module.save_revision().publish()
    get_user_model().objects.filter(username="bench").delete()
    get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-password-123")
    clear_queue()
    return {"images": len(images)}


def clear_queue():
    from django_tasks_db.models import DBTaskResult

    from materials.models import RenderedDocument

    DBTaskResult.objects.all().delete()
    for document in RenderedDocument.objects.all():
        document.delete()


def measure(language, runs):
    """Pipeline (cold), plain WeasyPrint on the same HTML, and the cached response."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import translation

    from materials import documents, rendering
    from materials.models import RenderedDocument, Variant, default_paper_size

    page = finland()

    def cold():
        for document in RenderedDocument.objects.filter(page=page, language=language):
            document.delete()
        start, cpu = time.perf_counter(), time.process_time()
        document = documents.ensure_built(page, language, Variant.TRAINER)
        cpus["pipeline"].append(time.process_time() - cpu)
        return time.perf_counter() - start, document

    cpus = {"pipeline": [], "plain": []}
    cold()  # warm-up: imports, template loading, image renditions
    _content_key, revision_id = documents.version_of(page)
    html = rendering.render_html(page, Variant.TRAINER, language, revision_id, default_paper_size())
    # Plain WeasyPrint: the same HTML, images as files, WeasyPrint's own URL fetcher.
    html = html.replace(f'src="{settings.MEDIA_URL}', f'src="{Path(settings.MEDIA_ROOT).as_uri()}/')

    def plain_weasyprint():
        start, cpu = time.perf_counter(), time.process_time()
        HTML(string=html).write_pdf(font_config=FontConfiguration())
        cpus["plain"].append(time.process_time() - cpu)
        return time.perf_counter() - start

    # Alternated, so both see the same load from whatever else the machine runs.
    pipeline, plain, document = [], [], None
    cpus["pipeline"].clear()
    for _ in range(runs):
        seconds, document = cold()
        pipeline.append(seconds)
        plain.append(plain_weasyprint())

    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="bench"))
    with translation.override(language):
        url = page.pdf_url(Variant.TRAINER)
    cached = []
    for _ in range(30):
        start = time.perf_counter()
        response = client.get(url, follow=True)  # the page's pdf/ URL redirects to the file
        body = b"".join(response.streaming_content)
        cached.append(time.perf_counter() - start)
        assert response.status_code == 200 and body.startswith(b"%PDF"), response.status_code
    cached.sort()
    return {
        "pages": document.page_count,
        "pipeline": statistics.median(pipeline),
        "plain": statistics.median(plain),
        "pipeline_cpu": statistics.median(cpus["pipeline"]),
        "plain_cpu": statistics.median(cpus["plain"]),
        "pipeline_min": min(pipeline),
        "plain_min": min(plain),
        "cached_median_ms": statistics.median(cached) * 1000,
        "cached_p95_ms": cached[int(len(cached) * 0.95) - 1] * 1000,
        "bytes": len(body),
    }


def memory(language):
    """Peak RSS of this process rendering the guide (Django and WeasyPrint loaded)."""
    import resource

    import weasyprint  # noqa: F401  (loaded before the baseline)

    from materials import documents
    from materials.models import RenderedDocument, Variant

    page = finland()
    for document in RenderedDocument.objects.filter(page=page, language=language):
        document.delete()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    document = documents.ensure_built(page, language, Variant.TRAINER)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"baseline_mb": baseline, "peak_mb": peak, "pages": document.page_count}


def queue_documents():
    """Queue the trainer guides of the curriculum and each module in a few languages."""
    from materials import tasks
    from materials.models import Variant

    clear_queue()
    page = finland()
    pages = [page, *page.print_parts()]
    queued = [
        tasks.request_document(target, language, Variant.TRAINER, waiting=False)
        for language in QUEUE_LANGUAGES
        for target in pages
    ]
    return {"documents": len(queued)}


def queue_stats():
    from django.db.models import Max, Min, Sum

    from materials.models import RenderedDocument

    done = RenderedDocument.objects.filter(status="ready")
    figures = done.aggregate(
        start=Min("started_at"), end=Max("finished_at"), pages=Sum("page_count")
    )
    return {
        "ready": done.count(),
        "not_ready": RenderedDocument.objects.exclude(status="ready").count(),
        "busy_seconds": (figures["end"] - figures["start"]).total_seconds(),
        "pages": figures["pages"],
    }


STEPS = {
    "add-photos": lambda args: add_photos(int(args[0])),
    "measure": lambda args: measure(args[0], int(args[1])),
    "memory": lambda args: memory(args[0]),
    "queue": lambda args: queue_documents(),
    "queue-stats": lambda args: queue_stats(),
}


# --- Orchestration ----------------------------------------------------------------------


def build_database(images_per_module):
    OUT.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    shutil.rmtree(MEDIA, ignore_errors=True)
    manage("migrate", "--noinput", "-v", "0", stdout=subprocess.DEVNULL)
    manage("load_demo", stdout=subprocess.DEVNULL)
    return step("add-photos", str(images_per_module))


def run_workers(count):
    """Wall and CPU time (the workers', from the kernel) of `count` db_worker processes
    draining the same queue, and the time from the first start to the last finish."""
    import resource

    queued = step("queue")["documents"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    workers = [
        subprocess.Popen(
            [sys.executable, *WORKER, "--no-reload", "--worker-id", f"bench-{n}"],
            cwd=ROOT,
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(count)
    ]
    for worker in workers:
        assert worker.wait() == 0, worker.returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = step("queue-stats")
    assert stats["ready"] == queued and not stats["not_ready"], stats
    return {"documents": queued, "wall": wall, "cpu": cpu, **stats}


def verdict(ok):
    return "ok" if ok else "MISSED"


def report_guide(language, runs):
    m = step("measure", language, str(runs))
    memory_used = step("memory", language)
    ratio = m["pipeline"] / m["plain"]
    cached = f"{m['cached_median_ms']:.1f}/{m['cached_p95_ms']:.1f} ms"
    print(
        f"Finland, {language:7} {m['pages']:5} {m['pipeline']:8.2f}s {m['plain']:8.2f}s "
        f"{ratio:5.2f}× {m['pages'] / m['pipeline']:8.1f} {cached:>15} "
        f"{memory_used['peak_mb']:6.0f} MB"
    )
    best_ratio = m["pipeline_min"] / m["plain_min"]
    cpu_ratio = m["pipeline_cpu"] / m["plain_cpu"]
    print(
        " " * 17 + f"CPU: pipeline {m['pipeline_cpu']:.2f} s, plain {m['plain_cpu']:.2f} s, "
        f"{cpu_ratio:.2f}× (in this process; wall medians swing with the machine's load)"
    )
    checks = [
        f"pipeline ≤ {TARGETS['overhead']}× plain: {verdict(ratio <= TARGETS['overhead'])}"
        f" (fastest runs: {best_ratio:.2f}×)",
        f"cached p95 < {TARGETS['cached_ms']} ms: "
        + verdict(m["cached_p95_ms"] < TARGETS["cached_ms"]),
        f"peak < {TARGETS['peak_mb']} MB: {verdict(memory_used['peak_mb'] < TARGETS['peak_mb'])}"
        f" (process before rendering: {memory_used['baseline_mb']:.0f} MB)",
    ]
    print(" " * 17 + "; ".join(checks))


def report_queue(rounds):
    """One and two workers alternate, round after round (1, 2, then 2, 1, ...), so both
    see the same load from whatever else the machine runs; medians over the rounds."""
    languages = ", ".join(QUEUE_LANGUAGES)
    print(f"\nQueue: trainer guides of the curriculum and its modules in {languages}")
    results = {1: [], 2: []}
    for number in range(rounds):
        for count in (1, 2) if number % 2 == 0 else (2, 1):
            results[count].append(run_workers(count))
    medians = {}
    for count, runs in results.items():
        m = medians[count] = {
            key: statistics.median([r[key] for r in runs])
            for key in ("wall", "cpu", "busy_seconds")
        }
        documents, pages = runs[0]["documents"], runs[0]["pages"]
        print(
            f"{count} worker(s): {documents} documents, {pages} pages; median of {len(runs)}: "
            f"{m['wall']:.1f} s wall, {m['busy_seconds']:.1f} s first start to last finish, "
            f"{m['cpu']:.1f} s CPU; {documents / m['wall'] * 60:.0f} documents/min"
        )
    speed_up = medians[1]["wall"] / medians[2]["wall"]
    busy_speed_up = medians[1]["busy_seconds"] / medians[2]["busy_seconds"]
    cpu_ratio = medians[2]["cpu"] / medians[1]["cpu"]
    print(
        f"Two workers: {speed_up:.2f}× one (wall), {busy_speed_up:.2f}× (busy), "
        f"{cpu_ratio:.2f}× the CPU for the same documents; "
        f"target ≥ {TARGETS['speed_up']}×: {verdict(speed_up >= TARGETS['speed_up'])}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--images-per-module", type=int, default=8)
    parser.add_argument("--queue-rounds", type=int, default=2)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.step:
        setup_django()
        print(json.dumps(STEPS[args.step](rest), default=str))
        return

    print("Building the scratch database (demo content and photos)...")
    photos = build_database(args.images_per_module)
    print(f"{photos['images']} photos in the English Finland modules; {args.runs} runs each.\n")
    columns = [("pages", 5), ("pipeline", 9), ("plain WP", 9), ("ratio", 6), ("pages/s", 8)]
    columns += [("cached p50/p95", 15), ("peak RSS", 9)]
    print(f"{'Trainer guide':16} " + " ".join(f"{name:>{width}}" for name, width in columns))
    for language in ("en", "ar"):
        report_guide(language, args.runs)
    report_queue(args.queue_rounds)


if __name__ == "__main__":
    main()
