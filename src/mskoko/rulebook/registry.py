"""The check-kind registry: a criterion in YAML names a kind; implementations register here.

The rulebook never imports the implementations (``mskoko.documents.check`` registers the
built-in ones), so a new kind plugs in without touching the loader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from mskoko.errors import MskokoError
from mskoko.rulebook.loader import validate_file

__all__ = ["get_check", "known_kinds", "register_check", "validate_file"]

F = TypeVar("F", bound=Callable[..., Any])

_CHECKS: dict[str, Callable[..., Any]] = {}


def _same_definition(a: Callable[..., Any], b: Callable[..., Any]) -> bool:
    # A re-imported module defines a new object for the same function: not a conflict.
    return (getattr(a, "__module__", None), getattr(a, "__qualname__", None)) == (
        getattr(b, "__module__", None), getattr(b, "__qualname__", None))


def register_check(kind: str) -> Callable[[F], F]:
    """Decorator: register ``func`` as the implementation of the check kind ``kind``."""
    if not kind or not isinstance(kind, str):
        raise MskokoError("Вид проверки должен быть непустой строкой.")

    def decorator(func: F) -> F:
        existing = _CHECKS.get(kind)
        if existing is not None and existing is not func and not _same_definition(existing, func):
            raise MskokoError(
                f"Вид проверки «{kind}» уже зарегистрирован ({existing.__module__}."
                f"{existing.__qualname__}); выберите другое имя вида."
            )
        _CHECKS[kind] = func
        return func

    return decorator


def get_check(kind: str) -> Callable[..., Any]:
    """The implementation of a check kind; a Russian error names the registered kinds."""
    try:
        return _CHECKS[kind]
    except KeyError:
        known = ", ".join(sorted(_CHECKS)) or "ни одного (модуль проверок не загружен)"
        raise MskokoError(
            f"Вид проверки «{kind}» не зарегистрирован. Зарегистрированы: {known}."
        ) from None


def known_kinds() -> set[str]:
    """The kinds registered so far."""
    return set(_CHECKS)
