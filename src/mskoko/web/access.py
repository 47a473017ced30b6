"""Who may see and change what: the one place every page, download and API route asks.

A municipal specialist sees and edits only the municipality in their profile; a regional
expert sees every municipality and scores them; an administrator sees and edits all.
Another municipality's id answers 404, exactly like an id that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from mskoko.web.accounts.models import Profile, Role
from mskoko.web.core.models import Municipality

View = Callable[..., HttpResponse]


def role_of(user: Any) -> str | None:
    """The user's role, or None for an anonymous user or a user without a profile."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = _profile(user)
    if profile is not None:
        return profile.role
    # A Django superuser created by `createsuperuser` has no profile but runs the system.
    return Role.ADMIN.value if user.is_superuser else None


def _profile(user: Any) -> Profile | None:
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


def visible_municipalities(user: Any) -> QuerySet[Municipality]:
    """The municipalities ``user`` may see; every query over municipal data starts here."""
    role = role_of(user)
    if role in (Role.EXPERT, Role.ADMIN):
        return Municipality.objects.all()
    if role == Role.MUNICIPAL:
        return Municipality.objects.filter(id=user.profile.municipality_id)
    return Municipality.objects.none()


def visible_municipality(user: Any, municipality_id: str) -> Municipality:
    """One municipality the user may see, or 404 (never revealing that others exist)."""
    try:
        return visible_municipalities(user).get(id=municipality_id)
    except Municipality.DoesNotExist:
        raise Http404("Муниципалитет не найден") from None


def can_edit(user: Any, municipality: Municipality) -> bool:
    """Whether the user may change the municipality's own data (imports, roadmap, documents)."""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role == Role.MUNICIPAL and user.profile.municipality_id == municipality.id


def editable_municipality(user: Any, municipality_id: str) -> Municipality:
    """A municipality the user may change: 404 if unseen, 403 if only visible (an expert)."""
    municipality = visible_municipality(user, municipality_id)
    if not can_edit(user, municipality):
        raise PermissionDenied("Изменять данные муниципалитета может только его специалист.")
    return municipality


def can_score(user: Any) -> bool:
    return role_of(user) in (Role.EXPERT, Role.ADMIN)


def home_municipality(user: Any) -> Municipality | None:
    """The municipality a municipal specialist works on (None for the other roles)."""
    if role_of(user) == Role.MUNICIPAL:
        return user.profile.municipality
    return None


def require_role(*roles: str) -> Callable[[View], View]:
    """A view decorator: logged in, and one of ``roles`` (403 otherwise)."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if role_of(request.user) not in roles:
                raise PermissionDenied("Эта страница недоступна для вашей роли.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


any_role = require_role(Role.MUNICIPAL, Role.EXPERT, Role.ADMIN)
expert_only = require_role(Role.EXPERT, Role.ADMIN)
admin_only = require_role(Role.ADMIN)
