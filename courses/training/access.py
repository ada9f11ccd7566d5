"""Recording access to participant data (models/access.py), called by the views."""

from allauth.account.adapter import get_adapter

from courses.training.models import DataAccess


def client_address(request):
    """The client's address by allauth's rule, the one its login throttle uses
    (``ALLAUTH_TRUSTED_PROXY_COUNT`` says how many proxies' X-Forwarded-For to trust)."""
    try:
        return get_adapter(request).get_client_ip(request) or None
    except Exception:  # a malformed X-Forwarded-For must not stop the request
        return None


def record_access(request, action, subject, *, participant_ids=(), session=None, location_id=None):
    ids = sorted({int(pk) for pk in participant_ids})
    return DataAccess.objects.create(
        user=request.user if request.user.is_authenticated else None,
        action=action,
        subject=subject,
        session_id=session.pk if session is not None else None,
        location_id=session.location_id if session is not None else location_id,
        participants=f" {' '.join(map(str, ids))} " if ids else "",
        count=len(ids),
        address=client_address(request),
    )
