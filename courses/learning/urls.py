from django.urls import path

from courses.learning.views import learner

app_name = "learning"

urlpatterns = [
    path("", learner.catalogue, name="catalogue"),
    path("my/", learner.dashboard, name="dashboard"),
    path("my/privacy/", learner.your_data, name="your_data"),
    path("my/data/", learner.my_data, name="my_data"),
    path("my/delete/", learner.delete_account, name="delete_account"),
    path("my/certificates/<str:code>/pdf/", learner.certificate_pdf, name="certificate_pdf"),
    path("<str:slug>/", learner.course_home, name="course"),
    path("<str:slug>/quiz/", learner.quiz, name="quiz"),
    path("<str:slug>/<str:lesson_slug>/", learner.lesson, name="lesson"),
]
