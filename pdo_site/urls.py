from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.curricula.views.search import search
from courses.learning.views.learner import verify_certificate
from courses.training.views.figures import figures_page
from pdo_site.staff_auth import admin_login

# /healthz and /healthz/ready are answered by pdo_site.health.HealthCheckMiddleware.
urlpatterns = [
    # Before the admin's URLs: its password-only login form is never shown.
    path("admin/login/", admin_login),
    path("admin/", include(wagtailadmin_urls)),
    # The field app's sync API (a language-neutral JSON API: no language prefix).
    path("api/field/", include("courses.field.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Built PDFs at content-addressed URLs (named as a string: pdo_site imports no app above).
    path("files/", include("materials.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("search/", search, name="search"),
    path("figures/", figures_page, name="figures"),
    path("accounts/", include("allauth.urls")),
    path("learn/", include("courses.learning.urls")),
    path("field/", include("courses.field.webapp_urls")),
    path("certificates/<str:code>/", verify_certificate, name="verify_certificate"),
    # Wagtail's page serving comes last: it matches every remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A database outage answers 503 (try again soon), not 500.
handler500 = "pdo_site.views.server_error"
