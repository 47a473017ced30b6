"""Creating and listing users: one code path for `mskoko users add` and the admin's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from mskoko.errors import MskokoError
from mskoko.web.accounts.models import Profile, Role
from mskoko.web.core.models import Municipality


class UserError(MskokoError):
    """A user cannot be created as asked (the message says why, in Russian)."""


@dataclass(frozen=True)
class UserRow:
    login: str
    full_name: str
    role: str
    role_label: str
    municipality_id: str | None
    municipality_name: str | None
    active: bool
    last_login: datetime | None


def create_user(
    login: str,
    *,
    role: str,
    password: str,
    municipality_id: str | None = None,
    full_name: str = "",
    created_by: Any = None,
) -> Any:
    """Create a user with a role; a municipal user must name a municipality.

    A municipality not yet in the workspace is created with its id as the name; the next
    import of the registry gives it its real name.
    """
    from mskoko.web import audit

    login = login.strip()
    if not login:
        raise UserError("Укажите логин.")
    if role not in Role.values:
        raise UserError(f"Неизвестная роль «{role}»: допустимы municipal, expert, admin.")
    if role == Role.MUNICIPAL and not municipality_id:
        raise UserError("Специалисту муниципалитета нужен муниципалитет: --municipality КОД.")
    if role != Role.MUNICIPAL and municipality_id:
        raise UserError("Муниципалитет указывается только для роли municipal.")
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=login).exists():
        raise UserError(f"Пользователь «{login}» уже существует.")
    candidate = user_model(username=login)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as error:
        raise UserError("Пароль не принят: " + " ".join(error.messages)) from None
    first, _, last = full_name.strip().partition(" ")
    with transaction.atomic():
        municipality = None
        if municipality_id:
            municipality, _ = Municipality.objects.get_or_create(
                id=municipality_id.strip(), defaults={"name": municipality_id.strip()}
            )
        user = user_model.objects.create_user(
            username=login,
            password=password,
            first_name=first[:150],
            last_name=last[:150],
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        Profile.objects.create(user=user, role=role, municipality=municipality)
        audit.record(
            created_by,
            "user_created",
            object_type="user",
            object_id=login,
            municipality=municipality,
            details={"role": role},
            actor="командная строка",
        )
    return user


def list_users() -> list[UserRow]:
    """Every user with their role and municipality, by login."""
    user_model = get_user_model()
    rows = []
    for user in user_model.objects.select_related("profile__municipality").order_by("username"):
        profile = getattr(user, "profile", None)  # RelatedObjectDoesNotExist is an AttributeError
        role = profile.role if profile else (Role.ADMIN.value if user.is_superuser else "")
        municipality = profile.municipality if profile else None
        rows.append(
            UserRow(
                login=user.username,
                full_name=user.get_full_name(),
                role=role,
                role_label=Role(role).label if role else "без роли",
                municipality_id=municipality.id if municipality else None,
                municipality_name=municipality.name if municipality else None,
                active=user.is_active,
                last_login=user.last_login,
            )
        )
    return rows
