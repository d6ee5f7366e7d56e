"""Typed shape of the matter catalogue (政务服务事项实施清单) as shipped to a terminal.

The models only check the shape of each entry. Everything that needs the whole catalogue
(enum codes exist, forms exist, bundles merge, expressions compile) lives in
:func:`kiosk.catalog.validation.validate_catalog`, the single gate a catalogue must pass before it
may replace an older one. Build catalogues through that function, not ``Catalog.model_validate``.

Enumerations (categories, necessity levels, matter kinds, ...) differ between provinces, so their
codes and labels are data. Code asks about *behaviour* through ``EnumItem.flags`` and
``EnumItem.rank``, never by comparing against a Chinese code.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.forms.schema import FormDefinition
from kiosk.i18n import LocalText

CODE_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"


class EnumName(StrEnum):
    """Keys of ``Catalog.enums``: which enumeration a matter attribute draws its codes from."""

    CATEGORY = "category"  # service categories and life-event themes (flag ``life_event``)
    AUDIENCE = "audience"  # 个人 / 法人
    MATTER_KIND = "matter_kind"  # 即办件 (flag ``on_the_spot``) / 承诺件
    LEVEL = "level"  # 市级 / 区级 / 街道 / 社区
    DEPARTMENT = "department"
    MATERIAL_TYPE = "material_type"  # 证件证书证明 / 申请表格文书 / 其他
    MATERIAL_FORM = "material_form"  # paper / electronic / either
    NECESSITY = "necessity"  # 必要 / 非必要 / 容缺后补 / 告知承诺 (``rank`` = strictness)
    CAPTURE_METHOD = "capture_method"  # camera / e_certificate / window
    HANDLING_FORM = "handling_form"  # window / online / express
    RESULT_TYPE = "result_type"  # 证照 / 批文 / 其他 / 无
    DELIVERY = "delivery"  # pickup / mail


class Flag(StrEnum):
    """Behaviour flags that code may ask an ``EnumItem`` about."""

    ON_THE_SPOT = "on_the_spot"  # matter_kind: finished at once, promised limit must be 0
    DEFERRABLE = "deferrable"  # necessity: 容缺后补, may be supplied within supplement_days
    COMMITMENT = "commitment"  # necessity: 告知承诺, replaced by a signed promise
    OPTIONAL = "optional"  # necessity: 非必要, the resident may skip it
    LIFE_EVENT = "life_event"  # category: a life-event theme used by bundles
    NO_RESULT = "no_result"  # result_type: nothing is issued, so no delivery choice


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EnumItem(_Frozen):
    """One code of an enumeration.

    ``rank`` orders items where order means something: for necessity a higher rank is stricter,
    which is how bundle merging keeps the strictest requirement without knowing the codes.
    """

    code: str = Field(pattern=CODE_PATTERN)
    label: LocalText
    rank: int = 0
    flags: dict[str, bool] = Field(default_factory=dict)

    def has(self, flag: str) -> bool:
        return self.flags.get(flag, False)


class Fee(_Frozen):
    """收费. Amounts are integer fen so no float ever reaches a receipt."""

    free: bool = True
    amount_fen: int = Field(default=0, ge=0)
    basis: LocalText | None = None  # legal basis of the charge

    @model_validator(mode="after")
    def _consistent(self) -> Fee:
        if self.free and self.amount_fen:
            raise ValueError("a free matter cannot have an amount")
        if not self.free and (self.amount_fen <= 0 or self.basis is None):
            raise ValueError("a charged matter needs a positive amount and a legal basis")
        return self


class Material(_Frozen):
    """申请材料. Photographed copies are only "user-uploaded" trust: staff verify them later."""

    code: str = Field(pattern=CODE_PATTERN)
    name: LocalText
    type: str  # EnumName.MATERIAL_TYPE
    form: str  # EnumName.MATERIAL_FORM
    copies: int = Field(default=1, ge=0)
    necessity: str  # EnumName.NECESSITY
    capture_methods: list[str] = Field(min_length=1)  # EnumName.CAPTURE_METHOD
    note: LocalText | None = None


class Matter(_Frozen):
    """One matter as implemented in this region (one 实施编码)."""

    code: str = Field(pattern=CODE_PATTERN)  # 事项编码: province formats differ, keep a string
    implementation_code: str = Field(pattern=CODE_PATTERN)  # 实施编码
    name: LocalText
    department: str  # EnumName.DEPARTMENT
    level: str  # EnumName.LEVEL
    category: str  # EnumName.CATEGORY
    audience: str  # EnumName.AUDIENCE
    kind: str  # EnumName.MATTER_KIND
    legal_limit_days: int = Field(ge=0)  # 法定时限, working days
    promised_limit_days: int = Field(ge=0)  # 承诺时限, working days; 0 when on the spot
    fee: Fee = Field(default_factory=Fee)
    handling_forms: list[str] = Field(min_length=1)  # EnumName.HANDLING_FORM
    visits_required: int = Field(ge=0)  # 到现场次数
    result_type: str  # EnumName.RESULT_TYPE
    delivery_options: list[str] = Field(default_factory=list)  # EnumName.DELIVERY
    conditions: list[LocalText] = Field(default_factory=list)  # 受理条件
    materials: list[Material] = Field(default_factory=list)
    form_id: str
    form_version: int = Field(ge=1)
    keywords: list[str] = Field(default_factory=list)  # extra search words, zh and en
    popular: bool = False
    supplement_days: int | None = Field(default=None, ge=1)  # deadline for 容缺后补 materials
    commitment_text: LocalText | None = None  # the promise signed for 告知承诺 materials


class Bundle(_Frozen):
    """一件事: an ordered set of matters done with one merged form and one material list."""

    code: str = Field(pattern=CODE_PATTERN)
    name: LocalText
    description: LocalText
    theme: str  # EnumName.CATEGORY, normally an item flagged ``life_event``
    matter_codes: list[str] = Field(min_length=2)
    keywords: list[str] = Field(default_factory=list)


class Catalog(_Frozen):
    """A complete, versioned catalogue. Replaced as a whole, never patched in place."""

    catalog_version: str = Field(min_length=1, max_length=64)
    generated_at: dt.datetime
    sample: bool = False  # True for illustrative data that is not an official list
    notice: LocalText | None = None  # shown wherever the catalogue is not authoritative
    region_code: str = Field(pattern=r"^\d{6}$")
    enums: dict[str, list[EnumItem]]
    matters: list[Matter] = Field(min_length=1)
    bundles: list[Bundle] = Field(default_factory=list)
    forms: list[FormDefinition] = Field(default_factory=list)

    def enum_item(self, name: str, code: str) -> EnumItem | None:
        for item in self.enums.get(name, ()):
            if item.code == code:
                return item
        return None

    def has_flag(self, name: str, code: str, flag: str) -> bool:
        """Behaviour of a code, e.g. ``has_flag("necessity", m.necessity, Flag.DEFERRABLE)``."""
        item = self.enum_item(name, code)
        return item is not None and item.has(flag)

    def label(self, name: str, code: str) -> LocalText | None:
        item = self.enum_item(name, code)
        return item.label if item else None

    def matter(self, code: str) -> Matter | None:
        return next((m for m in self.matters if m.code == code), None)

    def bundle(self, code: str) -> Bundle | None:
        return next((b for b in self.bundles if b.code == code), None)

    def form(self, form_id: str, version: int) -> FormDefinition | None:
        return next((f for f in self.forms if f.id == form_id and f.version == version), None)

    def form_for(self, matter: Matter) -> FormDefinition | None:
        return self.form(matter.form_id, matter.form_version)
