"""Device tokens in the admin: a trainer sees and revokes their own, a programme
manager everyone's; the sync audit trail, read-only, scoped the same way. Built on
training's scoped views, so the edit and inspect views are scoped like the listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from courses.field.models import DeviceToken, SyncRecord
from courses.training.views.sessions import ScopedModelViewSet


class DeviceTokenForm(WagtailAdminModelForm):
    class Meta:
        model = DeviceToken
        fields = ["name", "revoked"]
        widgets = {"revoked": forms.CheckboxInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.revoked_at is not None:
            self.fields["revoked"].disabled = True


class DeviceTokenViewSet(ScopedModelViewSet):
    model = DeviceToken
    url_prefix = "field/devices"
    icon = "mobile-alt"
    menu_label = _("Field devices")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "user", "created_at", "last_used_at", "revoked", "revoked_at"]
    list_filter = ["revoked"]
    search_fields = ["name"]
    inspect_view_fields = ["name", "user", "created_at", "last_used_at", "revoked", "revoked_at"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return DeviceTokenForm


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only the view permission counts: the audit trail is written by the sync API alone,
    so nobody, superusers included, adds, edits or deletes a record in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["view"] if "view" in actions else [])


class SyncRecordViewSet(ScopedModelViewSet):
    model = SyncRecord
    url_prefix = "field/syncs"
    icon = "history"
    menu_label = _("Field syncs")
    menu_order = 261
    add_to_admin_menu = True
    list_display = ["at", "user", "token", "action", "changes", "applied", "conflicts", "refused"]
    list_filter = ["action"]
    form_fields = ["action"]  # required by ModelViewSet; no one may edit (see the policy)
    inspect_view_fields = [
        "at",
        "user",
        "token",
        "action",
        "session_ids",
        "changes",
        "applied",
        "replayed",
        "conflicts",
        "refused",
    ]
