"""Content-Security-Policy: strict on the public site, loosened only where Wagtail's admin
needs it.

The public pages, the learner pages and the PDF progress page load scripts, styles, fonts
and images from this site only and run no inline script, so their policy forbids inline
code outright. Wagtail 8's admin writes inline scripts (date choosers, the StreamField
editor's initialisation, wagtail-modeltranslation's language toggles) and inline styles;
blocking them breaks the page editor. Under ``/admin/`` the policy is therefore still
enforced (no script, style, frame or connection to another origin) but allows inline
script and style. No nonces are used: a browser ignores ``'unsafe-inline'`` once a nonce
is present, which would break the admin again.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_ALLOWANCES = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],  # previews of images being uploaded
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**ADMIN_ALLOWANCES, **(parts.update or {})}
        return parts
