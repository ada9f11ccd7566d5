"""Who may see what. One place, so no view can forget a check."""


def is_trainer(user):
    """Trainers, authors, reviewers and managers: everyone with access to the admin.

    Learners of the online courses have accounts too, but no admin access, so they
    never see trainer notes.
    """
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )
