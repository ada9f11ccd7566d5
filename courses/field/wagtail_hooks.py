from wagtail import hooks
from wagtail.permissions import register_permission_policy

from courses.field.models import SyncRecord
from courses.field.views import DeviceTokenViewSet, ReadOnlyPermissionPolicy, SyncRecordViewSet

register_permission_policy(SyncRecord, ReadOnlyPermissionPolicy(SyncRecord))


@hooks.register("register_admin_viewset")
def register_device_tokens():
    return DeviceTokenViewSet("device_token")


@hooks.register("register_admin_viewset")
def register_sync_records():
    return SyncRecordViewSet("sync_record")
