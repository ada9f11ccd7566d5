"""The sync API of the field app, under /api/field/ (OpenAPI: /api/field/openapi.json).

Thin handlers: the download is built in ``download.py``, an upload applied in
``sync.py``; both act as the token's trainer, scoped as in the admin.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from ninja import NinjaAPI, Query, Status
from ninja.errors import AuthenticationError

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _

from courses.field import download as downloads
from courses.field import schemas, sync
from courses.field.models import DeviceToken, SyncRecord
from courses.field.security import (
    AddressRateThrottle,
    DeviceRateThrottle,
    DeviceTokenAuth,
    TokenRefused,
)
from pdo_site import roles

api = NinjaAPI(
    title="PDO field app sync API",
    version="1",
    description=(
        "Sign in once per device for a device token, download the sessions to record, "
        "upload batches of changes. See docs/field-api.md."
    ),
    urls_namespace="field_api",
    docs_url=None,
    auth=DeviceTokenAuth(),
    throttle=DeviceRateThrottle("PDO_FIELD_SYNC_RATE", "field_device"),
)


@api.exception_handler(TokenRefused)
def token_refused(request, error):
    return api.create_response(request, {"detail": error.reason, "code": error.code}, status=401)


@api.exception_handler(AuthenticationError)
def not_signed_in(request, error):
    detail = _("Send the device token as “Authorization: Bearer <token>”.")
    return api.create_response(request, {"detail": detail, "code": "token_missing"}, status=401)


def second_factor_refusal(user, code):
    """Where staff must use a second factor (PDO_STAFF_MFA_REQUIRED), a device is signed
    in only with a current code of the trainer's authenticator app, as the admin is."""
    if not settings.PDO_STAFF_MFA_REQUIRED:
        return None
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        detail = _("Set up two-factor sign-in in the admin first, then sign this phone in.")
        return {"detail": detail, "code": "mfa_setup_required"}
    if not code.strip():
        detail = _("Enter the code from your authenticator app.")
        return {"detail": detail, "code": "mfa_code_required"}
    if not TOTP(authenticator).validate_code(code.strip()):
        detail = _("That code is not correct, or was already used. Enter the current one.")
        return {"detail": detail, "code": "mfa_code_refused"}
    return None


@api.post(
    "/tokens",
    auth=None,
    throttle=AddressRateThrottle("PDO_FIELD_SIGN_IN_RATE", "field_sign_in"),
    response={201: schemas.IssuedToken, 403: schemas.Problem},
    summary="Sign a device in: a trainer's username and password give a device token",
)
def sign_in(request, payload: schemas.SignIn):
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not roles.may_use_field_app(user):
        detail = _("Wrong username or password, or not a trainer's account.")
        return Status(403, {"detail": detail, "code": "sign_in_refused"})
    refused = second_factor_refusal(user, payload.code)
    if refused:
        return Status(403, refused)
    device, token = DeviceToken.issue(user, payload.device_name.strip())
    SyncRecord.objects.create(token=device, user=user, action=SyncRecord.Action.SIGN_IN)
    issued = {
        "id": device.pk,
        "token": token,
        "device_name": device.name,
        "username": user.get_username(),
    }
    return Status(201, issued)


@api.delete(
    "/tokens/current",
    response={204: None, 401: schemas.Problem},
    summary="Sign this device out: its token is revoked, as from the admin",
)
def sign_out(request):
    device = request.auth
    device.revoked = True
    device.save(update_fields=["revoked", "revoked_at"])
    return Status(204, None)


@api.get(
    "/sessions",
    response={200: schemas.Download, 401: schemas.Problem},
    summary="The trainer's upcoming and recent sessions, ready to record offline",
)
def sessions(request, location: int | None = Query(None, ge=1, le=schemas.MAX_ID)):
    payload = downloads.download(request.auth.user, location=location)
    SyncRecord.objects.create(
        token=request.auth,
        user=request.auth.user,
        action=SyncRecord.Action.DOWNLOAD,
        session_ids=[session["id"] for session in payload["sessions"]],
    )
    return payload


@api.post(
    "/sync",
    response={200: schemas.BatchResult, 401: schemas.Problem},
    summary="Upload a batch of changes; each is answered by its UUID",
)
def upload(request, batch: schemas.Batch):
    return sync.upload(request.auth, batch.changes)
