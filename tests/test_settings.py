import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import pressoffice.settings as s; print(s.DATABASES['default']['ENGINE'], s.TIME_ZONE)"],
        cwd=ROOT, env=environment, capture_output=True, text=True,
    )


def test_without_debug_and_without_a_secret_key_the_app_refuses_to_start():
    result = run_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_defaults_are_sqlite_and_new_york():
    result = run_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "America/New_York"]


def test_database_url_and_time_zone_come_from_the_environment():
    result = run_settings(DEBUG="1", DATABASE_URL="postgres://u@db.example:5432/press", TIME_ZONE="Asia/Qatar")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "Asia/Qatar"]
