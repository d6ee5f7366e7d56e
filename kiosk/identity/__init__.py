"""Resident identity: one type for every source, GB 11643 validation, masking."""

from kiosk.identity.masking import mask_id_number, mask_name, mask_phone
from kiosk.identity.model import DocumentType, Identity, IdentitySource, Sex
from kiosk.identity.nations import nation_code_for_name, nation_name
from kiosk.identity.validate import (
    IdNumberInfo,
    check_character,
    id_number_problem,
    identity_from_fields,
    manual_identity,
    normalize_id_number,
    parse_id_number,
)

__all__ = [
    "DocumentType",
    "IdNumberInfo",
    "Identity",
    "IdentitySource",
    "Sex",
    "check_character",
    "id_number_problem",
    "identity_from_fields",
    "manual_identity",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "nation_code_for_name",
    "nation_name",
    "normalize_id_number",
    "parse_id_number",
]
