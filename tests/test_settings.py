"""Settings come from the environment: SQLite by default, PostgreSQL by URL, strict production."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

BASE_DIR = Path(__file__).resolve().parent.parent
PRINT_DB = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
    "from django.conf import settings; d = settings.DATABASES['default']; "
    "print(d['ENGINE'], d['NAME'], settings.LANGUAGE_CODE, settings.TIME_ZONE)"
)


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY",
             "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE"}}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-c", PRINT_DB],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


class SettingsTests(SimpleTestCase):
    def test_default_is_sqlite_in_project_folder(self):
        """With nothing set, the app uses db.sqlite3 beside manage.py, in Indonesian, WIB."""
        r = run_settings({})
        self.assertEqual(r.returncode, 0, r.stderr)
        engine, name, lang, tz = r.stdout.split()
        self.assertEqual(engine, "django.db.backends.sqlite3")
        self.assertEqual(Path(name), BASE_DIR / "db.sqlite3")
        self.assertEqual((lang, tz), ("id", "Asia/Jakarta"))

    def test_database_url_switches_to_postgresql(self):
        """DATABASE_URL=postgres://… selects the PostgreSQL backend and database."""
        r = run_settings({"DATABASE_URL": "postgres://u@127.0.0.1:5432/lkj"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split()[:2], ["django.db.backends.postgresql", "lkj"])

    def test_production_without_secret_key_fails_clearly(self):
        """DEBUG=0 without SECRET_KEY stops with a message naming the variable."""
        r = run_settings({"DEBUG": "0", "ALLOWED_HOSTS": "lkj.example"})
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("SECRET_KEY must be set", r.stderr)

    def test_production_without_allowed_hosts_fails_clearly(self):
        """DEBUG=0 without ALLOWED_HOSTS stops with a message naming the variable."""
        r = run_settings({"DEBUG": "0", "SECRET_KEY": "x" * 50})
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("ALLOWED_HOSTS must be set", r.stderr)

    def test_production_with_secrets_starts(self):
        """DEBUG=0 with both variables set loads the settings."""
        r = run_settings({"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "lkj.example"})
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_number_format_is_indonesian(self):
        """Numbers render with a decimal comma and a dot for thousands."""
        from decimal import Decimal

        from django.utils import formats, translation

        with translation.override("id"):
            self.assertEqual(formats.number_format(Decimal("1250.5"), 2, force_grouping=True),
                             "1.250,50")  # fmt: skip
