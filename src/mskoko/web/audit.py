"""The audit log: one call per change a person makes (who, what, when, which municipality)."""

from __future__ import annotations

from typing import Any

from mskoko.web.core.models import AuditEntry, Municipality


def record(
    user: Any,
    action: str,
    *,
    object_type: str = "",
    object_id: str | int = "",
    municipality: Municipality | str | None = None,
    details: dict[str, Any] | None = None,
    actor: str = "",
) -> AuditEntry:
    """Store one audit entry; ``action`` is a stable English code shown in Russian on the page.

    ``actor`` names who acted when there is no logged-in user (e.g. «командная строка»).
    """
    authenticated = bool(getattr(user, "is_authenticated", False))
    municipality_id = municipality.id if isinstance(municipality, Municipality) else municipality
    return AuditEntry.objects.create(
        user=user if authenticated else None,
        actor=user.get_username() if authenticated else (actor or "не вошедший пользователь"),
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:200],
        municipality_id=municipality_id,
        details=details or {},
    )


ACTION_LABELS: dict[str, str] = {
    "import": "загрузка данных",
    "login": "вход",
    "login_failed": "неудачный вход",
    "login_locked": "вход заблокирован",
    "logout": "выход",
    "user_created": "создан пользователь",
    "user_changed": "изменён пользователь",
    "analysis_started": "запущен анализ",
    "analysis_finished": "анализ выполнен",
    "analysis_failed": "анализ завершился ошибкой",
    "document_uploaded": "загружен документ",
    "document_deleted": "удалён документ",
    "document_generated": "сформирован документ",
    "measure_created": "добавлено мероприятие",
    "measure_changed": "изменено мероприятие",
    "measure_deleted": "удалено мероприятие",
    "cycle_changed": "изменён управленческий цикл",
    "score_saved": "выставлен балл",
    "score_removed": "снят балл",
    "proposals_accepted": "приняты предложения проверки",
    "period_locked": "период оценки закрыт",
    "period_unlocked": "период оценки открыт",
    "export": "выгрузка",
    "rulebook_uploaded": "загружена редакция методики",
    "rulebook_assigned": "выбрана редакция методики для года",
}


OBJECT_LABELS: dict[str, str] = {
    "user": "пользователь",
    "dataset": "данные",
    "analysis": "анализ",
    "document": "документ",
    "generated": "сформированный документ",
    "measure": "мероприятие",
    "cycle": "управленческий цикл",
    "expert_score": "баллы эксперта",
    "expert_penalty": "штраф эксперта",
    "scoring_period": "период оценки",
    "scorecard": "оценочный лист",
    "region": "сравнение региона",
    "rulebook": "редакция методики",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def object_label(object_type: str) -> str:
    return OBJECT_LABELS.get(object_type, object_type)
