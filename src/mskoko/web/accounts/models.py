"""Roles: a municipal specialist sees one municipality, an expert the region, an admin all."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mskoko.web.core.models import Municipality


class Role(models.TextChoices):
    MUNICIPAL = "municipal", "специалист муниципалитета"
    EXPERT = "expert", "региональный эксперт"
    ADMIN = "admin", "администратор"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    class Meta:
        verbose_name = "профиль"
        verbose_name_plural = "профили"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="municipal") | models.Q(municipality__isnull=False),
                name="municipal_user_has_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class LoginThrottle(models.Model):
    """Failed logins per login name and client address; a run of failures locks the pair.

    Stored in the database (not the cache) so every server process sees the same count.
    """

    login = models.CharField("логин", max_length=150)
    address = models.CharField("адрес", max_length=64)
    failures = models.PositiveIntegerField("неудачных попыток", default=0)
    last_failure_at = models.DateTimeField("последняя неудача", null=True, blank=True)
    locked_until = models.DateTimeField("заблокировано до", null=True, blank=True)

    class Meta:
        verbose_name = "неудачные входы"
        verbose_name_plural = "неудачные входы"
        constraints = [
            models.UniqueConstraint(fields=["login", "address"], name="one_throttle_per_login_address")
        ]

    def __str__(self) -> str:
        return f"{self.login} @ {self.address}: {self.failures}"
