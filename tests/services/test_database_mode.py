"""The suite's second mode really runs on PostgreSQL (nothing silently falls back to SQLite)."""

from __future__ import annotations

import os

import pytest


@pytest.mark.postgres
@pytest.mark.django_db
def test_database_vendor_follows_mskoko_database_url() -> None:
    from django.db import connection

    expected = "postgresql" if os.environ.get("MSKOKO_DATABASE_URL") else "sqlite"
    assert connection.vendor == expected
