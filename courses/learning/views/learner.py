"""Online courses for learners: catalogue, dashboard, lessons, quiz, certificates, own data."""

import json

from allauth.account.models import EmailAddress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.learning import lessons
from courses.learning import quiz as quizzes
from courses.learning.certificates import issuing_organisation, render_certificate_pdf
from courses.learning.forms import DeleteAccountForm
from courses.learning.models import Certificate, CourseEnrolment, CourseSettings
from courses.learning.privacy import delete_learner
from pdo_site.translated_fields import SOURCE_LANGUAGE


def course_or_404(slug):
    """The course whose slug in the active language is ``slug``, else whose source slug is.

    A language without a slug of its own reads the course under the source slug, and a
    language prefix swapped onto the English path still finds the course (the views then
    redirect to the translated slug where there is one).
    """
    courses = lessons.online_courses()
    translated = courses.filter(**{f"slug_{translation.get_language()}": slug}).first()
    return translated or get_object_or_404(courses, **{f"slug_{SOURCE_LANGUAGE}": slug})


def lesson_or_404(course, lesson_slug):
    for lesson in course.modules:
        if lesson_slug in (lesson.slug, getattr(lesson, f"slug_{SOURCE_LANGUAGE}")):
            return lesson
    raise Http404


def canonical_redirect(request, view, **slugs):
    """Send a GET under a non-canonical slug to the URL the site links to."""
    url = reverse(view, kwargs=slugs)
    if request.method == "GET" and url != request.path:
        query = request.META.get("QUERY_STRING")
        return redirect(f"{url}?{query}" if query else url)
    return None


def enrolment_or_404(user, course):
    return get_object_or_404(CourseEnrolment.objects.for_learner(user), course=course)


def catalogue(request):
    courses = list(lessons.online_courses())
    enrolled = set()
    if request.user.is_authenticated:
        enrolled = set(
            CourseEnrolment.objects.for_learner(request.user).values_list("course_id", flat=True)
        )
    return render(request, "learning/catalogue.html", {"courses": courses, "enrolled": enrolled})


