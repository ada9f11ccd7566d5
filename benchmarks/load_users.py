"""The virtual users of benchmarks/load.py: the data they need (made in the database
before the server starts), their HTTP client, and the processes and threads they run in."""

import html
import http.client
import multiprocessing
import random
import re
import resource
import threading
import time
import urllib.parse

SHEET_PARTICIPANTS, SHEET_DAYS = 27, 5
SELECT = re.compile(r'<select [^>]*name="(mark-[^"]+)"[^>]*>(.*?)</select>', re.S)
SELECTED = re.compile(r'<option value="([^"]*)"[^>]*\bselected')
SCORE = re.compile(r'<input [^>]*name="((?:pre|post)-\d+)"[^>]*value="([^"]*)"')
HIDDEN = re.compile(
    r'<input type="hidden" name="(base|csrfmiddlewaretoken|token|language)" value="([^"]*)"'
)
ANSWER = re.compile(r'name="(answer-[^"]+)" value="(\d+)"')


class Client:
    """One keep-alive connection with a cookie jar, like one browser tab."""

    def __init__(self, host, port, cookies=None, timeout=30):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies = dict(cookies or {})
        self.connection = None

    def request(self, method, path, body=None, kind="-"):
        headers = {"Host": f"{self.host}:{self.port}", "X-Bench-Kind": kind}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # a kept-alive connection the server closed: open a new one
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
                continue
            except OSError:
                self.connection.close()
                self.connection = None
                raise
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie = value.split(";", 1)[0]
                    key, _, val = cookie.partition("=")
                    self.cookies[key.strip()] = val.strip()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, content
        raise AssertionError("unreachable")

    def get(self, path, kind="-"):
        return self.request("GET", path, kind=kind)

    def post(self, path, data, kind="-"):
        return self.request("POST", path, body=data, kind=kind)


