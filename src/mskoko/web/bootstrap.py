"""Start Django for the CLI and services: settings module, setup, migrations."""

from __future__ import annotations

import os

SETTINGS_MODULE = "mskoko.web.settings"


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django once; apply migrations so a fresh workspace is ready to use.

    Inside a running web application or a test (Django already set up) it does nothing:
    migrations belong to start-up, never to the middle of a request's transaction.
    """
    import django
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
