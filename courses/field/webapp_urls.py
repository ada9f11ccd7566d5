from django.urls import path

from courses.field import webapp

app_name = "field"

urlpatterns = [
    path("", webapp.field_app, name="app"),
    path("manifest.webmanifest", webapp.manifest, name="manifest"),
    # Served from inside /<lang>/field/ so its scope covers the app.
    path("sw.js", webapp.service_worker, name="service_worker"),
]
