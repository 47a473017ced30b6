"""Administrator's pages: users and roles, the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mskoko.web.access import admin_only
from mskoko.web.accounts.users import UserError, create_user, list_users
from mskoko.web.audit import ACTION_LABELS, action_label, object_label
from mskoko.web.core.models import AuditEntry, Municipality
from mskoko.web.pages.forms import UserCreateForm


@admin_only
def users(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        municipality = data.get("municipality")
        try:
            create_user(
                data["login"],
                role=data["role"],
                password=data["password"],
                municipality_id=municipality.id if municipality else None,
                full_name=data.get("full_name") or "",
                created_by=request.user,
            )
        except UserError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Пользователь «{data['login']}» создан.")
            return redirect("users")
    return render(request, "mskoko/manage/users.html", {"form": form, "users": list_users()})


@admin_only
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("municipality").order_by("-at", "-id")
    action = request.GET.get("action", "")
    municipality = request.GET.get("municipality", "")
    actor = request.GET.get("actor", "").strip()
    if action:
        entries = entries.filter(action=action)
    if municipality:
        entries = entries.filter(municipality_id=municipality)
    if actor:
        entries = entries.filter(actor__icontains=actor)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.action_label = action_label(entry.action)
        entry.object_label = object_label(entry.object_type)
    return render(
        request,
        "mskoko/manage/audit.html",
        {
            "page": page,
            "actions": sorted(ACTION_LABELS.items(), key=lambda item: item[1]),
            "municipalities": Municipality.objects.all(),
            "selected": {"action": action, "municipality": municipality, "actor": actor},
        },
    )
