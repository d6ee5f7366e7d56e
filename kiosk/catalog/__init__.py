"""The matter catalogue: typed models, the validation gate, bundle merging and loading."""

from kiosk.catalog.bundles import BundleMaterial, MergedBundle, bundle_form_id, merge_bundle
from kiosk.catalog.loader import load_catalog, sample_catalog_path
from kiosk.catalog.models import (
    Bundle,
    Catalog,
    EnumItem,
    EnumName,
    Fee,
    Flag,
    Material,
    Matter,
)
from kiosk.catalog.validation import check_catalog, format_path, validate_catalog

__all__ = [
    "Bundle",
    "BundleMaterial",
    "Catalog",
    "EnumItem",
    "EnumName",
    "Fee",
    "Flag",
    "Material",
    "Matter",
    "MergedBundle",
    "bundle_form_id",
    "check_catalog",
    "format_path",
    "load_catalog",
    "merge_bundle",
    "sample_catalog_path",
    "validate_catalog",
]
