"""Resident identity: one type for every source, GB 11643 validation, masking."""

from kiosk.identity.model import DocumentType, Identity, IdentitySource, Sex

__all__ = ["DocumentType", "Identity", "IdentitySource", "Sex"]