@login_required
def dashboard(request):
    enrolments = list(CourseEnrolment.objects.for_learner(request.user).select_related("course"))
    rows = []
    for enrolment in enrolments:
        course = enrolment.course.specific
        enrolment.course = course
        certificate = Certificate.objects.filter(learner=request.user, course=course).first()
        rows.append(
            {
                "enrolment": enrolment,
                "course": course,
                "progress": lessons.progress_percent(enrolment),
                "next_lesson": lessons.next_lesson(enrolment),
                "certificate": certificate,
            }
        )
    return render(request, "learning/dashboard.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def course_home(request, slug):
    course = course_or_404(slug)
    if moved := canonical_redirect(request, "learning:course", slug=course.slug):
        return moved
    enrolment = None
    if request.user.is_authenticated:
        enrolment = CourseEnrolment.objects.for_learner(request.user).filter(course=course).first()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        enrolment = lessons.enrol(request.user, course)
        messages.success(request, _("You are enrolled. Start with the first lesson."))
        return redirect(request.path)
    modules = course.modules
    done = lessons.completed_lesson_ids(enrolment) if enrolment else set()
    return render(
        request,
        "learning/course.html",
        {
            "course": course,
            "enrolment": enrolment,
            "lessons": [(lesson, lesson.pk in done) for lesson in modules],
            "progress": lessons.progress_percent(enrolment, modules) if enrolment else 0,
            "all_done": bool(modules) and all(lesson.pk in done for lesson in modules),
            "certificate": Certificate.objects.filter(learner=request.user, course=course).first()
            if enrolment
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson(request, slug, lesson_slug):
    course = course_or_404(slug)
    lesson = lesson_or_404(course, lesson_slug)
    if moved := canonical_redirect(
        request, "learning:lesson", slug=course.slug, lesson_slug=lesson.slug
    ):
        return moved
    enrolment = enrolment_or_404(request.user, course)
    if not lessons.may_open(enrolment, lesson):
        messages.info(
            request, _("Take the lessons in order: this one opens after the ones before it.")
        )
        return redirect("learning:course", slug=course.slug)
    questions = lessons.lesson_questions(lesson)
    results = None
    if request.method == "POST":
        answers = {q.key: request.POST.get(f"answer-{q.key}", "") for q in questions}
        missing = [q for q in questions if not answers[q.key]]
        if missing:
            messages.error(request, _("Answer every question to complete the lesson."))
            results = None
        else:
            lessons.complete_lesson(enrolment, lesson, answers)
            results = lessons.grade(questions, answers)
            messages.success(request, _("Lesson complete."))
    return render(
        request,
        "learning/lesson.html",
        {
            "course": course,
            "page": lesson,
            "lesson": lesson,
            "questions": questions,
            "results": results,
            "submitted": request.POST if request.method == "POST" else {},
            "next_lesson": lessons.next_lesson(enrolment) if results else None,
            "learner_mode": True,
            "show_trainer_notes": False,
            "destination": course.destination,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request, slug):
    course = course_or_404(slug)
    if moved := canonical_redirect(request, "learning:quiz", slug=course.slug):
        return moved
    enrolment = enrolment_or_404(request.user, course)
    if lessons.next_lesson(enrolment) is not None:
        messages.info(request, _("Complete every lesson before the quiz."))
        return redirect("learning:course", slug=course.slug)
    left = quizzes.attempts_left(enrolment)
    attempt = results = None
    if request.method == "POST":
        if left == 0:
            messages.error(request, _("You have used all your quiz attempts."))
            return redirect("learning:course", slug=course.slug)
        language = request.POST.get("language", translation.get_language())
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        token = request.POST.get("token", "")
        if not quizzes.valid_token(token):
            messages.error(request, _("This quiz form was not sent as given. Please answer again."))
            return redirect("learning:quiz", slug=course.slug)
        try:
            attempt = quizzes.submit_quiz(enrolment, request.POST, language, token)
        except quizzes.NoAttemptsLeft:
            messages.error(request, _("You have used all your quiz attempts."))
            return redirect("learning:course", slug=course.slug)
        except quizzes.UnknownDraw:
            messages.error(request, _("This quiz form has expired. Please answer again."))
            return redirect("learning:quiz", slug=course.slug)
        results = quizzes.attempt_results(attempt)
        left = quizzes.attempts_left(enrolment)
    certificate = Certificate.objects.filter(learner=request.user, course=course).first()
    draw = None
    if left != 0 and not certificate and not (attempt and attempt.passed):
        draw = quizzes.open_draw(enrolment)
    return render(
        request,
        "learning/quiz.html",
        {
            "course": course,
            "questions": quizzes.drawn_questions(draw.questions) if draw else [],
            "attempt": attempt,
            "results": results,
            "attempts_left": left,
            "course_settings": CourseSettings.for_course(course),
            "token": draw.token if draw else "",
            "certificate": certificate,
        },
    )


@login_required
def certificate_pdf(request, code):
    certificate = get_object_or_404(Certificate.objects.for_learner(request.user), code=code)
    if certificate.status != Certificate.Status.VALID:
        # A revoked or expired certificate gets no fresh PDF saying "valid until ...".
        return render(
            request,
            "learning/certificate_unavailable.html",
            {"certificate": certificate},
            status=410,
        )
    response = HttpResponse(render_certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{code[:8]}.pdf"'
    return response


def verify_certificate(request, code):
    certificate = get_object_or_404(Certificate, code=code)
    return render(
        request,
        "learning/verify.html",
        {"certificate": certificate, "organisation": issuing_organisation()},
    )


@login_required
def your_data(request):
    """The privacy notice the learner agreed to, with their data's download and deletion."""
    profile = getattr(request.user, "learner_profile", None)
    return render(request, "learning/your_data.html", {"profile": profile})


@login_required
def my_data(request):
    """Everything the platform holds about the learner, as JSON."""
    user = request.user
    profile = getattr(user, "learner_profile", None)
    data = {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": {
            "full_name": profile.full_name,
            "profession": profile.profession,
            "organisation": profile.organisation,
            "country": profile.country,
            "preferred_language": profile.preferred_language,
            "privacy_consent_at": profile.privacy_consent_at.isoformat()
            if profile.privacy_consent_at
            else None,
        }
        if profile
        else None,
        "enrolments": [
            {
                "course": e.course.title,
                "enrolled_at": e.enrolled_at.isoformat(),
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
                "lessons_completed": [
                    {
                        "lesson": p.lesson.title,
                        "completed_at": p.completed_at.isoformat(),
                        "answers": p.answers,
                    }
                    for p in e.lessons.select_related("lesson")
                ],
                "quiz_attempts": [
                    {
                        "submitted_at": a.submitted_at.isoformat(),
                        "score_percent": a.score_percent,
                        "passed": a.passed,
                        "language": a.answers.get("language"),
                        "answers": a.answers.get("answers", {}),
                    }
                    for a in e.quiz_attempts.all()
                ],
            }
            for e in CourseEnrolment.objects.for_learner(user).select_related("course")
        ],
        "certificates": [
            {
                "course": c.course_title,
                "issued_on": c.issued_on.isoformat(),
                "valid_until": c.valid_until.isoformat() if c.valid_until else None,
                "status": c.status,
                "verification_code": c.code,
            }
            for c in Certificate.objects.for_learner(user)
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_learner(user)
        messages.success(request, _("Your account and your data have been deleted."))
        return redirect("learning:catalogue")
    return render(request, "learning/delete_account.html", {"form": form})
