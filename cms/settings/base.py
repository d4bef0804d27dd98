"""Settings shared by every environment. Environment-specific files import this."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "pagecache",  # on top: it knows every content app's events
    "language",
    "core",
    "home",
    "services",
    "search",
    "editorial",
    "inquiries",
    "booking",
    "cms",  # its templates/ override a few Wagtail admin templates (CSP nonces): keep before wagtail.admin
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # the sitemap.xml template (cms/sitemap.py)
    "csp",
    "axes",
    "corsheaders",
    "django_tasks_db",  # the task queue's table (production's worker reads it; see TASKS)
]

MIDDLEWARE = [
    # First: a body over the limit is refused before anything reads it (cms/request_limits.py).
    "cms.request_limits.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Anonymous pages from the cache before anything else runs (pagecache/middleware.py).
    "pagecache.middleware.PageCacheMiddleware",
    # Before anything that can answer early (CommonMiddleware): CORS headers for /api/ only.
    "corsheaders.middleware.CorsMiddleware",
    "cms.security.ContentSecurityPolicyMiddleware",
    "cms.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "language.middleware.FuriganaMiddleware",
    # Below furigana: terms are marked first, so their definitions get furigana too.
    "language.middleware.GlossaryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cms.security.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Django's deploy check looks for its CSRF middleware by name; cms.security.CsrfViewMiddleware is a subclass.
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "language.context_processors.furigana",
                "home.context_processors.site_context",
            ],
        },
    },
]

# SQLite by default so that `make run` needs no server; DATABASE_URL selects PostgreSQL.
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default, Redis when REDIS_URL is set. Redis down degrades to no cache (logged),
# never to an error page (core/cache.py); short socket timeouts so that a hanging Redis costs little.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "csp",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Whole pages (pagecache): shared by every worker and machine.
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "csp-pages"}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # One copy per worker process: shared version stamps in the database keep them all current.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# --- Page cache (pagecache/) and HTTP caching -----------------------------------------
# PAGE_CACHE=0 turns the app's own cache off (headers stay: a reverse proxy still caches).
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "1") == "1"
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_TIMEOUT = 24 * 3600  # purges make pages current; this only bounds memory
# Browsers keep a page a minute, then revalidate (304); shared caches, which are purged on every
# change, an hour, serving a stale copy for a minute while they fetch the new one.
PAGE_CACHE_CONTROL = "public, max-age=60, s-maxage=3600, stale-while-revalidate=60"

# The reverse proxy or CDN in front (wagtail.contrib.frontend_cache), purged by the same events.
# FRONTEND_CACHE_PURGE_URL: Varnish or nginx (deploy/), e.g. http://127.0.0.1:6081;
# CLOUDFLARE_ZONE_ID + CLOUDFLARE_API_TOKEN; CLOUDFRONT_DISTRIBUTION_ID (AWS credentials as usual).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# pagecache lists the URLs of every language itself.
WAGTAILFRONTENDCACHE_LANGUAGES = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------
# ja is the source; ja-x-easy (やさしい日本語, BCP 47 private use) and en are translations.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("ja-x-easy", "やさしい日本語"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The page type that lists the glossary (language/glossary.py links each marked term to it).
GLOSSARY_PAGE_MODEL = "services.GlossaryPage"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's get_language_info() needs to know the private-use code.
LANG_INFO["ja-x-easy"] = {
    "bidi": False,
    "code": "ja-x-easy",
    "name": "Easy Japanese",
    "name_local": "やさしい日本語",
}
# An untranslated copy must never go live with Japanese text under an English or easy URL.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Static and media ------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies (cms/request_limits.py): public forms are a few kilobytes (the inquiry form refuses
# over 64 KB with its own message); the admin takes image and document uploads. nginx limits first.
REQUEST_MAX_BODY_BYTES = int(os.environ.get("REQUEST_MAX_BODY_BYTES", 256 * 1024))
ADMIN_MAX_BODY_BYTES = int(os.environ.get("ADMIN_MAX_BODY_BYTES", 20 * 1024 * 1024))

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "キャリア・サポート・パートナーズ"
# The site's public address (scheme, host, port): the Wagtail Site record follows it on every migrate
# and seed (home/site_address.py), so absolute URLs (API html_url, e-mail links, purges) are right.
SITE_URL = os.environ.get("SITE_URL") or os.environ.get("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]

# --- Background work (django-tasks) ------------------------------------------------
# Development runs each task at once, in the request (nothing in a task may sleep: core/tasks.py);
# production.py queues them in the database for `manage.py db_worker` (README, deploy/).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Security and inquiries ---------------------------------------------------
# django-axes locks an address + username out of the admin after repeated failed logins.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_LOCKOUT_TEMPLATE = "inquiries/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.http.client_address"
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, use REMOTE_ADDR).
# Production requires it to be set (production.py); development and tests have no proxy.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or "0")

# A CSRF failure (an old page, cookies off) is explained in the visitor's language.
CSRF_FAILURE_VIEW = "inquiries.views.csrf_failure"

# The Content-Security-Policy (cms/security.py adds what the Wagtail admin needs) and the
# Permissions-Policy, on every environment so that an inline script shows up in development.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],  # the nonce appears only on responses that use it
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# No avatar requests to a third party from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Inquiry notifications go to these addresses (production reads INQUIRY_NOTIFY_EMAILS).
INQUIRY_NOTIFY_EMAILS = [a.strip() for a in os.environ.get("INQUIRY_NOTIFY_EMAILS", "").split(",") if a.strip()]
INQUIRY_RETENTION_DAYS = int(os.environ.get("INQUIRY_RETENTION_DAYS", "365"))

# --- Headless API (cms/api) ---------------------------------------------------------
# Browser origins allowed to read /api/ (comma-separated, e.g. "https://kiosk.example.jp").
# None by default: other sites' scripts get no CORS headers. Servers need no CORS.
API_CORS_ORIGINS = [o.strip() for o in os.environ.get("API_CORS_ORIGINS", "").split(",") if o.strip()]
CORS_ALLOWED_ORIGINS = API_CORS_ORIGINS
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
