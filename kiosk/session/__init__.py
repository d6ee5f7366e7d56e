"""The resident's visit: journey state machine, idle warning and wipe, assisted mode."""

from kiosk.session.idle import Clock, IdleAction, IdleTimer, TickResult
from kiosk.session.machine import (
    Assistance,
    AssistKind,
    CardRemovalPolicy,
    DraftDisposer,
    FormValue,
    Session,
    SessionChange,
    SessionListener,
)
from kiosk.session.states import ALLOWED, SessionState, can_go

__all__ = [
    "ALLOWED",
    "AssistKind",
    "Assistance",
    "CardRemovalPolicy",
    "Clock",
    "DraftDisposer",
    "FormValue",
    "IdleAction",
    "IdleTimer",
    "Session",
    "SessionChange",
    "SessionListener",
    "SessionState",
    "TickResult",
    "can_go",
]
