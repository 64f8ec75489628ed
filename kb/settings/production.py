"""Production: HTTPS behind a reverse proxy; passes `manage.py check --deploy` with no warning.

Required environment: SECRET_KEY (50+ random characters), ALLOWED_HOSTS. The proxy must
set X-Forwarded-Proto and must not serve MEDIA_URL/original_images/ nor MEDIA_URL/documents/
(the application refuses them too: kb.security.BlockedMediaMiddleware).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = False
if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 8:  # noqa: F405
    # len(set(...)): "s" * 60 is long but not random.
    raise ImproperlyConfigured("SECRET_KEY must be set to 50 or more random characters in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"
# Browsers upgrade any stray http:// sub-resource.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

# The default cache must be shared by every worker: publishing deletes cached figures (home
# key figures, facet labels) and counts readers' messages; a per-process cache would keep the
# other workers' stale copies for up to an hour. Files in VAR_DIR (a volume shared by the app
# containers in docker-compose.yml), or Redis when REDIS_URL is set.
if env_str("REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}  # noqa: F405
else:
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "default"),  # noqa: F405
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }

LOGGING["loggers"]["axes"] = {"level": "INFO"}  # noqa: F405  every login attempt is logged
