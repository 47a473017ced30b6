"""The check-kind registry: a criterion in YAML names a kind; implementations register here.

The rulebook never imports the implementations (``mskoko.documents.check`` registers the
built-in ones), so a new kind plugs in without touching the loader. A kind may declare the
``params`` it reads as a pydantic model; ``validate_file`` then checks every criterion's and
penalty's params against it (unknown names, wrong types).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from mskoko.errors import MskokoError
from mskoko.rulebook.loader import validate_file

__all__ = [
    "get_check",
    "kind_schemas",
    "known_kinds",
    "params_schema",
    "register_check",
    "validate_file",
]

F = TypeVar("F", bound=Callable[..., Any])


_CHECKS: dict[str, Callable[..., Any]] = {}
# implementation → its params model: the model belongs to the implementation, not to the kind
# name, so an implementation put in place of another (a reload, a test double) never inherits a
# stale model, and putting the old one back restores its model.
_PARAMS: dict[Callable[..., Any], type[BaseModel] | None] = {}


def _same_definition(a: Callable[..., Any], b: Callable[..., Any]) -> bool:
    # A re-imported module defines a new object for the same function: not a conflict.
    return (getattr(a, "__module__", None), getattr(a, "__qualname__", None)) == (
        getattr(b, "__module__", None), getattr(b, "__qualname__", None))


def register_check(kind: str, params: type[BaseModel] | None = None) -> Callable[[F], F]:
    """Decorator: register ``func`` as the implementation of the check kind ``kind``.

    ``params`` is the pydantic model of the criterion params the kind reads (None: not declared).
    """
    if not kind or not isinstance(kind, str):
        raise MskokoError("Вид проверки должен быть непустой строкой.")
    if params is not None and not (isinstance(params, type) and issubclass(params, BaseModel)):
        raise MskokoError(
            f"Параметры вида проверки «{kind}» должны быть описаны моделью pydantic (BaseModel)."
        )

    def decorator(func: F) -> F:
        existing = _CHECKS.get(kind)
        if existing is not None and existing is not func and not _same_definition(existing, func):
            raise MskokoError(
                f"Вид проверки «{kind}» уже зарегистрирован ({existing.__module__}."
                f"{existing.__qualname__}); выберите другое имя вида."
            )
        _CHECKS[kind] = func
        _PARAMS[func] = params
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


def params_schema(kind: str) -> type[BaseModel] | None:
    """The params model a registered kind declared; None for an unknown kind or no declaration."""
    func = _CHECKS.get(kind)
    return _PARAMS.get(func) if func is not None else None


def kind_schemas() -> dict[str, type[BaseModel] | None]:
    """Every registered kind with its params model: what ``validate_file`` accepts as known kinds."""
    return {kind: params_schema(kind) for kind in _CHECKS}


def known_kinds() -> set[str]:
    """The kinds registered so far."""
    return set(_CHECKS)
