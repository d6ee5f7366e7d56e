# ruff: noqa: E501 - bilingual catalogue text reads better unbroken
"""Generate ``config/sample_catalog.json``: an illustrative catalogue for 历下区, Jinan.

Why a generator: dozens of forms share an applicant page, a declaration page and many fields
(the newborn, the deceased, a bank account). Defining each shared field once keeps names and
types identical across forms, which is exactly what bundle merging relies on. The committed
JSON is what the kiosk runs; after editing, re-run and commit both::

    .venv/bin/python scripts/gen_sample_catalog.py

This is SAMPLE data: names and structure follow public practice, but codes, time limits and
material lists are illustrative, not an official 实施清单. The file is mostly data, hence longer
than a normal module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "config" / "sample_catalog.json"
Obj = dict[str, Any]


def t(zh: str, en: str) -> Obj:
    return {"zh": zh, "en": en}


def f(name: str, type_: str, zh: str, en: str, **kw: Any) -> Obj:
    out: Obj = {"name": name, "type": type_, "label": t(zh, en)}
    out.update(kw)
    return out


def items(*rows: tuple[Any, ...]) -> list[Obj]:
    """Enum items from (code, zh, en[, rank[, flags]]) rows."""
    out = []
    for row in rows:
        item: Obj = {"code": row[0], "label": t(row[1], row[2])}
        if len(row) > 3:
            item["rank"] = row[3]
        if len(row) > 4:
            item["flags"] = row[4]
        out.append(item)
    return out


ENUMS: Obj = {
    "category": items(
        ("social_insurance", "社会保险", "Social insurance", 10),
        ("medical_insurance", "医疗保障", "Medical insurance", 20),
        ("civil_assistance", "民政救助", "Civil affairs and social assistance", 30),
        ("household", "户籍与居住证", "Household registration and residence permits", 40),
        ("family_health", "计划生育与卫生健康", "Family planning and health", 50),
        ("disability", "残疾人服务", "Services for persons with disabilities", 60),
        ("employment", "就业创业", "Employment", 70),
        ("elderly", "养老服务", "Elderly care", 80),
        ("veterans", "退役军人服务", "Veterans' services", 90),
        ("theme_birth", "出生", "Having a baby", 100, {"life_event": True}),
        ("theme_retirement", "退休", "Retirement", 110, {"life_event": True}),
        ("theme_death", "身后事", "After a death in the family", 120, {"life_event": True}),
    ),
    "audience": items(("person", "个人", "Individuals"), ("legal_person", "法人", "Organisations")),
    "matter_kind": items(
        ("on_the_spot", "即办件", "Done on the spot", 1, {"on_the_spot": True}),
        ("promised", "承诺件", "Done within a promised time", 2),
    ),
    "level": items(
        ("city", "市级", "City level", 1),
        ("district", "区（县）级", "District level", 2),
        ("street", "街道（镇）级", "Sub-district level", 3),
        ("community", "社区（村）级", "Community level", 4),
    ),
    "department": items(
        ("jn_sib", "济南市社会保险事业中心", "Jinan Social Insurance Service Centre"),
        ("jn_medical", "济南市医疗保障局", "Jinan Healthcare Security Administration"),
        (
            "lx_hrss",
            "历下区人力资源和社会保障局",
            "Lixia District Human Resources and Social Security Bureau",
        ),
        ("lx_civil", "历下区民政局", "Lixia District Civil Affairs Bureau"),
        ("lx_health", "历下区卫生健康局", "Lixia District Health Commission"),
        ("lx_disabled", "历下区残疾人联合会", "Lixia District Disabled Persons' Federation"),
        ("lx_veterans", "历下区退役军人事务局", "Lixia District Veterans Affairs Bureau"),
        (
            "police_station",
            "公安派出所（济南市公安局历下区分局）",
            "Police station (Lixia Branch, Jinan Public Security Bureau)",
        ),
        ("street_center", "街道便民服务中心", "Sub-district convenience service centre"),
    ),
    "material_type": items(
        ("certificate", "证件证书证明", "Certificate or proof"),
        ("application", "申请表格文书", "Application form or document"),
        ("other", "其他", "Other"),
    ),
    "material_form": items(
        ("paper", "纸质", "Paper"),
        ("electronic", "电子", "Electronic"),
        ("either", "纸质或电子", "Paper or electronic"),
    ),
    # rank = strictness: bundle merging keeps the highest rank for a shared material.
    "necessity": items(
        ("required", "必要", "Required", 40),
        ("deferrable", "容缺后补", "May be supplied later", 30, {"deferrable": True}),
        ("commitment", "告知承诺", "Replaced by a signed promise", 20, {"commitment": True}),
        ("optional", "非必要", "Optional", 10, {"optional": True}),
    ),
    "capture_method": items(
        ("camera", "拍照上传", "Photograph at the kiosk"),
        ("e_certificate", "电子证照调取", "Fetch the e-certificate"),
        ("window", "窗口提交纸质材料", "Hand in on paper at the window"),
    ),
    "handling_form": items(
        ("window", "窗口办理", "At a service window"),
        ("online", "网上办理", "Online"),
        ("express", "快递收件", "By express post"),
    ),
    "result_type": items(
        ("license", "证照", "Licence or certificate"),
        ("approval", "批文", "Official approval"),
        ("other", "其他", "Other"),
        ("none", "无", "No document issued", 0, {"no_result": True}),
    ),
    "delivery": items(("pickup", "窗口自取", "Pick up at the window"), ("mail", "邮寄", "By post")),
}


def choices(*rows: tuple[str, str, str]) -> list[Obj]:
    return [{"value": v, "label": t(zh, en)} for v, zh, en in rows]


CHOICES: dict[str, list[Obj]] = {
    "sex": choices(("1", "男", "Male"), ("2", "女", "Female")),
    "relationship": choices(
        ("spouse", "配偶", "Spouse"),
        ("child", "子女", "Child"),
        ("parent", "父母", "Parent"),
        ("grandparent", "祖父母、外祖父母", "Grandparent"),
        ("grandchild", "孙子女、外孙子女", "Grandchild"),
        ("sibling", "兄弟姐妹", "Brother or sister"),
        ("other", "其他", "Other"),
    ),
    "bank": choices(
        ("icbc", "中国工商银行", "ICBC"),
        ("abc", "中国农业银行", "Agricultural Bank of China"),
        ("boc", "中国银行", "Bank of China"),
        ("ccb", "中国建设银行", "China Construction Bank"),
        ("jnrcb", "济南农商银行", "Jinan Rural Commercial Bank"),
        ("qlbank", "齐鲁银行", "Qilu Bank"),
        ("psbc", "中国邮政储蓄银行", "Postal Savings Bank of China"),
    ),
    "delivery_method": choices(
        ("pickup", "到窗口自取", "Pick up at the window"),
        ("mail", "免费邮寄到家", "Free post to my address"),
    ),
    "photo_source": choices(
        ("police", "调用公安制证照片", "Use my ID card photo"),
        ("kiosk", "在自助机现场拍照", "Take a photo at the kiosk"),
    ),
    "death_cause": choices(
        ("illness", "因病", "Illness"), ("accident", "意外", "Accident"), ("other", "其他", "Other")
    ),
    "education": choices(
        ("primary", "小学及以下", "Primary school or less"),
        ("junior", "初中", "Junior secondary"),
        ("senior", "高中、中专", "Senior or vocational secondary"),
        ("college", "大专", "Junior college"),
        ("bachelor", "本科及以上", "Bachelor's degree or higher"),
    ),
    "residence_basis": choices(
        ("work", "合法稳定就业", "Stable employment"),
        ("study", "连续就读", "Full-time study"),
        ("home", "合法稳定住所", "Stable legal residence"),
    ),
    "housing_type": choices(
        ("own", "自有住房", "Own home"),
        ("rent", "租赁住房", "Rented home"),
        ("employer", "单位宿舍", "Employer dormitory"),
        ("relatives", "借住亲友住房", "Staying with relatives or friends"),
    ),
}

# --------------------------------------------------------------------------- shared fields


def applicant_page() -> Obj:
    return {
        "id": "applicant",
        "title": t("申请人信息", "Applicant"),
        "fields": [
            f(
                "applicant_name",
                "text",
                "姓名",
                "Full name",
                required=True,
                prefill="name",
                max_length=30,
            ),
            f(
                "applicant_id_number",
                "id_number",
                "公民身份号码",
                "ID number",
                required=True,
                prefill="id_number",
            ),
            f("applicant_sex", "select_one", "性别", "Sex", choices="sex", prefill="sex"),
            f(
                "applicant_birth_date",
                "date",
                "出生日期",
                "Date of birth",
                required=True,
                prefill="birth_date",
                max_date="today",
            ),
            f(
                "phone",
                "phone",
                "联系电话",
                "Phone number",
                required=True,
                hint=t("用于接收办理进度短信", "We text you about progress"),
            ),
            f(
                "address",
                "address",
                "现居住地址",
                "Current address",
                required=True,
                prefill="address",
            ),
        ],
    }


def age_field(minimum: int, zh_msg: str, en_msg: str, maximum: int | None = None) -> Obj:
    constraint = f"value >= {minimum}" + (f" and value < {maximum}" if maximum else "")
    return f(
        "applicant_age",
        "number",
        "申请人年龄（自动计算）",
        "Applicant's age (calculated)",
        calculate="age(applicant_birth_date)",
        readonly=True,
        constraint=constraint,
        constraint_message=t(zh_msg, en_msg),
    )


def bank_fields() -> list[Obj]:
    return [
        f("bank_name", "select_one", "开户银行", "Bank", required=True, choices="bank"),
        f(
            "bank_account",
            "text",
            "本人银行账号",
            "Your bank account number",
            required=True,
            constraint="len(value) >= 12 and len(value) <= 23",
            constraint_message=t(
                "银行账号应为12至23位", "A bank account number has 12 to 23 digits"
            ),
        ),
    ]


def baby_fields(relevant: str | None = None) -> list[Obj]:
    extra = {"relevant": relevant} if relevant else {}
    return [
        f("baby_name", "text", "新生儿姓名", "Baby's name", required=True, max_length=30, **extra),
        f(
            "baby_sex",
            "select_one",
            "新生儿性别",
            "Baby's sex",
            required=True,
            choices="sex",
            **extra,
        ),
        f(
            "baby_birth_date",
            "date",
            "新生儿出生日期",
            "Baby's date of birth",
            required=True,
            max_date="today",
            constraint="age(value) < 18",
            constraint_message=t("请填写未成年子女的出生日期", "Enter the birth date of a minor"),
            **extra,
        ),
        f(
            "birth_cert_number",
            "text",
            "出生医学证明编号",
            "Birth certificate number",
            required=True,
            constraint="len(value) == 10",
            constraint_message=t(
                "出生医学证明编号为10位，如 R370123456",
                "The number has 10 characters, e.g. R370123456",
            ),
            **extra,
        ),
    ]


def parents_fields() -> list[Obj]:
    return [
        f("mother_name", "text", "母亲姓名", "Mother's name", required=True),
        f("mother_id_number", "id_number", "母亲公民身份号码", "Mother's ID number", required=True),
        f("father_name", "text", "父亲姓名", "Father's name"),
        f(
            "father_id_number",
            "id_number",
            "父亲公民身份号码",
            "Father's ID number",
            required_if="not empty(father_name)",
        ),
    ]


def deceased_fields() -> list[Obj]:
    return [
        f("deceased_name", "text", "逝者姓名", "Name of the deceased", required=True),
        f(
            "deceased_id_number",
            "id_number",
            "逝者公民身份号码",
            "ID number of the deceased",
            required=True,
        ),
        f("death_date", "date", "死亡日期", "Date of death", required=True, max_date="today"),
        f(
            "death_cause",
            "select_one",
            "死亡原因",
            "Cause of death",
            required=True,
            choices="death_cause",
        ),
        f(
            "relation_to_deceased",
            "select_one",
            "申请人与逝者关系",
            "Your relationship to the deceased",
            required=True,
            choices="relationship",
        ),
    ]


def family_group(min_repeat: int = 0) -> Obj:
    return f(
        "family_members",
        "group",
        "共同生活的家庭成员",
        "Household members living with you",
        repeat=True,
        min_repeat=min_repeat,
        max_repeat=10,
        hint=t("不含申请人本人", "Do not include yourself"),
        fields=[
            f("member_name", "text", "姓名", "Name", required=True),
            f("member_id_number", "id_number", "公民身份号码", "ID number", required=True),
            f(
                "member_relationship",
                "select_one",
                "与申请人关系",
                "Relationship to you",
                required=True,
                choices="relationship",
            ),
            f(
                "member_monthly_income",
                "number",
                "月收入（元）",
                "Monthly income (yuan)",
                required=True,
                min_value=0,
            ),
            f("member_has_disability", "yes_no", "是否残疾或重病", "Disabled or seriously ill?"),
        ],
    )


def income_fields() -> list[Obj]:
    return [
        f(
            "applicant_monthly_income",
            "number",
            "本人月收入（元）",
            "Your monthly income (yuan)",
            required=True,
            min_value=0,
        ),
        family_group(),
        f(
            "household_size",
            "number",
            "家庭人口（自动计算）",
            "Household size (calculated)",
            calculate="count(family_members) + 1",
            readonly=True,
        ),
        f(
            "household_income",
            "number",
            "家庭月总收入（元，自动计算）",
            "Household monthly income (yuan, calculated)",
            calculate="sum_of(family_members, 'member_monthly_income') + applicant_monthly_income",
            readonly=True,
        ),
        f(
            "per_capita_income",
            "number",
            "家庭月人均收入（元，自动计算）",
            "Monthly income per person (yuan, calculated)",
            calculate="round(household_income / household_size, 2)",
            readonly=True,
        ),
    ]


def sel(
    name: str, zh: str, en: str, rows: list[tuple[str, str, str]], multiple: bool = False, **kw: Any
) -> Obj:
    """A choice field whose list is named after the field (lists of the matter's own)."""
    CHOICES.setdefault(name, choices(*rows))
    return f(name, "select_multiple" if multiple else "select_one", zh, en, choices=name, **kw)


def yn(name: str, zh: str, en: str, **kw: Any) -> Obj:
    return f(name, "yes_no", zh, en, **kw)


def delivery_page() -> Obj:
    return {
        "id": "delivery",
        "title": t("结果领取方式", "How to receive the result"),
        "fields": [
            f(
                "delivery_method",
                "select_one",
                "领取方式",
                "Delivery",
                required=True,
                choices="delivery_method",
                default="pickup",
            ),
            f(
                "mail_address",
                "address",
                "邮寄地址",
                "Postal address",
                required=True,
                relevant="delivery_method == 'mail'",
            ),
        ],
    }


def declaration_page(commitment: bool) -> Obj:
    fields = [
        f(
            "declaration_note",
            "note",
            "本人承诺所填信息及所提交材料真实有效，如有虚假，愿承担相应法律责任。",
            "I declare that the information and materials I have provided are true. I accept legal responsibility for any false statement.",
        ),
        yn(
            "info_true",
            "我已阅读并确认以上声明",
            "I have read and accept this declaration",
            required=True,
            constraint="value == True",
            constraint_message=t("确认声明后才能提交", "Please accept the declaration to submit"),
        ),
    ]
    if commitment:
        fields.append(
            yn(
                "commitment_agree",
                "我已阅读告知承诺书，并在规定期限内履行承诺",
                "I have read the written commitment and will keep it",
                required=True,
                constraint="value == True",
                constraint_message=t("告知承诺须经本人同意", "The commitment needs your consent"),
            )
        )
    fields.append(
        f("applicant_signature", "signature", "申请人签名", "Your signature", required=True)
    )
    return {
        "id": "declaration",
        "title": t("声明与签名", "Declaration and signature"),
        "fields": fields,
    }


# ------------------------------------------------------------------------------- materials
# code: (zh, en, type, form, capture methods)
MATERIALS: dict[str, tuple[str, str, str, str, list[str]]] = {
    "id_card": (
        "居民身份证",
        "Resident ID card",
        "certificate",
        "either",
        ["e_certificate", "camera"],
    ),
    "household_register": (
        "居民户口簿",
        "Household register (hukou booklet)",
        "certificate",
        "either",
        ["e_certificate", "camera", "window"],
    ),
    "photo": (
        "近期一寸免冠彩色照片",
        "Recent passport-style colour photo",
        "other",
        "either",
        ["camera", "window"],
    ),
    "bank_card": (
        "本人社会保障卡或银行卡",
        "Your social security card or bank card",
        "certificate",
        "paper",
        ["camera"],
    ),
    "birth_medical_cert": (
        "出生医学证明",
        "Medical birth certificate",
        "certificate",
        "either",
        ["e_certificate", "camera"],
    ),
    "marriage_cert": (
        "结婚证",
        "Marriage certificate",
        "certificate",
        "either",
        ["e_certificate", "camera"],
    ),
    "death_cert": (
        "居民死亡医学证明（推断）书",
        "Medical certificate of death",
        "certificate",
        "either",
        ["e_certificate", "camera", "window"],
    ),
    "cremation_cert": (
        "火化证明",
        "Cremation certificate",
        "certificate",
        "paper",
        ["camera", "window"],
    ),
    "deceased_id_card": (
        "逝者居民身份证",
        "ID card of the deceased",
        "certificate",
        "paper",
        ["window"],
    ),
    "income_statement": (
        "家庭收入情况说明",
        "Statement of household income",
        "application",
        "paper",
        ["camera", "window"],
    ),
    "economic_commitment": (
        "家庭经济状况告知承诺书",
        "Written commitment on household finances",
        "application",
        "electronic",
        ["window"],
    ),
    "disability_cert": (
        "中华人民共和国残疾人证",
        "Disability certificate",
        "certificate",
        "either",
        ["e_certificate", "camera"],
    ),
    "proxy_authorization": (
        "授权委托书及代办人身份证",
        "Letter of authorisation and the proxy's ID card",
        "application",
        "paper",
        ["camera", "window"],
    ),
    "retirement_approval": (
        "职工退休审批表",
        "Retirement approval form",
        "certificate",
        "paper",
        ["camera", "window"],
    ),
    "residence_proof": (
        "住所证明（房产证或租赁合同）",
        "Proof of residence (deed or tenancy agreement)",
        "certificate",
        "either",
        ["e_certificate", "camera"],
    ),
    "employment_proof": (
        "劳动合同或在职证明",
        "Employment contract or proof of employment",
        "certificate",
        "paper",
        ["camera"],
    ),
    "study_proof": ("在读证明", "Proof of enrolment", "certificate", "paper", ["camera"]),
    "diagnosis": (
        "二级及以上医院诊断证明及病历",
        "Diagnosis and medical records from a grade II+ hospital",
        "certificate",
        "paper",
        ["camera", "window"],
    ),
    "termination_proof": (
        "解除或终止劳动合同证明",
        "Proof that employment ended",
        "certificate",
        "paper",
        ["camera"],
    ),
    "discharge_cert": (
        "退出现役证明（退伍证、转业证）",
        "Discharge certificate",
        "certificate",
        "paper",
        ["camera", "window"],
    ),
    "one_child_cert": (
        "独生子女父母光荣证",
        "Certificate of parents of an only child",
        "certificate",
        "paper",
        ["camera"],
    ),
    "child_death_or_disability_proof": (
        "子女死亡证明或伤残证明",
        "Proof of the child's death or disability",
        "certificate",
        "paper",
        ["camera", "window"],
    ),
    "old_card": (
        "原证件（损坏或到期换领时）",
        "The old card (when damaged or expired)",
        "certificate",
        "paper",
        ["window"],
    ),
    "move_in_proof": (
        "迁入地住房证明",
        "Proof of the new home",
        "certificate",
        "either",
        ["e_certificate", "camera"],
    ),
    "remote_residence_proof": (
        "异地居住或工作证明",
        "Proof of living or working elsewhere",
        "certificate",
        "either",
        ["camera"],
    ),
}


def mat(
    code: str, necessity: str = "required", copies: int = 1, note: tuple[str, str] | None = None
) -> Obj:
    zh, en, type_, form, capture = MATERIALS[code]
    out: Obj = {
        "code": code,
        "name": t(zh, en),
        "type": type_,
        "form": form,
        "copies": copies,
        "necessity": necessity,
        "capture_methods": capture,
    }
    if note:
        out["note"] = t(*note)
    return out


ID = mat("id_card")
PROXY = mat(
    "proxy_authorization",
    "optional",
    note=("他人代办时提供", "Only when someone applies on your behalf"),
)
FREE: Obj = {"free": True}


def cond(*rows: tuple[str, str]) -> list[Obj]:
    return [t(zh, en) for zh, en in rows]


# --------------------------------------------------------------------------------- matters
MATTERS: list[Obj] = []
FORMS: list[Obj] = []


def page(page_id: str, zh: str, en: str, fields: list[Obj], **kw: Any) -> Obj:
    return {"id": page_id, "title": t(zh, en), "fields": fields, **kw}


def _used_lists(fields: list[Obj]) -> list[str]:
    out: list[str] = []
    for fld in fields:
        if "choices" in fld:
            out.append(fld["choices"])
        out.extend(_used_lists(fld.get("fields", [])))
    return out


def matter(
    code: str,
    zh: str,
    en: str,
    *,
    dept: str,
    level: str,
    category: str,
    kind: str,
    legal: int,
    promised: int,
    handling: list[str],
    visits: int,
    result: str,
    delivery: list[str],
    conditions: list[Obj],
    materials: list[Obj],
    pages: list[Obj],
    keywords: list[str],
    popular: bool = False,
    supplement_days: int | None = None,
    commitment: tuple[str, str] | None = None,
    fee: Obj = FREE,
) -> None:
    n = len(MATTERS) + 1
    form_pages = [applicant_page(), *pages]
    if "mail" in delivery:
        form_pages.append(delivery_page())
    form_pages.append(declaration_page(commitment is not None))
    used = sorted({k for p in form_pages for k in _used_lists(p["fields"])})
    form_id = f"f.{code}"
    FORMS.append(
        {
            "schema_version": 1,
            "id": form_id,
            "version": 1,
            "title": t(zh, en),
            "pages": form_pages,
            "choice_lists": {k: CHOICES[k] for k in used},
        }
    )
    entry: Obj = {
        "code": code,
        "implementation_code": f"11370102MB{n:04d}{code[-3:]}0001",
        "name": t(zh, en),
        "department": dept,
        "level": level,
        "category": category,
        "audience": "person",
        "kind": kind,
        "legal_limit_days": legal,
        "promised_limit_days": promised,
        "fee": fee,
        "handling_forms": handling,
        "visits_required": visits,
        "result_type": result,
        "delivery_options": delivery,
        "conditions": conditions,
        "materials": materials,
        "form_id": form_id,
        "form_version": 1,
        "keywords": keywords,
        "popular": popular,
    }
    if supplement_days is not None:
        entry["supplement_days"] = supplement_days
    if commitment is not None:
        entry["commitment_text"] = t(*commitment)
    MATTERS.append(entry)


SPOT = {"kind": "on_the_spot", "promised": 0}
WIN_ONLINE = ["window", "online"]
ALL_FORMS = ["window", "online", "express"]
BANK_PAGE = page("bank", "待遇发放账户", "Payment account", bank_fields())
NEWBORN_PAGE = page("newborn", "新生儿信息", "The baby", baby_fields())
DECEASED_PAGE = page("deceased", "逝者信息", "The deceased", deceased_fields())

# ---- 社会保险 social insurance
matter(
    "370102-SB-001",
    "城乡居民基本养老保险参保登记",
    "Enrolment in the urban and rural residents' pension scheme",
    dept="jn_sib",
    level="street",
    category="social_insurance",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(
        (
            "年满16周岁（不含在校学生）、未参加职工基本养老保险的本市户籍居民",
            "Registered Jinan residents aged 16 or over, not students, not in the employees' pension scheme",
        )
    ),
    materials=[ID, mat("household_register", "optional"), PROXY],
    pages=[
        page(
            "pension",
            "参保信息",
            "Enrolment",
            [
                age_field(16, "参保年龄须在16至59周岁之间", "You must be 16 to 59 years old", 60),
                yn(
                    "in_school",
                    "是否为在校学生",
                    "Are you a full-time student?",
                    required=True,
                    constraint="value == False",
                    constraint_message=t(
                        "在校学生不参加城乡居民养老保险", "Students cannot join this scheme"
                    ),
                ),
                yn(
                    "in_employee_pension",
                    "是否已参加职工基本养老保险",
                    "Are you in the employees' pension scheme?",
                    required=True,
                    constraint="value == False",
                    constraint_message=t(
                        "已参加职工养老保险的不能重复参保", "You cannot be in both schemes"
                    ),
                ),
                sel(
                    "contribution_grade",
                    "年缴费档次",
                    "Yearly contribution level",
                    [
                        ("300", "300元", "300 yuan"),
                        ("500", "500元", "500 yuan"),
                        ("1000", "1000元", "1,000 yuan"),
                        ("2000", "2000元", "2,000 yuan"),
                        ("3000", "3000元", "3,000 yuan"),
                        ("5000", "5000元", "5,000 yuan"),
                    ],
                    required=True,
                ),
            ],
        )
    ],
    keywords=["居民养老", "养老保险", "参保", "resident pension", "enrol"],
)
matter(
    "370102-SB-002",
    "城乡居民基本养老保险待遇申领",
    "Claiming the urban and rural residents' pension",
    dept="jn_sib",
    level="district",
    category="social_insurance",
    kind="promised",
    legal=20,
    promised=10,
    handling=WIN_ONLINE,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(
        (
            "年满60周岁、累计缴费满15年的参保人",
            "Scheme members aged 60 with at least 15 years of contributions",
        )
    ),
    materials=[ID, mat("bank_card"), mat("household_register", "deferrable"), PROXY],
    supplement_days=10,
    pages=[
        page(
            "pension",
            "待遇申领信息",
            "Claim",
            [
                age_field(60, "年满60周岁方可申领", "You can claim from age 60"),
                f(
                    "contribution_years",
                    "number",
                    "累计缴费年限",
                    "Years of contributions",
                    required=True,
                    min_value=0,
                    max_value=60,
                    constraint="value >= 15",
                    constraint_message=t(
                        "缴费不足15年的，可先补缴",
                        "With under 15 years you may pay the missing years first",
                    ),
                ),
            ],
        ),
        BANK_PAGE,
    ],
    keywords=["养老金", "领取养老金", "pension claim"],
)
matter(
    "370102-SB-003",
    "企业职工基本养老保险待遇申领（退休）",
    "Claiming the employees' basic pension on retirement",
    dept="jn_sib",
    level="city",
    category="social_insurance",
    kind="promised",
    legal=20,
    promised=10,
    handling=ALL_FORMS,
    visits=0,
    result="approval",
    delivery=["pickup", "mail"],
    conditions=cond(
        (
            "达到法定退休年龄且累计缴费满15年",
            "Legal retirement age reached and at least 15 years of contributions",
        )
    ),
    materials=[ID, mat("retirement_approval"), mat("bank_card"), PROXY],
    pages=[
        page(
            "retirement",
            "退休信息",
            "Retirement",
            [
                age_field(50, "未达到退休年龄", "You have not reached retirement age"),
                sel(
                    "retirement_type",
                    "退休类别",
                    "Type of retirement",
                    [
                        ("normal", "正常退休", "Normal retirement"),
                        ("special_job", "特殊工种提前退休", "Early retirement (hazardous work)"),
                        (
                            "illness",
                            "因病或非因工致残提前退休",
                            "Early retirement for illness or disability",
                        ),
                    ],
                    required=True,
                ),
                f(
                    "special_job_years",
                    "number",
                    "特殊工种工作年限",
                    "Years in hazardous work",
                    min_value=0,
                    max_value=50,
                    relevant="retirement_type == 'special_job'",
                    required=True,
                ),
                f("retirement_date", "date", "退休日期", "Retirement date", required=True),
                f(
                    "employer_name",
                    "text",
                    "退休前工作单位",
                    "Last employer",
                    required=True,
                    max_length=100,
                ),
                f(
                    "contribution_years",
                    "number",
                    "累计缴费年限",
                    "Years of contributions",
                    required=True,
                    min_value=0,
                    max_value=60,
                ),
            ],
        ),
        BANK_PAGE,
    ],
    keywords=["退休", "养老金", "退休待遇", "retire", "pension"],
    popular=True,
)
matter(
    "370102-SB-004",
    "社会保障卡申领",
    "Applying for a social security card",
    dept="jn_sib",
    level="city",
    category="social_insurance",
    kind="promised",
    legal=20,
    promised=10,
    handling=ALL_FORMS,
    visits=0,
    result="license",
    delivery=["pickup", "mail"],
    conditions=cond(("本市参保人员及新生儿", "Insured people in Jinan and newborns")),
    materials=[
        ID,
        mat(
            "photo",
            "optional",
            note=("已有身份证照片的可免于提供", "Not needed if your ID photo can be used"),
        ),
        mat("birth_medical_cert", "optional", note=("为新生儿申领时提供", "For a newborn")),
        PROXY,
    ],
    pages=[
        page(
            "card",
            "制卡信息",
            "Card",
            [
                sel(
                    "card_for",
                    "为谁申领",
                    "Card for",
                    [("self", "本人", "Myself"), ("child", "未成年子女", "My child")],
                    required=True,
                ),
                f(
                    "card_bank",
                    "select_one",
                    "金融合作银行",
                    "Partner bank",
                    required=True,
                    choices="bank",
                ),
                f(
                    "photo_source",
                    "select_one",
                    "照片来源",
                    "Photo",
                    required=True,
                    choices="photo_source",
                ),
            ],
        ),
        page("newborn", "新生儿信息", "The baby", baby_fields(), relevant="card_for == 'child'"),
    ],
    keywords=["社保卡", "申领社保卡", "social security card", "SSC"],
    popular=True,
)
matter(
    "370102-SB-005",
    "社会保障卡补领、换领",
    "Replacing a lost or damaged social security card",
    dept="jn_sib",
    level="city",
    category="social_insurance",
    kind="promised",
    legal=20,
    promised=10,
    handling=ALL_FORMS,
    visits=0,
    result="license",
    delivery=["pickup", "mail"],
    conditions=cond(
        (
            "社会保障卡遗失、损坏、信息变更或有效期满",
            "The card is lost, damaged, out of date or its details changed",
        )
    ),
    materials=[ID, mat("old_card", "optional"), PROXY],
    pages=[
        page(
            "card",
            "补换卡信息",
            "Replacement",
            [
                sel(
                    "replace_reason",
                    "补换原因",
                    "Reason",
                    [
                        ("lost", "遗失", "Lost"),
                        ("damaged", "损坏", "Damaged"),
                        ("info_change", "信息变更", "Details changed"),
                        ("expired", "有效期满", "Expired"),
                    ],
                    required=True,
                ),
                yn(
                    "loss_reported",
                    "是否已办理挂失",
                    "Have you reported the loss?",
                    relevant="replace_reason == 'lost'",
                    required=True,
                ),
                f(
                    "card_bank",
                    "select_one",
                    "金融合作银行",
                    "Partner bank",
                    required=True,
                    choices="bank",
                ),
                f(
                    "photo_source",
                    "select_one",
                    "照片来源",
                    "Photo",
                    required=True,
                    choices="photo_source",
                ),
            ],
        )
    ],
    keywords=["社保卡", "补卡", "换卡", "挂失", "replace card", "lost card"],
    popular=True,
)
matter(
    "370102-SB-006",
    "参保人员死亡丧葬补助金、抚恤金申领",
    "Funeral grant and survivors' pension after an insured person's death",
    dept="jn_sib",
    level="city",
    category="social_insurance",
    kind="promised",
    legal=20,
    promised=10,
    handling=ALL_FORMS,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(
        (
            "企业职工基本养老保险参保人员或退休人员因病或非因工死亡",
            "An insured employee or pensioner died of illness or non-work causes",
        )
    ),
    materials=[
        ID,
        mat("death_cert"),
        mat("cremation_cert", "deferrable"),
        mat("household_register", "optional"),
        mat("bank_card"),
        PROXY,
    ],
    supplement_days=30,
    pages=[
        DECEASED_PAGE,
        page(
            "dependents",
            "供养直系亲属",
            "Dependent relatives",
            [
                yn(
                    "has_dependents",
                    "逝者是否有需供养的直系亲属",
                    "Did the deceased support dependent relatives?",
                    required=True,
                ),
                f(
                    "dependents",
                    "group",
                    "供养直系亲属",
                    "Dependent relatives",
                    repeat=True,
                    min_repeat=1,
                    max_repeat=6,
                    relevant="has_dependents",
                    fields=[
                        f("dependent_name", "text", "姓名", "Name", required=True),
                        f(
                            "dependent_id_number",
                            "id_number",
                            "公民身份号码",
                            "ID number",
                            required=True,
                        ),
                        f(
                            "dependent_relationship",
                            "select_one",
                            "与逝者关系",
                            "Relationship to the deceased",
                            required=True,
                            choices="relationship",
                        ),
                    ],
                ),
                f(
                    "dependents_count",
                    "number",
                    "供养人数（自动计算）",
                    "Number of dependants (calculated)",
                    calculate="count(dependents)",
                    readonly=True,
                ),
            ],
        ),
        BANK_PAGE,
    ],
    keywords=["丧葬费", "抚恤金", "丧葬补助", "funeral grant", "survivors"],
)
matter(
    "370102-SB-007",
    "社会保险待遇终止（参保人员死亡）",
    "Stopping pension payments after a death",
    dept="jn_sib",
    level="city",
    category="social_insurance",
    legal=5,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(("领取养老保险待遇人员死亡", "A pensioner has died")),
    materials=[ID, mat("death_cert"), PROXY],
    pages=[
        DECEASED_PAGE,
        page(
            "stop",
            "待遇终止",
            "Stopping payments",
            [
                yn(
                    "overpaid_pension",
                    "死亡后是否仍有养老金发放到账",
                    "Was pension paid after the date of death?",
                    required=True,
                ),
                f(
                    "refund_note",
                    "note",
                    "死亡次月起多发的养老金需退回，工作人员将与您联系。",
                    "Pension paid from the month after death must be returned; staff will contact you.",
                    relevant="overpaid_pension",
                ),
            ],
        ),
    ],
    keywords=["养老金停发", "停保", "待遇终止", "stop pension"],
)

# ---- 医疗保障 medical insurance
matter(
    "370102-YB-001",
    "城乡居民基本医疗保险参保登记（含新生儿）",
    "Enrolment in residents' basic medical insurance (including newborns)",
    dept="jn_medical",
    level="street",
    category="medical_insurance",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(
        (
            "未参加职工基本医疗保险的本市居民、在校学生及新生儿",
            "Jinan residents, students and newborns not in the employees' scheme",
        )
    ),
    materials=[
        ID,
        mat("birth_medical_cert", "deferrable", note=("为新生儿参保时提供", "For a newborn")),
        mat("household_register", "optional"),
        PROXY,
    ],
    supplement_days=30,
    pages=[
        page(
            "insured",
            "参保人",
            "Insured person",
            [
                yn(
                    "insured_is_newborn",
                    "是否为新生儿参保",
                    "Are you enrolling a newborn?",
                    required=True,
                ),
                sel(
                    "resident_group",
                    "参保人员类别",
                    "Group",
                    [
                        ("student", "学生儿童", "Student or child"),
                        ("adult", "成年居民", "Adult"),
                        ("elderly", "老年居民", "Older resident"),
                    ],
                    relevant="not insured_is_newborn",
                    required=True,
                ),
                sel(
                    "payment_method",
                    "缴费方式",
                    "How to pay",
                    [
                        ("bank", "银行代扣", "Bank debit"),
                        ("online", "网上缴费", "Online"),
                        ("tax_hall", "税务大厅缴费", "At the tax office"),
                    ],
                    required=True,
                ),
            ],
        ),
        page("newborn", "新生儿信息", "The baby", baby_fields("insured_is_newborn")),
    ],
    keywords=["医保", "居民医保", "新生儿医保", "参保", "medical insurance", "newborn"],
    popular=True,
)
matter(
    "370102-YB-002",
    "异地就医备案",
    "Registering for medical treatment outside Jinan",
    dept="jn_medical",
    level="city",
    category="medical_insurance",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(
        (
            "本市参保人员异地长期居住、工作或转诊就医",
            "Insured people living, working or referred for treatment elsewhere",
        )
    ),
    materials=[ID, mat("remote_residence_proof", "commitment"), PROXY],
    commitment=(
        "本人承诺在备案地长期居住或工作，所述情况属实，如有不实愿承担医保基金追回等责任。",
        "I promise that I live or work at the registered place; if not, I will repay the medical insurance fund.",
    ),
    pages=[
        page(
            "filing",
            "备案信息",
            "Registration",
            [
                sel(
                    "filing_type",
                    "备案类型",
                    "Type",
                    [
                        ("long_term", "异地长期居住", "Living elsewhere long term"),
                        ("work", "常驻异地工作", "Working elsewhere"),
                        ("referral", "转诊转院", "Referred to a hospital elsewhere"),
                        ("temporary", "临时外出就医", "Temporary treatment elsewhere"),
                    ],
                    required=True,
                ),
                f(
                    "target_city",
                    "text",
                    "就医地（省、市）",
                    "Where (province, city)",
                    required=True,
                    max_length=50,
                ),
                f(
                    "start_date",
                    "date",
                    "备案开始日期",
                    "Start date",
                    required=True,
                    min_date="today",
                ),
                f(
                    "end_date",
                    "date",
                    "备案结束日期",
                    "End date",
                    relevant="filing_type == 'referral' or filing_type == 'temporary'",
                    required=True,
                    constraint="value >= start_date",
                    constraint_message=t(
                        "结束日期不能早于开始日期", "The end date cannot be before the start date"
                    ),
                ),
            ],
        )
    ],
    keywords=["异地就医", "备案", "外地看病", "treatment elsewhere", "out of town"],
    popular=True,
)
matter(
    "370102-YB-003",
    "门诊慢特病待遇认定",
    "Recognition of chronic and special outpatient diseases",
    dept="jn_medical",
    level="city",
    category="medical_insurance",
    kind="promised",
    legal=20,
    promised=15,
    handling=WIN_ONLINE,
    visits=0,
    result="approval",
    delivery=["pickup", "mail"],
    conditions=cond(
        (
            "本市参保人员患有规定的门诊慢特病病种",
            "Insured people with a listed chronic or special disease",
        )
    ),
    materials=[ID, mat("diagnosis"), PROXY],
    pages=[
        page(
            "disease",
            "病种信息",
            "Disease",
            [
                sel(
                    "diseases",
                    "申请认定的病种",
                    "Diseases",
                    [
                        (
                            "hypertension",
                            "高血压病（合并靶器官损害）",
                            "Hypertension with organ damage",
                        ),
                        ("diabetes", "糖尿病", "Diabetes"),
                        ("coronary", "冠心病", "Coronary heart disease"),
                        ("copd", "慢性阻塞性肺疾病", "COPD"),
                        ("uremia", "尿毒症透析", "Kidney failure on dialysis"),
                        ("cancer", "恶性肿瘤门诊治疗", "Outpatient cancer treatment"),
                    ],
                    multiple=True,
                    required=True,
                    constraint="len(value) <= 3",
                    constraint_message=t(
                        "一次最多申请3个病种", "Apply for at most 3 diseases at a time"
                    ),
                ),
                f(
                    "hospital_name",
                    "text",
                    "诊断医院",
                    "Diagnosing hospital",
                    required=True,
                    max_length=100,
                ),
                f(
                    "diagnosis_date",
                    "date",
                    "确诊日期",
                    "Date of diagnosis",
                    required=True,
                    max_date="today",
                ),
            ],
        )
    ],
    keywords=["慢病", "慢特病", "门诊慢性病", "chronic disease"],
)
matter(
    "370102-YB-004",
    "职工医保退休人员待遇核定",
    "Medical insurance status for retiring employees",
    dept="jn_medical",
    level="city",
    category="medical_insurance",
    kind="promised",
    legal=15,
    promised=5,
    handling=WIN_ONLINE,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(
        ("办理退休手续的职工医保参保人员", "Employees in the medical scheme who are retiring")
    ),
    materials=[ID, mat("retirement_approval", "deferrable"), PROXY],
    supplement_days=15,
    pages=[
        page(
            "retirement",
            "退休信息",
            "Retirement",
            [
                f("retirement_date", "date", "退休日期", "Retirement date", required=True),
                f(
                    "medical_contribution_years",
                    "number",
                    "职工医保累计缴费年限",
                    "Years in the employees' medical scheme",
                    required=True,
                    min_value=0,
                    max_value=60,
                ),
                yn(
                    "top_up_agree",
                    "缴费年限不足，是否同意一次性补缴",
                    "Your years fall short. Pay the difference in one sum?",
                    relevant="(applicant_sex == '1' and medical_contribution_years < 25) or (applicant_sex == '2' and medical_contribution_years < 20)",
                    required=True,
                ),
            ],
        )
    ],
    keywords=["退休医保", "医保退休", "retiree medical"],
)
matter(
    "370102-YB-005",
    "基本医疗保险关系转移接续",
    "Transferring medical insurance from another city",
    dept="jn_medical",
    level="city",
    category="medical_insurance",
    kind="promised",
    legal=45,
    promised=15,
    handling=ALL_FORMS,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(
        (
            "在外地参保后到本市就业或居住的人员",
            "People insured elsewhere who now work or live in Jinan",
        )
    ),
    materials=[ID, mat("employment_proof", "optional"), PROXY],
    pages=[
        page(
            "transfer",
            "转移信息",
            "Transfer",
            [
                f(
                    "from_region",
                    "text",
                    "转出地（省、市）",
                    "Transferring from (province, city)",
                    required=True,
                    max_length=50,
                ),
                sel(
                    "from_scheme",
                    "原参保险种",
                    "Previous scheme",
                    [
                        ("employee", "职工基本医疗保险", "Employees' medical insurance"),
                        ("resident", "城乡居民医疗保险", "Residents' medical insurance"),
                    ],
                    required=True,
                ),
            ],
        )
    ],
    keywords=["医保转移", "转入", "transfer medical insurance"],
)

# ---- 民政救助 civil affairs and assistance
ECONOMIC_COMMITMENT = (
    "本人承诺如实申报家庭人口、收入和财产状况，同意民政部门依法核对；如有隐瞒或虚报，愿退回已领取的救助金并承担法律责任。",
    "I promise that I have declared my household, income and assets truthfully and agree to their verification. "
    "If I concealed anything I will repay the assistance and accept legal responsibility.",
)
HARDSHIP = [
    ("illness", "重病", "Serious illness"),
    ("disability", "残疾", "Disability"),
    ("unemployment", "失业", "Unemployment"),
    ("old_age", "年老无劳动能力", "Old age"),
    ("other", "其他", "Other"),
]
matter(
    "370102-MZ-001",
    "最低生活保障审核确认",
    "Minimum living allowance (dibao)",
    dept="lx_civil",
    level="district",
    category="civil_assistance",
    kind="promised",
    legal=30,
    promised=20,
    handling=WIN_ONLINE,
    visits=0,
    result="approval",
    delivery=["pickup", "mail"],
    conditions=cond(
        (
            "家庭月人均收入低于本市城乡低保标准，且家庭财产符合规定",
            "Household income per person below the Jinan dibao line and assets within the limits",
        )
    ),
    materials=[
        ID,
        mat("household_register"),
        mat("income_statement", "deferrable"),
        mat("economic_commitment", "commitment"),
        mat(
            "disability_cert",
            "optional",
            note=("家庭成员有残疾的提供", "If a household member is disabled"),
        ),
        PROXY,
    ],
    supplement_days=10,
    commitment=ECONOMIC_COMMITMENT,
    pages=[
        page("household", "家庭收入", "Household and income", income_fields()),
        page(
            "hardship",
            "困难情况",
            "Circumstances",
            [
                sel(
                    "hardship_reason",
                    "致困原因",
                    "Reasons for hardship",
                    HARDSHIP,
                    multiple=True,
                    required=True,
                ),
                f(
                    "hardship_other",
                    "text",
                    "其他原因说明",
                    "Other reason",
                    relevant="selected(hardship_reason, 'other')",
                    required=True,
                    max_length=200,
                ),
                yn(
                    "owns_vehicle",
                    "家庭是否拥有机动车辆（残疾人功能性补偿代步车除外）",
                    "Does the household own a motor vehicle (except disability scooters)?",
                    required=True,
                ),
                yn(
                    "owns_extra_house",
                    "家庭是否拥有两套及以上住房",
                    "Does the household own two or more homes?",
                    required=True,
                ),
                f(
                    "verification_note",
                    "note",
                    "提交后，社区将入户调查并公示7天。",
                    "After you submit, the community will visit your home and publish the case for 7 days.",
                ),
            ],
        ),
    ],
    keywords=["低保", "最低生活保障", "困难补助", "dibao", "minimum living allowance"],
    popular=True,
)
matter(
    "370102-MZ-002",
    "特困人员救助供养审核确认",
    "Support for people in extreme poverty (tekun)",
    dept="lx_civil",
    level="district",
    category="civil_assistance",
    kind="promised",
    legal=30,
    promised=20,
    handling=WIN_ONLINE,
    visits=0,
    result="approval",
    delivery=["pickup", "mail"],
    conditions=cond(
        (
            "无劳动能力、无生活来源、无法定赡养抚养扶养义务人或其无履行能力的老年人、残疾人和未成年人",
            "Older people, disabled people and minors with no ability to work, no income and no one able to support them",
        )
    ),
    materials=[
        ID,
        mat("household_register"),
        mat("economic_commitment", "commitment"),
        mat("disability_cert", "optional"),
        PROXY,
    ],
    commitment=ECONOMIC_COMMITMENT,
    pages=[
        page(
            "support",
            "供养情况",
            "Support",
            [
                yn(
                    "has_supporter",
                    "是否有法定赡养、抚养、扶养人",
                    "Do you have relatives legally obliged to support you?",
                    required=True,
                ),
                f(
                    "supporter_unable_reason",
                    "text",
                    "赡养人无履行能力的原因",
                    "Why they cannot support you",
                    relevant="has_supporter",
                    required=True,
                    max_length=200,
                ),
                sel(
                    "care_mode",
                    "供养方式",
                    "Type of support",
                    [
                        ("home", "分散供养（在家）", "At home"),
                        ("institution", "集中供养（入住供养机构）", "In a care home"),
                    ],
                    required=True,
                ),
                sel(
                    "self_care_level",
                    "生活自理能力",
                    "Ability to look after yourself",
                    [
                        ("full", "完全自理", "Fully independent"),
                        ("partial", "部分失能", "Partly dependent"),
                        ("none", "完全失能", "Fully dependent"),
                    ],
                    required=True,
                ),
            ],
        )
    ],
    keywords=["特困", "五保", "特困供养", "extreme poverty"],
)
matter(
    "370102-MZ-003",
    "临时救助审核确认",
    "Temporary assistance",
    dept="lx_civil",
    level="street",
    category="civil_assistance",
    kind="promised",
    legal=15,
    promised=7,
    handling=WIN_ONLINE,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(
        (
            "因火灾、交通事故、突发重大疾病等导致基本生活暂时出现严重困难的家庭或个人",
            "Households or people in sudden severe hardship after a fire, accident or serious illness",
        )
    ),
    materials=[
        ID,
        mat("income_statement", "deferrable"),
        mat("diagnosis", "optional", note=("因病申请时提供", "When the cause is illness")),
        mat("economic_commitment", "commitment"),
        PROXY,
    ],
    supplement_days=10,
    commitment=ECONOMIC_COMMITMENT,
    pages=[
        page(
            "emergency",
            "困难情况",
            "What happened",
            [
                sel(
                    "emergency_type",
                    "困难类型",
                    "Type of emergency",
                    [
                        ("fire", "火灾等意外事件", "Fire or other accident"),
                        ("traffic", "交通事故", "Traffic accident"),
                        ("illness", "突发重大疾病", "Sudden serious illness"),
                        ("other", "其他", "Other"),
                    ],
                    required=True,
                ),
                f(
                    "expense_amount",
                    "number",
                    "自付费用（元）",
                    "Costs you paid (yuan)",
                    min_value=0,
                    required_if="emergency_type == 'illness'",
                ),
                f(
                    "emergency_description",
                    "text",
                    "情况说明",
                    "What happened",
                    required=True,
                    min_length=10,
                    max_length=500,
                ),
            ],
        ),
        page("household", "家庭收入", "Household and income", income_fields()),
    ],
    keywords=["临时救助", "急难救助", "temporary assistance", "emergency"],
)
matter(
    "370102-MZ-004",
    "惠民殡葬基本服务费用减免",
    "Free basic funeral services",
    dept="lx_civil",
    level="district",
    category="civil_assistance",
    kind="promised",
    legal=10,
    promised=5,
    handling=WIN_ONLINE,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(
        (
            "逝者生前为本市户籍居民或在本市死亡",
            "The deceased was registered in Jinan or died in Jinan",
        )
    ),
    materials=[
        ID,
        mat("death_cert"),
        mat("cremation_cert"),
        mat("deceased_id_card", "optional"),
        PROXY,
    ],
    pages=[
        DECEASED_PAGE,
        page(
            "funeral",
            "殡葬服务",
            "Funeral",
            [
                sel(
                    "funeral_home",
                    "火化殡仪馆",
                    "Funeral home",
                    [
                        ("jinan", "济南市殡仪馆", "Jinan Funeral Home"),
                        ("changqing", "长清区殡仪馆", "Changqing Funeral Home"),
                        ("zhangqiu", "章丘区殡仪馆", "Zhangqiu Funeral Home"),
                    ],
                    required=True,
                ),
                f(
                    "cremation_date",
                    "date",
                    "火化日期",
                    "Date of cremation",
                    required=True,
                    max_date="today",
                    constraint="value >= death_date",
                    constraint_message=t(
                        "火化日期不能早于死亡日期", "Cremation cannot be before the date of death"
                    ),
                ),
            ],
        ),
    ],
    keywords=["殡葬", "丧葬费减免", "火化", "funeral", "cremation"],
)

# ---- 户籍与居住证 household registration
matter(
    "370102-HJ-001",
    "出生登记（新生儿落户）",
    "Registering a newborn's household registration",
    dept="police_station",
    level="street",
    category="household",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=1,
    result="license",
    delivery=["pickup"],
    conditions=cond(
        ("父母一方为本市户籍，新生儿出生后申报户口", "One parent is registered in Jinan")
    ),
    materials=[
        ID,
        mat("birth_medical_cert"),
        mat("household_register"),
        mat("marriage_cert", "optional"),
    ],
    pages=[
        NEWBORN_PAGE,
        page(
            "parents",
            "父母与落户地",
            "Parents and registration",
            [
                *parents_fields(),
                sel(
                    "register_with",
                    "随父或随母落户",
                    "Register with",
                    [
                        ("father", "随父", "Father's household"),
                        ("mother", "随母", "Mother's household"),
                    ],
                    required=True,
                ),
                f(
                    "household_head_name",
                    "text",
                    "落户户主姓名",
                    "Head of the household",
                    required=True,
                ),
                f(
                    "relation_to_head",
                    "select_one",
                    "新生儿与户主关系",
                    "Baby's relationship to the head",
                    required=True,
                    choices="relationship",
                ),
            ],
        ),
    ],
    keywords=["落户", "报户口", "新生儿上户口", "register birth", "hukou"],
    popular=True,
)
matter(
    "370102-HJ-002",
    "死亡人员户口注销",
    "Cancelling the household registration of a deceased person",
    dept="police_station",
    level="street",
    category="household",
    legal=1,
    **SPOT,
    handling=["window"],
    visits=1,
    result="other",
    delivery=["pickup"],
    conditions=cond(
        (
            "本市户籍人员死亡后，由其家属申报注销户口",
            "After a death, a relative cancels the registration",
        )
    ),
    materials=[
        ID,
        mat("death_cert"),
        mat("household_register"),
        mat("deceased_id_card", note=("注销时一并交回", "Handed back on cancellation")),
    ],
    pages=[
        DECEASED_PAGE,
        page(
            "cancel",
            "注销信息",
            "Cancellation",
            [
                f(
                    "death_place",
                    "text",
                    "死亡地点",
                    "Place of death",
                    required=True,
                    max_length=100,
                ),
                yn(
                    "deceased_id_card_available",
                    "能否交回逝者身份证",
                    "Can you hand back the ID card of the deceased?",
                    required=True,
                ),
                f(
                    "id_card_missing_reason",
                    "text",
                    "无法交回的原因",
                    "Why not",
                    relevant="not deceased_id_card_available",
                    required=True,
                    max_length=100,
                ),
            ],
        ),
    ],
    keywords=["销户", "户口注销", "死亡注销", "cancel hukou"],
)
RESIDENCE_FIELDS = [
    f(
        "residence_basis",
        "select_one",
        "居住依据",
        "Basis of residence",
        required=True,
        choices="residence_basis",
    ),
    f(
        "employer_name",
        "text",
        "工作单位",
        "Employer",
        relevant="residence_basis == 'work'",
        required=True,
        max_length=100,
    ),
    f(
        "school_name",
        "text",
        "就读学校",
        "School",
        relevant="residence_basis == 'study'",
        required=True,
        max_length=100,
    ),
    f("housing_type", "select_one", "住房类型", "Housing", required=True, choices="housing_type"),
    f(
        "move_in_date",
        "date",
        "来济居住日期",
        "Living in Jinan since",
        required=True,
        max_date="today",
    ),
    f(
        "hukou_address",
        "text",
        "户籍地址",
        "Registered (hukou) address",
        required=True,
        max_length=100,
    ),
]
matter(
    "370102-HJ-003",
    "居住证申领",
    "Applying for a residence permit",
    dept="police_station",
    level="street",
    category="household",
    kind="promised",
    legal=15,
    promised=10,
    handling=ALL_FORMS,
    visits=1,
    result="license",
    delivery=["pickup", "mail"],
    conditions=cond(
        (
            "在本市居住半年以上，有合法稳定就业、住所或连续就读之一",
            "Living in Jinan for 6 months with stable work, home or study",
        )
    ),
    materials=[
        ID,
        mat("photo"),
        mat("residence_proof", "commitment"),
        mat("employment_proof", "optional"),
        mat("study_proof", "optional"),
    ],
    commitment=(
        "本人承诺在本市合法稳定居住，所填住址真实，如有虚假愿承担相应法律责任。",
        "I promise that I live lawfully at the stated address in Jinan and accept legal responsibility for any false statement.",
    ),
    pages=[
        page(
            "residence",
            "居住信息",
            "Residence",
            [
                *RESIDENCE_FIELDS,
                f(
                    "photo_source",
                    "select_one",
                    "照片来源",
                    "Photo",
                    required=True,
                    choices="photo_source",
                ),
            ],
        )
    ],
    keywords=["居住证", "暂住证", "residence permit"],
    popular=True,
)
matter(
    "370102-HJ-004",
    "居住登记",
    "Residence registration",
    dept="police_station",
    level="community",
    category="household",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(("离开常住户口所在地到本市居住", "People from elsewhere who live in Jinan")),
    materials=[ID, mat("residence_proof", "commitment")],
    commitment=(
        "本人承诺所申报的居住地址真实。",
        "I promise that the address I have declared is true.",
    ),
    pages=[page("residence", "居住信息", "Residence", RESIDENCE_FIELDS)],
    keywords=["居住登记", "流动人口登记", "register residence"],
)
matter(
    "370102-HJ-005",
    "市内户口迁移",
    "Moving household registration within Jinan",
    dept="police_station",
    level="street",
    category="household",
    kind="promised",
    legal=20,
    promised=5,
    handling=WIN_ONLINE,
    visits=1,
    result="license",
    delivery=["pickup"],
    conditions=cond(
        (
            "在本市内购房、投靠亲属或婚姻迁移",
            "Moving within Jinan after buying a home, marriage or joining relatives",
        )
    ),
    materials=[
        ID,
        mat("household_register"),
        mat("move_in_proof"),
        mat("marriage_cert", "optional"),
    ],
    pages=[
        page(
            "move",
            "迁移信息",
            "Move",
            [
                sel(
                    "move_reason",
                    "迁移原因",
                    "Reason",
                    [
                        ("house", "购房迁入", "Bought a home"),
                        ("marriage", "婚姻投靠", "Marriage"),
                        ("relatives", "投靠亲属", "Joining relatives"),
                    ],
                    required=True,
                ),
                f("new_address", "address", "迁入地址", "New address", required=True),
                f(
                    "movers",
                    "group",
                    "随迁人员",
                    "People moving with you",
                    repeat=True,
                    min_repeat=0,
                    max_repeat=8,
                    fields=[
                        f("mover_name", "text", "姓名", "Name", required=True),
                        f(
                            "mover_id_number",
                            "id_number",
                            "公民身份号码",
                            "ID number",
                            required=True,
                        ),
                        f(
                            "mover_relationship",
                            "select_one",
                            "与申请人关系",
                            "Relationship to you",
                            required=True,
                            choices="relationship",
                        ),
                    ],
                ),
            ],
        )
    ],
    keywords=["户口迁移", "迁户口", "move hukou"],
)
matter(
    "370102-HJ-006",
    "居民身份证换领、补领",
    "Renewing or replacing a resident ID card",
    dept="police_station",
    level="street",
    category="household",
    kind="promised",
    legal=60,
    promised=20,
    handling=["window", "express"],
    visits=1,
    result="license",
    delivery=["pickup", "mail"],
    fee={
        "free": False,
        "amount_fen": 2000,
        "basis": t(
            "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）",
            "NDRC and Ministry of Finance notice on ID card fees (2003, No. 2322)",
        ),
    },
    conditions=cond(
        ("居民身份证有效期满、损坏或遗失", "The ID card has expired, is damaged or was lost")
    ),
    materials=[
        mat("household_register"),
        mat("old_card", "optional"),
        mat("photo", "optional", note=("派出所现场采集人像", "Taken at the police station")),
    ],
    pages=[
        page(
            "idcard",
            "换领信息",
            "Renewal",
            [
                sel(
                    "id_apply_reason",
                    "申请原因",
                    "Reason",
                    [
                        ("expired", "有效期满换领", "Expired"),
                        ("damaged", "损坏换领", "Damaged"),
                        ("lost", "遗失补领", "Lost"),
                        ("info_change", "信息变更换领", "Details changed"),
                    ],
                    required=True,
                ),
                f(
                    "fee_note",
                    "note",
                    "工本费20元，在派出所采集人像和指纹时缴纳。",
                    "The fee is 20 yuan, paid at the police station when your photo and fingerprints are taken.",
                ),
            ],
        )
    ],
    keywords=["身份证", "换身份证", "补办身份证", "ID card"],
    popular=True,
)

# ---- 计划生育与卫生健康 family planning and health
matter(
    "370102-WJ-001",
    "生育登记",
    "Birth registration (family planning)",
    dept="lx_health",
    level="street",
    category="family_health",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(
        ("夫妻一方为本市户籍或在本市居住", "One spouse is registered or lives in Jinan")
    ),
    materials=[
        ID,
        mat("household_register", "deferrable"),
        mat("marriage_cert", "optional"),
        mat(
            "birth_medical_cert",
            "optional",
            note=("子女已出生的提供", "If the child is already born"),
        ),
    ],
    supplement_days=30,
    pages=[
        page(
            "family",
            "家庭信息",
            "Family",
            [
                f("spouse_name", "text", "配偶姓名", "Spouse's name"),
                f(
                    "spouse_id_number",
                    "id_number",
                    "配偶公民身份号码",
                    "Spouse's ID number",
                    required_if="not empty(spouse_name)",
                ),
                sel(
                    "child_order",
                    "本次登记为第几孩",
                    "Which child",
                    [
                        ("1", "一孩", "First"),
                        ("2", "二孩", "Second"),
                        ("3", "三孩及以上", "Third or later"),
                    ],
                    required=True,
                ),
                f(
                    "existing_children",
                    "number",
                    "现有子女数",
                    "Children you already have",
                    required=True,
                    min_value=0,
                    max_value=10,
                    constraint="value >= 0 and value <= 10",
                ),
            ],
        )
    ],
    keywords=["生育登记", "准生证", "生育服务证", "birth registration"],
    popular=True,
)
matter(
    "370102-WJ-002",
    "计划生育家庭特别扶助金申请",
    "Special assistance for family-planning families",
    dept="lx_health",
    level="district",
    category="family_health",
    kind="promised",
    legal=30,
    promised=20,
    handling=["window"],
    visits=1,
    result="approval",
    delivery=["pickup"],
    conditions=cond(
        (
            "女方年满49周岁，独生子女死亡或伤残三级以上且未再生育或收养",
            "Mother aged 49+, only child died or severely disabled, no further child",
        )
    ),
    materials=[
        ID,
        mat("household_register"),
        mat("one_child_cert", "deferrable"),
        mat("child_death_or_disability_proof"),
        mat("bank_card"),
    ],
    supplement_days=15,
    pages=[
        page(
            "assistance",
            "扶助信息",
            "Assistance",
            [
                age_field(49, "年满49周岁方可申请", "You can apply from age 49"),
                sel(
                    "loss_type",
                    "扶助类别",
                    "Type",
                    [
                        ("died", "独生子女死亡", "Only child died"),
                        ("disabled", "独生子女伤残", "Only child disabled"),
                    ],
                    required=True,
                ),
                f("child_name", "text", "子女姓名", "Child's name", required=True),
                f(
                    "child_id_number",
                    "id_number",
                    "子女公民身份号码",
                    "Child's ID number",
                    required=True,
                ),
            ],
        ),
        BANK_PAGE,
    ],
    keywords=["特扶", "失独", "特别扶助", "special assistance"],
)
matter(
    "370102-WJ-003",
    "独生子女父母奖励金申领",
    "Reward for parents of an only child",
    dept="lx_health",
    level="street",
    category="family_health",
    kind="promised",
    legal=30,
    promised=15,
    handling=WIN_ONLINE,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(("持有独生子女父母光荣证", "Holders of the only-child parents' certificate")),
    materials=[ID, mat("one_child_cert"), mat("bank_card")],
    pages=[
        page(
            "reward",
            "奖励信息",
            "Reward",
            [
                f("child_name", "text", "子女姓名", "Child's name", required=True),
                f(
                    "child_id_number",
                    "id_number",
                    "子女公民身份号码",
                    "Child's ID number",
                    required=True,
                ),
                f(
                    "one_child_cert_number",
                    "text",
                    "光荣证编号",
                    "Certificate number",
                    required=True,
                    max_length=30,
                ),
            ],
        ),
        BANK_PAGE,
    ],
    keywords=["独生子女", "奖励金", "光荣证", "only child"],
)

# ---- 残疾人服务 disability
DISABILITY_TYPES = [
    ("visual", "视力残疾", "Visual"),
    ("hearing", "听力残疾", "Hearing"),
    ("speech", "言语残疾", "Speech"),
    ("physical", "肢体残疾", "Physical"),
    ("intellectual", "智力残疾", "Intellectual"),
    ("mental", "精神残疾", "Psychosocial"),
    ("multiple", "多重残疾", "Multiple"),
]
CERT_NUMBER = f(
    "disability_cert_number",
    "text",
    "残疾人证号",
    "Disability certificate number",
    required=True,
    constraint="len(value) == 20",
    constraint_message=t("残疾人证号为20位", "The number has 20 characters"),
)
matter(
    "370102-CJ-001",
    "残疾人证新办",
    "Applying for a disability certificate",
    dept="lx_disabled",
    level="district",
    category="disability",
    kind="promised",
    legal=30,
    promised=20,
    handling=WIN_ONLINE,
    visits=1,
    result="license",
    delivery=["pickup", "mail"],
    conditions=cond(
        (
            "本市户籍，经指定医院评定符合残疾标准",
            "Registered in Jinan and assessed as disabled by a designated hospital",
        )
    ),
    materials=[
        ID,
        mat("household_register"),
        mat("photo", copies=2),
        mat("diagnosis", "optional"),
        PROXY,
    ],
    pages=[
        page(
            "disability",
            "残疾情况",
            "Disability",
            [
                sel(
                    "disability_type",
                    "残疾类别",
                    "Type of disability",
                    DISABILITY_TYPES,
                    required=True,
                ),
                sel(
                    "assessment_hospital",
                    "评定医院",
                    "Assessment hospital",
                    [
                        ("qilu", "山东大学齐鲁医院", "Qilu Hospital of Shandong University"),
                        ("provincial", "山东省立医院", "Shandong Provincial Hospital"),
                        ("mental", "济南市精神卫生中心", "Jinan Mental Health Centre"),
                    ],
                    required=True,
                ),
                f(
                    "guardian_name",
                    "text",
                    "监护人姓名",
                    "Guardian's name",
                    relevant="disability_type == 'intellectual' or disability_type == 'mental'",
                    required=True,
                ),
                f(
                    "guardian_phone",
                    "phone",
                    "监护人电话",
                    "Guardian's phone",
                    relevant="disability_type == 'intellectual' or disability_type == 'mental'",
                    required=True,
                ),
            ],
        )
    ],
    keywords=["残疾证", "办残疾证", "disability certificate"],
    popular=True,
)
matter(
    "370102-CJ-002",
    "困难残疾人生活补贴和重度残疾人护理补贴申请",
    "Living and nursing subsidies for persons with disabilities",
    dept="lx_civil",
    level="district",
    category="disability",
    kind="promised",
    legal=30,
    promised=15,
    handling=WIN_ONLINE,
    visits=0,
    result="approval",
    delivery=["pickup"],
    conditions=cond(
        (
            "持有第二代残疾人证；生活补贴面向低保家庭，护理补贴面向一、二级残疾人",
            "Second-generation certificate holders; living subsidy for dibao households, nursing subsidy for grade 1-2",
        )
    ),
    materials=[ID, mat("disability_cert"), mat("bank_card"), PROXY],
    pages=[
        page(
            "subsidy",
            "补贴申请",
            "Subsidies",
            [
                CERT_NUMBER,
                sel(
                    "disability_level",
                    "残疾等级",
                    "Grade",
                    [
                        ("1", "一级", "Grade 1"),
                        ("2", "二级", "Grade 2"),
                        ("3", "三级", "Grade 3"),
                        ("4", "四级", "Grade 4"),
                    ],
                    required=True,
                ),
                sel(
                    "subsidy_types",
                    "申请的补贴",
                    "Subsidies applied for",
                    [
                        ("living", "困难残疾人生活补贴", "Living subsidy"),
                        ("nursing", "重度残疾人护理补贴", "Nursing subsidy"),
                    ],
                    multiple=True,
                    required=True,
                    constraint="not selected(value, 'nursing') or disability_level in ('1', '2')",
                    constraint_message=t(
                        "护理补贴仅限一、二级残疾人",
                        "The nursing subsidy is for grade 1 and 2 only",
                    ),
                ),
                yn(
                    "is_low_income",
                    "是否为低保家庭",
                    "Is your household on dibao?",
                    relevant="selected(subsidy_types, 'living')",
                    required=True,
                ),
            ],
        ),
        BANK_PAGE,
    ],
    keywords=["两项补贴", "残疾人补贴", "护理补贴", "disability subsidy"],
)
matter(
    "370102-CJ-003",
    "残疾人证换领、补领",
    "Renewing or replacing a disability certificate",
    dept="lx_disabled",
    level="district",
    category="disability",
    kind="promised",
    legal=20,
    promised=10,
    handling=WIN_ONLINE,
    visits=0,
    result="license",
    delivery=["pickup", "mail"],
    conditions=cond(
        ("残疾人证有效期满、损坏或遗失", "The certificate expired, is damaged or was lost")
    ),
    materials=[ID, mat("disability_cert", "optional"), mat("photo", copies=2), PROXY],
    pages=[
        page(
            "renewal",
            "换领信息",
            "Renewal",
            [
                CERT_NUMBER,
                sel(
                    "cert_replace_reason",
                    "换领原因",
                    "Reason",
                    [
                        ("expired", "有效期满", "Expired"),
                        ("damaged", "损坏", "Damaged"),
                        ("lost", "遗失", "Lost"),
                    ],
                    required=True,
                ),
            ],
        )
    ],
    keywords=["残疾证换证", "补办残疾证", "renew disability certificate"],
)

# ---- 就业创业 employment
matter(
    "370102-JY-001",
    "失业登记",
    "Unemployment registration",
    dept="lx_hrss",
    level="street",
    category="employment",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(
        (
            "法定劳动年龄内、有劳动能力和就业要求、处于无业状态",
            "Working age, able and willing to work, currently without work",
        )
    ),
    materials=[ID, mat("termination_proof", "deferrable")],
    supplement_days=30,
    pages=[
        page(
            "unemployment",
            "失业情况",
            "Unemployment",
            [
                age_field(16, "须在法定劳动年龄内", "You must be of working age", 65),
                f("last_employer", "text", "原工作单位", "Last employer", max_length=100),
                f(
                    "unemployment_date",
                    "date",
                    "失业日期",
                    "Out of work since",
                    required=True,
                    max_date="today",
                ),
                f(
                    "education",
                    "select_one",
                    "文化程度",
                    "Education",
                    required=True,
                    choices="education",
                ),
                yn("wants_training", "是否需要职业培训", "Would you like job training?"),
                yn("seeking_job", "是否有求职意向", "Are you looking for work?", required=True),
                f(
                    "job_intention",
                    "text",
                    "求职意向",
                    "Work you are looking for",
                    relevant="seeking_job",
                    max_length=100,
                ),
            ],
        )
    ],
    keywords=["失业登记", "失业", "unemployment registration"],
    popular=True,
)
matter(
    "370102-JY-002",
    "就业登记",
    "Employment registration",
    dept="lx_hrss",
    level="street",
    category="employment",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(("在本市就业或灵活就业的劳动者", "People employed or self-employed in Jinan")),
    materials=[ID, mat("employment_proof", "deferrable")],
    supplement_days=15,
    pages=[
        page(
            "employment",
            "就业情况",
            "Employment",
            [
                sel(
                    "employment_type",
                    "就业形式",
                    "Type of work",
                    [
                        ("employee", "单位就业", "Employee"),
                        ("flexible", "灵活就业", "Flexible work"),
                        ("self_employed", "个体经营", "Self-employed"),
                    ],
                    required=True,
                ),
                f(
                    "employer_name",
                    "text",
                    "工作单位",
                    "Employer",
                    relevant="employment_type == 'employee'",
                    required=True,
                    max_length=100,
                ),
                f(
                    "employer_credit_code",
                    "text",
                    "单位统一社会信用代码",
                    "Employer's unified social credit code",
                    relevant="employment_type == 'employee'",
                    constraint="len(value) == 18",
                    constraint_message=t("统一社会信用代码为18位", "The code has 18 characters"),
                ),
                f(
                    "employment_start_date",
                    "date",
                    "就业日期",
                    "Start date",
                    required=True,
                    max_date="today",
                ),
            ],
        )
    ],
    keywords=["就业登记", "灵活就业", "employment registration"],
)
matter(
    "370102-JY-003",
    "就业困难人员认定",
    "Recognition as a person with employment difficulties",
    dept="lx_hrss",
    level="street",
    category="employment",
    kind="promised",
    legal=15,
    promised=7,
    handling=WIN_ONLINE,
    visits=0,
    result="approval",
    delivery=["pickup"],
    conditions=cond(
        (
            "已办理失业登记，且属于规定的就业困难人员类别",
            "Registered as unemployed and in a listed group",
        )
    ),
    materials=[ID, mat("disability_cert", "optional"), mat("economic_commitment", "commitment")],
    commitment=ECONOMIC_COMMITMENT,
    pages=[
        page(
            "difficulty",
            "困难类别",
            "Group",
            [
                age_field(16, "须在法定劳动年龄内", "You must be of working age", 65),
                yn(
                    "registered_unemployed",
                    "是否已办理失业登记",
                    "Are you registered as unemployed?",
                    required=True,
                    constraint="value == True",
                    constraint_message=t("请先办理失业登记", "Please register as unemployed first"),
                ),
                sel(
                    "difficulty_types",
                    "困难类别",
                    "Groups",
                    [
                        ("age", "女40周岁、男50周岁以上", "Women 40+, men 50+"),
                        ("disabled", "残疾人", "Disabled"),
                        ("zero_employment", "零就业家庭成员", "No one in the household works"),
                        ("low_income", "低保家庭成员", "Dibao household"),
                        ("long_term", "连续失业一年以上", "Out of work for over a year"),
                    ],
                    multiple=True,
                    required=True,
                ),
            ],
        )
    ],
    keywords=["就业困难", "4050", "employment difficulties"],
)
matter(
    "370102-JY-004",
    "失业保险金申领",
    "Claiming unemployment insurance benefit",
    dept="jn_sib",
    level="city",
    category="employment",
    kind="promised",
    legal=10,
    promised=3,
    handling=ALL_FORMS,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(
        (
            "非本人意愿中断就业、缴纳失业保险满1年、已办理失业登记",
            "Job lost involuntarily, 1+ year of contributions, registered as unemployed",
        )
    ),
    materials=[ID, mat("termination_proof"), mat("bank_card")],
    pages=[
        page(
            "benefit",
            "失业信息",
            "Unemployment",
            [
                f(
                    "last_employer",
                    "text",
                    "原工作单位",
                    "Last employer",
                    max_length=100,
                    required=True,
                ),
                f(
                    "separation_date",
                    "date",
                    "解除劳动合同日期",
                    "Date employment ended",
                    required=True,
                    max_date="today",
                ),
                sel(
                    "separation_reason",
                    "离职原因",
                    "Why it ended",
                    [
                        ("contract_end", "劳动合同期满终止", "Contract ended"),
                        ("employer_terminated", "用人单位解除", "Dismissed by employer"),
                        ("bankruptcy", "单位破产或关闭", "Employer closed"),
                    ],
                    required=True,
                ),
                f(
                    "ui_contribution_years",
                    "number",
                    "失业保险缴费年限",
                    "Years of unemployment insurance",
                    required=True,
                    min_value=1,
                    max_value=50,
                ),
            ],
        ),
        BANK_PAGE,
    ],
    keywords=["失业金", "失业保险金", "unemployment benefit"],
    popular=True,
)

# ---- 养老服务 elderly care
CONTACT = [
    f("emergency_contact_name", "text", "紧急联系人", "Emergency contact", required=True),
    f(
        "emergency_contact_phone",
        "phone",
        "紧急联系人电话",
        "Emergency contact's phone",
        required=True,
    ),
]
matter(
    "370102-YL-001",
    "80周岁以上老年人高龄津贴申领",
    "Longevity allowance for people aged 80 and over",
    dept="lx_civil",
    level="street",
    category="elderly",
    kind="promised",
    legal=30,
    promised=15,
    handling=WIN_ONLINE,
    visits=0,
    result="other",
    delivery=["pickup"],
    conditions=cond(("本市户籍、年满80周岁的老年人", "Jinan residents aged 80 or over")),
    materials=[ID, mat("household_register", "deferrable"), mat("bank_card"), PROXY],
    supplement_days=15,
    pages=[
        page(
            "allowance",
            "津贴信息",
            "Allowance",
            [
                age_field(80, "年满80周岁方可申领", "You can claim from age 80"),
                yn("living_alone", "是否独居", "Do you live alone?"),
                *CONTACT,
            ],
        ),
        BANK_PAGE,
    ],
    keywords=["高龄津贴", "高龄补贴", "老人补贴", "longevity allowance", "over 80"],
    popular=True,
)
matter(
    "370102-YL-002",
    "老年人优待证办理",
    "Senior citizen's concession card",
    dept="lx_civil",
    level="community",
    category="elderly",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="license",
    delivery=["pickup", "mail"],
    conditions=cond(("年满60周岁的本市户籍及常住老年人", "People aged 60 or over living in Jinan")),
    materials=[ID, mat("photo", "optional")],
    pages=[
        page(
            "senior_card",
            "优待证",
            "Card",
            [
                age_field(60, "年满60周岁方可办理", "You can apply from age 60"),
                f(
                    "photo_source",
                    "select_one",
                    "照片来源",
                    "Photo",
                    required=True,
                    choices="photo_source",
                ),
                sel(
                    "card_form",
                    "证件形式",
                    "Card type",
                    [
                        ("physical", "实体卡", "Plastic card"),
                        ("electronic", "电子证", "Electronic card"),
                    ],
                    required=True,
                ),
            ],
        )
    ],
    keywords=["老年证", "优待证", "老年卡", "senior card", "concession"],
    popular=True,
)
matter(
    "370102-YL-003",
    "经济困难老年人养老服务补贴申请",
    "Elderly care subsidy for low-income older people",
    dept="lx_civil",
    level="street",
    category="elderly",
    kind="promised",
    legal=30,
    promised=20,
    handling=WIN_ONLINE,
    visits=0,
    result="approval",
    delivery=["pickup"],
    conditions=cond(
        (
            "60周岁以上低保、特困或低收入家庭中的失能、半失能老年人",
            "People 60+ from dibao, tekun or low-income households who need care",
        )
    ),
    materials=[ID, mat("household_register"), mat("economic_commitment", "commitment"), PROXY],
    commitment=ECONOMIC_COMMITMENT,
    pages=[
        page(
            "care",
            "照护需求",
            "Care needs",
            [
                age_field(60, "年满60周岁方可申请", "You can apply from age 60"),
                sel(
                    "care_level",
                    "失能程度",
                    "Care needs",
                    [
                        ("partial", "半失能", "Partly dependent"),
                        ("full", "失能", "Fully dependent"),
                    ],
                    required=True,
                ),
                sel(
                    "services_wanted",
                    "希望获得的服务",
                    "Services you want",
                    [
                        ("meals", "助餐", "Meals"),
                        ("cleaning", "助洁", "Cleaning"),
                        ("bathing", "助浴", "Bathing"),
                        ("medical", "助医", "Help with medical care"),
                        ("visits", "探访关爱", "Regular visits"),
                    ],
                    multiple=True,
                    required=True,
                ),
                *CONTACT,
            ],
        )
    ],
    keywords=["养老服务补贴", "居家养老", "elderly care subsidy"],
)

# ---- 退役军人服务 veterans
CHOICES["disability_rating"] = choices(*[(str(i), f"{i}级", f"Grade {i}") for i in range(1, 11)])
SERVICE = [
    f("enlist_date", "date", "入伍日期", "Date of enlistment", required=True, max_date="today"),
    f(
        "discharge_date",
        "date",
        "退役日期",
        "Date of discharge",
        required=True,
        max_date="today",
        constraint="value > enlist_date",
        constraint_message=t("退役日期应晚于入伍日期", "Discharge must be after enlistment"),
    ),
]
matter(
    "370102-TY-001",
    "退役军人优待证申领",
    "Veterans' preferential treatment card",
    dept="lx_veterans",
    level="district",
    category="veterans",
    kind="promised",
    legal=30,
    promised=20,
    handling=WIN_ONLINE,
    visits=0,
    result="license",
    delivery=["pickup", "mail"],
    conditions=cond(("退役军人及其他优抚对象", "Veterans and other entitled people")),
    materials=[ID, mat("discharge_cert"), mat("photo", "optional")],
    pages=[
        page(
            "service",
            "服役信息",
            "Service",
            [
                *SERVICE,
                sel(
                    "veteran_type",
                    "人员类别",
                    "Category",
                    [
                        ("soldier", "退役士兵", "Discharged soldier"),
                        ("officer", "转业军官", "Transferred officer"),
                        ("retired_cadre", "军队离退休干部", "Retired military cadre"),
                    ],
                    required=True,
                ),
                f(
                    "photo_source",
                    "select_one",
                    "照片来源",
                    "Photo",
                    required=True,
                    choices="photo_source",
                ),
            ],
        )
    ],
    keywords=["优待证", "退役军人", "veterans card"],
)
matter(
    "370102-TY-002",
    "退役军人信息采集",
    "Veterans' information collection",
    dept="lx_veterans",
    level="community",
    category="veterans",
    legal=1,
    **SPOT,
    handling=WIN_ONLINE,
    visits=0,
    result="none",
    delivery=[],
    conditions=cond(("户籍在本区的退役军人", "Veterans registered in Lixia District")),
    materials=[ID, mat("discharge_cert")],
    pages=[
        page(
            "service",
            "服役信息",
            "Service",
            [
                *SERVICE,
                yn("has_disability_rating", "是否评定伤残等级", "Do you have a disability rating?"),
                f(
                    "disability_rating",
                    "select_one",
                    "伤残等级",
                    "Disability rating",
                    choices="disability_rating",
                    relevant="has_disability_rating",
                    required=True,
                ),
            ],
        )
    ],
    keywords=["信息采集", "退役军人", "veterans registration"],
)

# ----------------------------------------------------------------------------------- bundles
BUNDLES = [
    {
        "code": "birth",
        "name": t("出生一件事", "Having a baby"),
        "theme": "theme_birth",
        "description": t(
            "一次提交，办理生育登记、新生儿落户、医保参保和社保卡申领。",
            "One application for birth registration, the baby's hukou, medical insurance and a social security card.",
        ),
        "matter_codes": ["370102-WJ-001", "370102-HJ-001", "370102-YB-001", "370102-SB-004"],
        "keywords": ["出生", "新生儿", "宝宝", "baby", "newborn"],
    },
    {
        "code": "retirement",
        "name": t("退休一件事", "Retiring"),
        "theme": "theme_retirement",
        "description": t(
            "一次提交，办理养老金申领、医保退休待遇核定和老年人优待证。",
            "One application for your pension, retiree medical insurance and the senior concession card.",
        ),
        "matter_codes": ["370102-SB-003", "370102-YB-004", "370102-YL-002"],
        "keywords": ["退休", "retire"],
    },
    {
        "code": "death",
        "name": t("身后一件事", "After a death"),
        "theme": "theme_death",
        "description": t(
            "亲人离世后，一次办理户口注销、养老金停发、丧葬补助金抚恤金申领和殡葬费用减免。",
            "After a family member dies: cancel the hukou, stop the pension, claim funeral grants and free funeral services in one go.",
        ),
        "matter_codes": ["370102-HJ-002", "370102-SB-007", "370102-SB-006", "370102-MZ-004"],
        "keywords": ["去世", "死亡", "丧事", "身后事", "death", "funeral"],
    },
]


def build() -> Obj:
    return {
        "catalog_version": "sample-2024.06.1",
        "generated_at": "2024-06-01T08:00:00+08:00",
        "sample": True,
        "notice": t(
            "示例数据，仅用于演示和测试，并非官方政务服务事项清单。",
            "Illustrative sample data for demonstration and tests; not an official list of government services.",
        ),
        "region_code": "370102",
        "enums": ENUMS,
        "matters": MATTERS,
        "bundles": BUNDLES,
        "forms": FORMS,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(MATTERS)} matters, {len(BUNDLES)} bundles)")
