"""Running the analytics of one municipality in the background, with a status for the page."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import connections, transaction
from django.utils import timezone

from mskoko.errors import MskokoError
from mskoko.web import audit
from mskoko.web.core.models import AnalysisRun, Municipality

log = logging.getLogger(__name__)

# A run still "running" after this long was cut off (the server stopped): shown as failed.
STALE_AFTER = timedelta(hours=2)


def _in_thread(task: Callable[[], None]) -> None:
    def run() -> None:
        try:
            task()
        finally:
            connections.close_all()  # this thread's own database connection

    threading.Thread(target=run, name="mskoko-analysis", daemon=True).start()


# How a run is started; tests replace it with a direct call.
launch: Callable[[Callable[[], None]], None] = _in_thread


def latest_run(municipality: Municipality) -> AnalysisRun | None:
    run = AnalysisRun.objects.filter(municipality=municipality).first()
    if run and run.status == AnalysisRun.Status.RUNNING and timezone.now() - run.started_at > STALE_AFTER:
        run.status = AnalysisRun.Status.FAILED
        run.message = "Анализ был прерван (сервер остановлен). Запустите его снова."
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "message", "finished_at"])
    return run


def start_analysis(municipality: Municipality, user: Any) -> AnalysisRun:
    """Start the analysis unless one is already running for this municipality."""
    with transaction.atomic():
        # Two clicks at once: the municipality row makes them take turns.
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        current = latest_run(municipality)
        if current and current.status == AnalysisRun.Status.RUNNING:
            return current
        run = AnalysisRun.objects.create(
            municipality=municipality,
            status=AnalysisRun.Status.RUNNING,
            started_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit.record(user, "analysis_started", object_type="analysis", object_id=run.pk,
                     municipality=municipality)
    launch(lambda: execute(run.pk))
    return run


def execute(run_id: int) -> None:
    """Run the analysis and store how it ended; a domain error becomes the run's message."""
    from mskoko import services

    run = AnalysisRun.objects.select_related("municipality", "started_by").get(pk=run_id)
    try:
        services.analyze_workspace(run.municipality_id)
    except MskokoError as error:
        _finish(run, AnalysisRun.Status.FAILED, str(error))
    except Exception:
        log.exception("analysis of %s failed", run.municipality_id)
        _finish(run, AnalysisRun.Status.FAILED,
                "Внутренняя ошибка анализа. Подробности — в журнале сервера.")
    else:
        _finish(run, AnalysisRun.Status.DONE, "")


def _finish(run: AnalysisRun, status: str, message: str) -> None:
    run.status = status
    run.message = message
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "message", "finished_at"])
    action = "analysis_finished" if status == AnalysisRun.Status.DONE else "analysis_failed"
    audit.record(run.started_by, action, object_type="analysis", object_id=run.pk,
                 municipality=run.municipality_id, details={"message": message} if message else None)
