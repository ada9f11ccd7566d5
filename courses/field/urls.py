from django.urls import path

from courses.field.api import api

urlpatterns = [path("", api.urls)]
