# Superset configuration for the reports warehouse (read by Superset through
# SUPERSET_CONFIG_PATH, which scripts/bi.sh points here).
#
# Superset's own state — its metadata database (SQLite) and the secret key — lives in
# SUPERSET_HOME (default .superset/, git-ignored). The warehouse itself is registered by
# bi/provision.py as a read-only DuckDB database; nothing here opens it.
import os
import secrets
from pathlib import Path

_home = Path(os.environ.get("SUPERSET_HOME") or Path(__file__).resolve().parent.parent / ".superset")
_home.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SUPERSET_SECRET_KEY from the environment, else one generated once and kept in SUPERSET_HOME."""
    if os.environ.get("SUPERSET_SECRET_KEY"):
        return os.environ["SUPERSET_SECRET_KEY"]
    path = _home / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(42))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_home / 'superset.db'}?check_same_thread=false"
DATA_DIR = str(_home)

# The interface in Chinese, as the data and the dashboard are (English one click away).
BABEL_DEFAULT_LOCALE = "zh"
LANGUAGES = {"zh": {"flag": "cn", "name": "简体中文"}, "en": {"flag": "us", "name": "English"}}

# Nothing leaves the machine: no example data, no telemetry, no thumbnails/reports workers.
SUPERSET_WEBSERVER_ADDRESS = "127.0.0.1"
SUPERSET_WEBSERVER_PORT = int(os.environ.get("SUPERSET_PORT", "8088"))
# Every chart renders at once (not only when scrolled into view), for full-page screenshots.
FEATURE_FLAGS = {"THUMBNAILS": False, "ALERT_REPORTS": False, "DASHBOARD_VIRTUALIZATION": False}
SCHEDULED_QUERIES: dict = {}
RATELIMIT_STORAGE_URI = "memory://"
# A local tool on loopback over plain HTTP: no HTTPS-only cookies or redirects.
TALISMAN_ENABLED = False
SESSION_COOKIE_SECURE = False
