"""Device tokens in the admin: a trainer sees and revokes their own, a programme
manager everyone's. Built on training's scoped views, so the edit and inspect
views are scoped like the listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from courses.field.models import DeviceToken
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
