"""Login throttling: after N failures for one login from one address, wait before trying again.

Used by the login page and by ``POST /api/session`` alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from mskoko.web.accounts.models import LoginThrottle


@dataclass(frozen=True)
class Lock:
    """The pair is locked until ``until``; ``seconds_left`` rounds up for the message."""

    until: datetime

    @property
    def seconds_left(self) -> int:
        return max(1, int((self.until - timezone.now()).total_seconds() + 0.999))

    def message_ru(self) -> str:
        minutes = (self.seconds_left + 59) // 60
        return (
            "Слишком много неудачных попыток входа. "
            f"Повторите через {minutes} мин. или обратитесь к администратору."
        )


def client_address(request: HttpRequest) -> str:
    """The peer address; proxies' X-Forwarded-For is not trusted (it is client-supplied)."""
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64]


def _normalise(login: str) -> str:
    return login.strip().lower()[:150]


def current_lock(login: str, address: str) -> Lock | None:
    """The active lock of this login and address, if any."""
    row = LoginThrottle.objects.filter(login=_normalise(login), address=address).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return Lock(row.locked_until)
    return None


def register_failure(login: str, address: str) -> Lock | None:
    """Count one failure; returns the lock when this failure reaches the limit."""
    limit = settings.MSKOKO_LOGIN_MAX_FAILURES
    lock_for = timedelta(seconds=settings.MSKOKO_LOGIN_LOCK_SECONDS)
    now = timezone.now()
    with transaction.atomic():
        row, _ = LoginThrottle.objects.select_for_update().get_or_create(
            login=_normalise(login), address=address
        )
        # A failure long after the previous one starts a new count.
        if row.last_failure_at and now - row.last_failure_at > lock_for:
            row.failures = 0
        if row.locked_until and row.locked_until <= now:
            row.failures, row.locked_until = 0, None
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= limit:
            row.locked_until = now + lock_for
        row.save()
    return Lock(row.locked_until) if row.locked_until else None


def register_success(login: str, address: str) -> None:
    LoginThrottle.objects.filter(login=_normalise(login), address=address).delete()
