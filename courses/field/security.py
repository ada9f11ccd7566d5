"""Device tokens on each request, and the rate limits of the sync API."""

from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.field.models import DeviceToken, token_digest
from pdo_site import roles


class TokenRefused(Exception):
    """The request's device token cannot be used; ``reason`` says why, for the app."""

    def __init__(self, code, reason):
        super().__init__(reason)
        self.code, self.reason = code, reason


class DeviceTokenAuth(HttpBearer):
    """``Authorization: Bearer <device token>``; ``request.auth`` is the DeviceToken."""

    def authenticate(self, request, token):
        device = (
            DeviceToken.objects.select_related("user").filter(digest=token_digest(token)).first()
        )
        if device is None:
            raise TokenRefused("token_unknown", _("This device is not signed in. Sign in again."))
        if device.revoked:
            raise TokenRefused(
                "token_revoked",
                _(
                    "This device was signed out from the admin on %(date)s. Its changes "
                    "were not saved: sign in again, then sync."
                )
                % {"date": date_format(timezone.localtime(device.revoked_at), "DATETIME_FORMAT")},
            )
        if not roles.may_use_field_app(device.user):
            raise TokenRefused(
                "account_refused", _("Your account may no longer record training in the field.")
            )
        now = timezone.now()
        if device.last_used_at is None or (now - device.last_used_at).total_seconds() > 60:
            DeviceToken.objects.filter(pk=device.pk).update(last_used_at=now)
        request.user = device.user
        return device


class SettingRateThrottle(SimpleRateThrottle):
    """A rate read from a setting at each request, so it can differ per deployment."""

    def __init__(self, setting, scope):
        self.setting, self.scope = setting, scope

    def allow_request(self, request):
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class DeviceRateThrottle(SettingRateThrottle):
    """Per device token: a phone that retries in a loop slows itself, not the others."""

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AddressRateThrottle(SettingRateThrottle):
    """Per client address, for signing in (there is no token yet)."""

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
