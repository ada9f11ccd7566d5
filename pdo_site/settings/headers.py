"""Security headers that the base settings import."""

import os
from urllib.parse import urlsplit


# Content-Security-Policy (django-csp; pdo_site/security.py explains the admin's allowances)
# and Permissions-Policy (django-permissions-policy): no page needs a camera, microphone,
# location or payment, so none may ask for them.
def _media_origin():
    domain = (
        os.environ.get("AWS_S3_CUSTOM_DOMAIN")
        or urlsplit(os.environ.get("AWS_S3_ENDPOINT_URL", "")).netloc
    )
    return [f"https://{domain}"] if domain else []


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_origin()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],  # Wagtail's preview shows pages in a same-origin frame
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
