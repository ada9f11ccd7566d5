from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail import hooks

from pdo_site import page_cache, staff_auth


@hooks.register("insert_editor_js")
def deferred_translation_editors_js():
    return format_html('<script src="{}"></script>', static("js/deferred_editors.js"))


@hooks.register("on_serve_page")
def note_page_for_the_page_cache(callback):
    """Tell the page cache (pdo_site.page_cache) that Wagtail is serving a page."""

    def inner(page, request, serve_args, serve_kwargs):
        page_cache.mark_cacheable(request, page)
        return callback(page, request, serve_args, serve_kwargs)

    return inner


@hooks.register("register_account_menu_item")
def change_password_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("Your current password is asked for first."),
    }


@hooks.register("register_account_menu_item")
def two_factor_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up an authenticator app, and view or renew your recovery codes."),
    }


@hooks.register("after_create_user")
@hooks.register("after_edit_user")
def staff_email_is_verified(request, user):
    """An administrator vouches for the address of an account they create or edit, which
    staff need verified to sign in (pdo_site.staff_auth.ensure_verified_email)."""
    staff_auth.ensure_verified_email(user)
