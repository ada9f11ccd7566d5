from wagtail import hooks

from courses.field.views import DeviceTokenViewSet


@hooks.register("register_admin_viewset")
def register_device_tokens():
    return DeviceTokenViewSet("device_token")
