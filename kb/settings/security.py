"""Security settings shared by every environment (headers, CSP, login lockout, uploads).

Imported at the end of base.py. production.py only turns on what needs HTTPS (HSTS, secure
cookies, redirect). See README "Fiabilité et sécurité" for what the tests check.
"""

import ipaddress
from datetime import timedelta

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_list

# --- Client address behind reverse proxies (core.http) ----------------------------
# Addresses or networks of the proxies in front of the app, or their number; X-Forwarded-For is
# read only from them. Neither: the socket peer.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: '{_proxy}' is not an IP address or network.") from _error

# --- Headers set by django.middleware.security / clickjacking --------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override it with SAMEORIGIN

# --- Content Security Policy (django-csp 4) ---------------------------------------------------
# Public pages: scripts only from our origin and with the per-request nonce; no inline script,
# no eval. Extra hosts (map tiles, a CDN) come from the environment.
_EXTRA_IMG = env_list("CSP_EXTRA_IMG_SRC", [])
_EXTRA_CONNECT = env_list("CSP_EXTRA_CONNECT_SRC", [])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_EXTRA_IMG],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, *_EXTRA_CONNECT],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "frame-src": [NONE],
    },
}

# The Wagtail admin ships inline scripts and styles (Stimulus templates, Draftail, the
# preview panel); it gets its own looser policy, applied by kb.security.CSPPolicyMiddleware to
# every path under ADMIN_PATH_PREFIX. It can frame its own previews.
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *_EXTRA_IMG],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF, *_EXTRA_CONNECT],
    "media-src": [SELF, "blob:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
    "frame-src": [SELF],
    "worker-src": [SELF, "blob:"],
}
# No third-party avatar lookups from the admin (privacy, and CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Uploaded files ------------------------------------------------------------------------------
# Documents are always downloads (Content-Disposition: attachment), never rendered inline.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Originals of images and document files are never served straight from MEDIA_URL: documents go
# through Wagtail's serve view (permissions, attachment), images through renditions.
BLOCKED_MEDIA_PREFIXES = ["original_images/", "documents/"]

# --- Admin login lockout (django-axes) ---------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "kb.security.AxesBackend",  # axes' check, for requests from the web
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# One address trying many user names is locked out too, at a higher threshold (colleagues behind
# one NAT mistyping their own passwords stay well below it): kb.security.AxesHandler.
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 30)
AXES_HANDLER = "kb.security.AxesHandler"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# A user is locked out from one address: an attacker cannot lock everyone out of the admin by
# hammering one account from many addresses, and colleagues behind one NAT are not locked out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed attempt is a row (AccessFailureLog)
AXES_DISABLE_ACCESS_LOG = False  # every successful login is a row (AccessLog)
AXES_VERBOSE = True  # and every attempt a log line
AXES_LOCKOUT_CALLABLE = "kb.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.http.login_ip"  # the site's one client address, None when unknown
AXES_SENSITIVE_PARAMETERS = ["password"]
