from django.urls import path

from courses.views import learning

app_name = "learning"

urlpatterns = [
    path("", learning.catalogue, name="catalogue"),
    path("my/", learning.dashboard, name="dashboard"),
    path("my/data/", learning.my_data, name="my_data"),
    path("my/delete/", learning.delete_account, name="delete_account"),
    path("my/certificates/<str:code>/pdf/", learning.certificate_pdf, name="certificate_pdf"),
    path("<slug:slug>/", learning.course_home, name="course"),
    path("<slug:slug>/quiz/", learning.quiz, name="quiz"),
    path("<slug:slug>/<slug:lesson_slug>/", learning.lesson, name="lesson"),
]
