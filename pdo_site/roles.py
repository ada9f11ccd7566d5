"""Who is who: the groups the data migrations create, and the checks views ask.

Group names and permission strings live here and nowhere else, so a view, a menu
item and a report cannot disagree about who may open them. The apps' data
migrations create these groups with their permissions.
"""

CURRICULUM_AUTHORS = "Curriculum authors"
CURRICULUM_REVIEWERS = "Curriculum reviewers"
TRAINERS = "Trainers"
PROGRAMME_MANAGERS = "Programme managers"
COURSE_MANAGERS = "Course managers"

# Permissions that open parts of the admin (app label "training" / "learning").
RECORD_ATTENDANCE = "training.change_attendance"
VIEW_ATTENDANCE = "training.view_attendance"
IMPORT_PARTICIPANTS = "training.add_participant"
VIEW_PARTICIPANT_NAMES = "training.view_participant"
VIEW_TRAINING_REPORTS = "training.view_trainingsession"
VIEW_ONLINE_COURSE_REPORTS = "learning.view_courseenrolment"
PUBLISH_FIGURES = "training.add_publishedquarter"
VIEW_DATA_ACCESS = "training.view_dataaccess"
ERASE_PARTICIPANTS = "training.delete_participant"


def _active(user):
    return bool(user and user.is_authenticated and user.is_active)


def is_trainer(user):
    """Trainers, authors, reviewers and managers: everyone with access to the admin.

    Learners of the online courses have accounts too, but no admin access, so they
    never see trainer notes or trainer guides.
    """
    return _active(user) and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def sees_all_locations(user):
    """Programme managers (and superusers) see the training records of every location."""
    return _active(user) and (
        user.is_superuser or user.groups.filter(name=PROGRAMME_MANAGERS).exists()
    )


def may_record_attendance(user):
    return _active(user) and user.has_perm(RECORD_ATTENDANCE)


def may_print_attendance_sheets(user):
    return _active(user) and user.has_perm(VIEW_ATTENDANCE)


def may_import_participants(user):
    return _active(user) and user.has_perm(IMPORT_PARTICIPANTS)


def may_see_participant_names(user):
    return _active(user) and user.has_perm(VIEW_PARTICIPANT_NAMES)


def may_view_training_reports(user):
    return _active(user) and user.has_perm(VIEW_TRAINING_REPORTS)


def may_view_online_course_reports(user):
    return _active(user) and user.has_perm(VIEW_ONLINE_COURSE_REPORTS)


def may_publish_figures(user):
    """Programme managers publish a quarter's figures and build the donors' report packs."""
    return _active(user) and user.has_perm(PUBLISH_FIGURES)


def may_open_translation_coverage(user):
    """Those who write, translate or review pages: they may add, edit or publish one."""
    from wagtail.permission_policies.pages import PagePermissionPolicy  # noqa: PLC0415 (needs the app registry; roles is imported early)

    return _active(user) and PagePermissionPolicy().user_has_any_permission(
        user, ["add", "change", "publish"]
    )


def may_use_field_app(user):
    """Trainers and programme managers record training offline with the field app."""
    return _active(user) and user.groups.filter(name__in=[TRAINERS, PROGRAMME_MANAGERS]).exists()


def may_view_data_access(user):
    """Programme managers read who saw, exported or changed participant data."""
    return _active(user) and user.has_perm(VIEW_DATA_ACCESS)


def may_handle_subject_requests(user):
    """Programme managers export or erase one participant's data on their request."""
    return sees_all_locations(user) and user.has_perm(ERASE_PARTICIPANTS)
