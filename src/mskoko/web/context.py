"""Template context for every page: the user's role and the side navigation for that role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from mskoko.web.access import home_municipality, role_of
from mskoko.web.accounts.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    current: bool


def _item(request: HttpRequest, label: str, name: str, icon: str, *args: Any) -> NavItem | None:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    path = request.path
    # The overview is current only on itself; the municipality list also on a municipality's
    # scoring; other sections on their sub-pages.
    if name == "dashboard":
        current = path == url
    elif name == "expert-home":
        current = path == url or path.startswith(url + "m/")
    else:
        current = path.startswith(url)
    return NavItem(label, url, icon, current)


def _municipal_sections(
    request: HttpRequest, mid: str, *, edit: bool = True
) -> list[NavItem | None]:
    return [
        _item(request, "Обзор и аналитика", "dashboard", "bar-chart-2", mid),
        _item(request, "Загрузка данных", "import", "upload-cloud", mid) if edit else None,
        _item(request, "Управленческий цикл", "cycle", "refresh-cw", mid),
        _item(request, "Дорожная карта", "roadmap", "list", mid),
        _item(request, "Документы и проверка", "documents", "file-text", mid),
    ]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``nav`` (titled groups of links), ``role`` and ``role_label`` for the base template."""
    user = getattr(request, "user", None)
    role = role_of(user)
    if role is None:
        return {"nav": [], "role": None, "role_label": ""}
    groups: list[tuple[str, list[NavItem | None]]] = []
    own = home_municipality(user)
    if own is not None:
        groups.append(("Муниципалитет", _municipal_sections(request, own.id)))
    if role in (Role.EXPERT, Role.ADMIN):
        groups.append(
            (
                "Региональная оценка",
                [
                    _item(request, "Муниципалитеты", "expert-home", "map"),
                    _item(request, "Сравнение региона", "region", "grid"),
                    _item(request, "Периоды оценки", "periods", "lock"),
                ],
            )
        )
        viewing = getattr(request, "municipality", None)
        if viewing is not None:
            groups.append((viewing.name, _municipal_sections(
                request, viewing.id, edit=role == Role.ADMIN)))
    if role == Role.ADMIN:
        groups.append(
            (
                "Администрирование",
                [
                    _item(request, "Пользователи", "users", "users"),
                    _item(request, "Журнал изменений", "audit", "clipboard"),
                    _item(request, "Редакции методики", "rulebooks", "book-open"),
                    _item(request, "Загрузка данных региона", "import-region", "upload"),
                ],
            )
        )
    nav = [(title, [i for i in items if i is not None]) for title, items in groups]
    return {"nav": nav, "role": role, "role_label": Role(role).label}
