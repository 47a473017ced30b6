"""The start page: each role lands where its work is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from mskoko.web.access import home_municipality, role_of
from mskoko.web.accounts.models import Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    if role == Role.MUNICIPAL:
        return redirect("dashboard", home_municipality(request.user).id)
    if role in (Role.EXPERT, Role.ADMIN):
        return redirect("expert-home")
    raise PermissionDenied("У учётной записи нет роли: обратитесь к администратору.")