def sheet_form(page, rng):
    """The save form as the browser sends it, with a tenth of the marks changed."""
    data = {name: html.unescape(value) for name, value in HIDDEN.findall(page)}
    data["action"] = "save"
    marks = {}
    for name, options in SELECT.findall(page):
        chosen = SELECTED.search(options)
        marks[name] = chosen.group(1) if chosen else ""
    for name in rng.sample(sorted(marks), k=max(1, len(marks) // 10)):
        marks[name] = rng.choice([s for s in ("present", "late", "absent") if s != marks[name]])
    data.update(marks)
    data.update(SCORE.findall(page))
    return data


def quiz_form(page, rng):
    data = {name: html.unescape(value) for name, value in HIDDEN.findall(page)}
    options = {}
    for name, value in ANSWER.findall(page):
        options.setdefault(name, []).append(value)
    data.update({name: rng.choice(values) for name, values in options.items()})
    return data


def signed_in(user):
    """A session for ``user``, as django.contrib.auth.login leaves it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"sessionid": session.session_key}


def seed(args):
    """Trainers with a sheet each, learners ready for the quiz, the public URLs; kept in
    the database between runs (the bench users are found again by name)."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import caches
    from django.db import connections
    from django.test import RequestFactory
    from django.urls import reverse
    from django.utils import timezone, translation

    from courses.curricula.models import CurriculumPage, ModulePage
    from courses.learning import lessons
    from courses.learning.models import Certificate, CourseSettings
    from courses.training.models import Location, TrainingSession
    from pdo_site import page_cache
    from pdo_site.roles import TRAINERS
    from tests.training.factories import fill_session

    User = get_user_model()
    curriculum = CurriculumPage.objects.live().filter(audience="refugees").first()
    camp, _ = Location.objects.get_or_create(
        country="Turkey", site_name="Load benchmark camp", defaults={"kind": "camp"}
    )
    trainers = []
    for n in range(args.trainers):
        user, _ = User.objects.get_or_create(username=f"bench.trainer.{n:02d}")
        user.groups.add(Group.objects.get(name=TRAINERS))
        camp.trainers.add(user)
        session = TrainingSession.objects.filter(location=camp, trainers=user).first()
        if session is None:
            session = TrainingSession.objects.create(
                curriculum=curriculum,
                location=camp,
                delivery_language="ar",
                destination=curriculum.destination,
            )
            session.trainers.add(user)
            start = timezone.localdate() - datetime.timedelta(days=SHEET_DAYS + 2)
            fill_session(
                session,
                participants=SHEET_PARTICIPANTS,
                days=SHEET_DAYS,
                start=start,
                reference=lambda i, s=session.pk: f"LOD-26-{s:03d}{i:03d}",
            )
        url = reverse("training:attendance", args=[session.pk])
        trainers.append((signed_in(user), url))

    course = CurriculumPage.objects.live().filter(online_course=True).first()
    CourseSettings.objects.update_or_create(course=course, defaults={"max_quiz_attempts": None})
    with translation.override("en"):
        quiz_url = reverse("learning:quiz", args=[course.slug])
    learners = []
    for n in range(args.learners):
        user, _ = User.objects.get_or_create(
            username=f"bench.learner.{n:02d}", defaults={"email": f"learner{n}@example.org"}
        )
        enrolment = lessons.enrol(user, course)
        # A learner who passed gets no quiz form: every run starts without certificates.
        Certificate.objects.filter(learner=user, course=course).delete()
        for lesson in course.modules:
            lessons.complete_lesson(enrolment, lesson, {})
        learners.append((signed_in(user), quiz_url))

    modules = list(ModulePage.objects.live().filter(alias_of__isnull=True))
    cached = ["/en/", curriculum.url, modules[0].url]
    with translation.override("ar"):
        cached.append(modules[0].get_url())
    uncached = [m.url for m in modules[1:]]
    factory = RequestFactory(HTTP_HOST=f"127.0.0.1:{args.port}")
    pages = caches[page_cache.CACHE_ALIAS]
    keys = {url: pages.make_key(page_cache.request_key(factory.get(url))) for url in uncached}
    connections.close_all()
    return {"trainers": trainers, "learners": learners, "cached": cached, "uncached": keys}


def timed(record, client, method, path, kind, expect, data=None, cache=None):
    started = time.time()
    began = time.perf_counter()
    try:
        if method == "GET":
            status, headers, body = client.get(path, kind=kind)
        else:
            status, headers, body = client.post(path, data, kind=kind)
    except OSError as error:  # timeouts included
        record(kind, started, (time.perf_counter() - began) * 1000, f"{type(error).__name__}")
        return None
    latency = (time.perf_counter() - began) * 1000
    problem = None
    if status != expect:
        problem = f"status {status}"
    elif cache and headers.get("x-page-cache") != cache:
        problem = f"X-Page-Cache {headers.get('x-page-cache')}"
    record(kind, started, latency, problem)
    return body.decode("utf-8", "replace") if problem is None else None


def trainer(record, client, rng, plan_item, stop):
    _cookies, url = plan_item
    page = timed(record, client, "GET", url, "sheet open", 200)
    if page is not None:
        timed(record, client, "POST", url, "sheet save", 302, data=sheet_form(page, rng))


def learner(record, client, rng, plan_item, stop):
    _cookies, url = plan_item
    page = timed(record, client, "GET", url, "quiz open", 200)
    if page is not None and 'name="token"' in page:  # no form once the learner has passed
        timed(record, client, "POST", url, "quiz submit", 200, data=quiz_form(page, rng))


def user_thread(role, plan_item, args, start_at, stop_at, results, lock, seed):
    import redis

    rng = random.Random(seed)
    cookies = plan_item[0] if role in ("trainer", "learner") else None
    client = Client("127.0.0.1", args.port, cookies)
    store = redis.Redis.from_url(args.redis) if role == "uncached" else None
    measured_from = start_at + args.warmup

    def record(kind, started, latency, problem):
        if started < measured_from:
            return
        with lock:
            found = results.setdefault(kind, {"latency": [], "errors": 0, "error_samples": []})
            if problem:
                found["errors"] += 1
                found["error_samples"].append(problem)
            else:
                found["latency"].append(latency)

    time.sleep(max(0, start_at - time.time()) + rng.random() * 0.5)
    n = 0
    while time.time() < stop_at:
        n += 1
        if role == "trainer":
            trainer(record, client, rng, plan_item, stop_at)
        elif role == "learner":
            learner(record, client, rng, plan_item, stop_at)
        elif role == "cached":
            timed(
                record,
                client,
                "GET",
                plan_item[n % len(plan_item)],
                "page cached",
                200,
                cache="hit",
            )
        elif role == "uncached":
            url, key = plan_item[n % len(plan_item)]
            store.delete(key)
            timed(record, client, "GET", url, "page uncached", 200, cache="miss")
        elif role == "healthz":
            timed(record, client, "GET", "/healthz", "/healthz", 200)
            time.sleep(0.1)
        if args.think and role in ("trainer", "learner"):
            time.sleep(args.think * (0.5 + rng.random()))


def client_process(users, args, start_at, stop_at, queue):
    results, lock = {}, threading.Lock()
    threads = [
        threading.Thread(
            target=user_thread, args=(role, item, args, start_at, stop_at, results, lock, seed)
        )
        for seed, (role, item) in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    queue.put((results, usage.ru_utime + usage.ru_stime))


def run(plan, args):
    """Every user, spread over ``args.processes`` client processes; merged results."""
    warm = Client("127.0.0.1", args.port)
    for url in plan["cached"] * 2:
        status, _headers, _body = warm.get(url)
        assert status == 200, (url, status)
    users = [("trainer", item) for item in plan["trainers"]]
    users += [("learner", item) for item in plan["learners"]]
    uncached = sorted(plan["uncached"].items())
    half = args.readers // 2
    users += [("cached", plan["cached"]) for _ in range(args.readers - half)]
    users += [("uncached", uncached[n::half]) for n in range(half) if uncached[n::half]]
    users.append(("healthz", None))
    numbered = list(enumerate(users))
    start_at = time.time() + 2
    stop_at = start_at + args.warmup + args.seconds
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [
        context.Process(
            target=client_process,
            args=(numbered[n :: args.processes], args, start_at, stop_at, queue),
        )
        for n in range(args.processes)
    ]
    for process in processes:
        process.start()
    merged, client_cpu = {}, 0.0
    for _process in processes:
        results, cpu = queue.get(timeout=args.warmup + args.seconds + 120)
        client_cpu += cpu
        for kind, found in results.items():
            into = merged.setdefault(kind, {"latency": [], "errors": 0, "error_samples": []})
            into["latency"] += found["latency"]
            into["errors"] += found["errors"]
            into["error_samples"] += found["error_samples"]
    for process in processes:
        process.join()
    order = ["/healthz", "page cached", "page uncached", "sheet open", "sheet save"]
    order += ["quiz open", "quiz submit"]
    return {kind: merged[kind] for kind in order if kind in merged}, client_cpu
