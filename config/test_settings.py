"""Test settings: the real settings with faster password hashing and a throwaway media root."""

import tempfile

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="lkj-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Background tasks run inline in tests, so a requested PDF is rendered before the view returns.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# A fresh segment cache per test run, so no test sees a segment laid out by an earlier run.
CACHES = {
    **CACHES,  # noqa: F405
    "pdf_segmen": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="lkj-test-pdf-segmen-"),
        "TIMEOUT": None,
    },
}
