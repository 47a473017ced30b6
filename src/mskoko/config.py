"""Where the workspace lives; read from the environment at call time, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "MSKOKO_HOME"
DATABASE_URL_ENV = "MSKOKO_DATABASE_URL"
DEFAULT_HOME = "./mskoko-data"


def workspace_home() -> Path:
    """The workspace folder (``MSKOKO_HOME``, default ``./mskoko-data``), absolute."""
    return Path(os.environ.get(HOME_ENV) or DEFAULT_HOME).expanduser().resolve()


def database_url() -> str | None:
    """A server database URL (``MSKOKO_DATABASE_URL``) or None for the embedded SQLite."""
    return os.environ.get(DATABASE_URL_ENV) or None
