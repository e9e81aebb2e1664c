"""Writing audit events (the only way they are created)."""

from typing import Any

from sadari.common.models import AuditEvent


def audit_record(*, actor: Any, action: str, target: Any, **detail: Any) -> AuditEvent:
    """Records ``action`` by ``actor`` (a user or None) on ``target`` (a model instance)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        detail=detail,
    )
