"""Public URLs of the materials app outside the page tree (included by pdo_site.urls by name)."""

from django.urls import path

from materials.views.files import stored_document

app_name = "materials"
urlpatterns = [
    path(
        "pdf/<int:document_id>/<slug:folder>/<str:filename>",
        stored_document,
        name="stored_document",
    ),
]
