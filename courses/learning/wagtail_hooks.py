from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.learning.views.admin import OnlineCoursesReportView, OnlineCoursesViewSetGroup
from pdo_site import roles
from pdo_site.reports import report_urls


@hooks.register("register_admin_viewset")
def register_online_course_viewsets():
    return OnlineCoursesViewSetGroup()


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = report_urls("online-courses", OnlineCoursesReportView, "online_courses")
    return [
        path("reports/courses/", include((urls, "learning_reports"), namespace="learning_reports"))
    ]


class OnlineCoursesReportMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.may_view_online_course_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_online_courses_menu_item():
    return OnlineCoursesReportMenuItem(
        _("Online courses"),
        reverse("learning_reports:online_courses"),
        name="online-courses",
        icon_name="tick-inverse",
        order=180,
    )
