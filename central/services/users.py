"""Back-office staff accounts (created by the CLI, never by the API)."""

from __future__ import annotations

from sqlalchemy import select

from central.db import Database
from central.models import User
from central.security import hash_password, verify_password
from central.util import utcnow


def add_user(db: Database, name: str, password: str) -> None:
    """Create ``name`` or reset its password."""
    if not name.strip() or len(name) > 100:
        raise ValueError("user name must be 1..100 characters")
    if len(password) < 8:
        raise ValueError("password must have at least 8 characters")
    hashed = hash_password(password)
    with db.transaction() as session:
        user = session.get(User, name)
        if user is None:
            session.add(User(name=name, password_hash=hashed, created_at=utcnow()))
        else:
            user.password_hash = hashed


def check_login(db: Database, name: str, password: str) -> bool:
    with db.transaction() as session:
        stored = session.scalar(select(User.password_hash).where(User.name == name))
    # Hash even for unknown users so timing does not reveal which names exist.
    return verify_password(password, stored or "scrypt$16384$8$1$00$00") and stored is not None
