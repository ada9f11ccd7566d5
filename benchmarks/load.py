"""Load benchmark: concurrent trainers, learners and readers against a real gunicorn.

Starts gunicorn on loopback with the production settings and the production config
(pdo_site/gunicorn.conf.py, through benchmarks/load_gunicorn.py, which only adds a
per-request CPU log) on PostgreSQL and Redis with the demo content, then, in one run and
interleaved in time, lets these virtual users loose for --seconds:

- ``--trainers`` (50) trainers, each on a sheet of their own (27 participants × 5 days):
  open the sheet, change a few marks, save (the real form: CSRF token, ``base``, every
  cell); the open and the save are timed apart; a save must answer 302;
- learners submitting the online course's quiz (open it for a token, answer, submit: 200);
- anonymous readers of public pages, cached (``X-Page-Cache: hit``) and uncached (the
  entry deleted in Redis just before the request: ``miss``);
- one probe of ``/healthz`` every 100 ms, the trivial view the others are compared with.

Users are threads spread over a few client processes (http.client, keep-alive). Sessions
are made in the database for the bench users (sign-in is not what is measured). Every
status is checked; errors and timeouts are counted per kind. Reported per kind: p50, p95,
p99 latency, throughput, median server CPU per request (from the workers' threads), and
ratios to /healthz; server CPU (/proc, all gunicorn processes) beside the wall time.

Run by hand: .venv/bin/python benchmarks/load.py [--seconds 60] [--trainers 50]
  [--learners 10] [--readers 10] [--rebuild]
Needs PostgreSQL at 127.0.0.1:5432 (database "scale", built on first run) and Redis db 12.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import load_users

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "load"
TARGET_TRAINER_P95_S = 2.0


def environment(args):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pdo_site.settings.production",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "REDIS_URL": args.redis,
        "SECRET_KEY": "load-benchmark-only-key-" + "x" * 40,
        "PDO_ENCRYPTION_KEYS": "load-benchmark-only-participant-key",
        "PDO_STAFF_MFA_REQUIRED": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(OUT / "static"),
        "MEDIA_ROOT": str(OUT / "media"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "BENCH_CPU_LOG_DIR": str(OUT),
        "PYTHONPATH": str(ROOT),
    }


def manage(env, *command):
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare_database(env, args):
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        exists = c.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [args.database]
        ).fetchone()
        if args.rebuild and exists:
            c.execute(f'DROP DATABASE "{args.database}"')
            exists = None
        if not exists:
            c.execute(f'CREATE DATABASE "{args.database}"')
    dev = {**env, "DJANGO_SETTINGS_MODULE": "pdo_site.settings.dev"}
    manage(dev, "compilemessages", "--ignore=.venv", "-v", "0")
    manage(dev, "migrate", "--noinput", "-v", "0")
    manage(dev, "load_demo", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()


def start_server(env, args):
    for old in OUT.glob("cpu-*.log"):
        old.unlink()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "benchmarks/load_gunicorn.py", "pdo_site.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(OUT / "gunicorn.log", "w"),  # noqa: SIM115
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _headers, _body = load_users.Client("127.0.0.1", args.port).get("/healthz")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.kill()
    raise SystemExit(
        "gunicorn did not answer /healthz within 60 s (benchmarks/out/load/gunicorn.log)"
    )


def process_cpu_seconds(pid):
    """CPU of a process and of its children still running (gunicorn master + workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / tick
    return total


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def server_cpu_by_kind():
    found = {}
    for log in OUT.glob("cpu-*.log"):
        for line in log.read_text().splitlines():
            kind, _, ms = line.partition("\t")
            found.setdefault(kind, []).append(float(ms))
    return found


def report(results, seconds, server_cpu, client_cpu, wall):
    cpu = server_cpu_by_kind()
    empty = {"latency": [], "errors": 0, "error_samples": []}
    base = results.get("/healthz", empty)
    base_p95 = percentile(base["latency"], 0.95)
    base_cpu = statistics.median(cpu.get("/healthz", [1]))
    base_rate = len(base["latency"]) / seconds
    print(
        f"\n{'':20} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7} "
        f"{'CPU ms':>7} {'CPU×':>6} {'p95×':>7}"
    )
    for kind, found in results.items():
        latency = found["latency"]
        kind_cpu = statistics.median(cpu.get(kind, [0]))
        print(
            f"{kind:20} {len(found['latency']):6} {found['errors']:4} "
            f"{percentile(latency, 0.5):8.1f} {percentile(latency, 0.95):8.1f} "
            f"{percentile(latency, 0.99):8.1f} {len(found['latency']) / seconds:7.1f} "
            f"{kind_cpu:7.2f} {kind_cpu / base_cpu:6.1f} "
            f"{percentile(latency, 0.95) / base_p95:7.1f}"
        )
    total = sum(len(found["latency"]) for found in results.values())
    print(
        f"\n{total} requests in {seconds:.0f} s measured ({total / seconds:.1f} req/s); "
        f"server CPU {server_cpu:.1f} s over {wall:.1f} s wall "
        f"({server_cpu / wall:.2f} cores), client processes' CPU {client_cpu:.1f} s"
    )
    for kind, found in results.items():
        if found["error_samples"]:
            print(f"  {kind} errors, e.g.: {found['error_samples'][:3]}")
    saves = results.get("sheet save", empty)["latency"]
    trainer_p95 = percentile(saves, 0.95) / 1000 if saves else float("inf")
    cached = results.get("page cached")
    print(
        f"\nSheet save p95 with the trainers saving at once: {trainer_p95:.2f} s "
        f"(target < {TARGET_TRAINER_P95_S} s: "
        f"{'ok' if trainer_p95 < TARGET_TRAINER_P95_S else 'MISSED'})"
    )
    if cached and cached["latency"]:
        print(
            f"/healthz under this load: p95 {base_p95:.1f} ms, {base['errors']} errors; "
            f"a cached page costs {statistics.median(cpu.get('page cached', [0])) / base_cpu:.1f}× "
            f"its CPU; {base_rate:.1f} probes/s"
        )
    failed = sum(found["errors"] for found in results.values())
    return failed == 0 and trainer_p95 < TARGET_TRAINER_P95_S


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--trainers", type=int, default=50)
    parser.add_argument("--learners", type=int, default=10)
    parser.add_argument("--readers", type=int, default=10, help="half cached, half uncached")
    parser.add_argument("--think", type=float, default=0, help="seconds between a user's actions")
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--database", default="scale")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--port", type=int, default=8210)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    env = environment(args)
    print("Preparing the database (migrate, load_demo, collectstatic)...", flush=True)
    prepare_database(env, args)
    setup_django(env)
    plan = load_users.seed(args)
    server = start_server(env, args)
    try:
        before, wall = process_cpu_seconds(server.pid), time.perf_counter()
        results, client_cpu = load_users.run(plan, args)
        server_cpu, wall = process_cpu_seconds(server.pid) - before, time.perf_counter() - wall
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"{args.trainers} trainers, {args.learners} learners, {args.readers} readers, "
        f"1 /healthz probe; think time {args.think} s; {args.seconds:.0f} s measured after "
        f"{args.warmup:.0f} s warm-up; gunicorn {os.environ.get('GUNICORN_WORKERS', 'default')} "
        f"workers × {os.environ.get('GUNICORN_THREADS', '4')} threads"
    )
    ok = report(results, args.seconds, server_cpu, client_cpu, wall)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    random.seed(14)
    main()
