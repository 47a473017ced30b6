"""Login and logout, with throttling of repeated failures per login and address."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from mskoko.web import audit
from mskoko.web.accounts.throttle import (
    client_address,
    current_lock,
    register_failure,
    register_success,
)

WRONG_CREDENTIALS = "Неверный логин или пароль."


@dataclass(frozen=True)
class LoginOutcome:
    """What a login attempt came to: a user, or a Russian reason and whether it is a lock."""

    user: object | None
    error: str = ""
    locked: bool = False


def attempt_login(request: HttpRequest, login_name: str, password: str) -> LoginOutcome:
    """Check throttling, authenticate, start the session; shared by the page and the API."""
    address = client_address(request)
    lock = current_lock(login_name, address)
    if lock:
        audit.record(None, "login_locked", object_type="user", object_id=login_name)
        return LoginOutcome(None, lock.message_ru(), locked=True)
    user = authenticate(request, username=login_name.strip(), password=password)
    if user is None:
        lock = register_failure(login_name, address)
        audit.record(None, "login_failed", object_type="user", object_id=login_name,
                     details={"address": address})
        if lock:
            return LoginOutcome(None, lock.message_ru(), locked=True)
        return LoginOutcome(None, WRONG_CREDENTIALS)
    register_success(login_name, address)
    login(request, user)  # rotates the session key: no session fixation
    audit.record(user, "login", object_type="user", object_id=user.get_username())
    return LoginOutcome(user)


@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=False):
        next_url = ""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(next_url or "home")
    context = {"next": next_url, "login": "", "error": "", "locked": False}
    status = 200
    if request.method == "POST":
        login_name = request.POST.get("login", "")
        outcome = attempt_login(request, login_name, request.POST.get("password", ""))
        if outcome.user is not None:
            return redirect(next_url or "home")
        context.update(login=login_name, error=outcome.error, locked=outcome.locked)
        status = 429 if outcome.locked else 200
    return render(request, "mskoko/login.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit.record(request.user, "logout", object_type="user",
                     object_id=request.user.get_username())
    logout(request)
    return redirect("login")
