"""GB/T 3304 ethnic-group (民族) codes with their *current* names.

Cards issued long ago and older code lists still say 毛难 (36) and 崩龙 (46); the kiosk always
shows today's names 毛南 and 德昂 so that forms and receipts match what offices now print.
English names follow the romanisation used in the standard's English edition.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# code -> (Chinese, English)
NATIONS: Final = MappingProxyType(
    {
        "01": ("汉", "Han"),
        "02": ("蒙古", "Mongol"),
        "03": ("回", "Hui"),
        "04": ("藏", "Tibetan"),
        "05": ("维吾尔", "Uyghur"),
        "06": ("苗", "Miao"),
        "07": ("彝", "Yi"),
        "08": ("壮", "Zhuang"),
        "09": ("布依", "Buyei"),
        "10": ("朝鲜", "Korean"),
        "11": ("满", "Manchu"),
        "12": ("侗", "Dong"),
        "13": ("瑶", "Yao"),
        "14": ("白", "Bai"),
        "15": ("土家", "Tujia"),
        "16": ("哈尼", "Hani"),
        "17": ("哈萨克", "Kazak"),
        "18": ("傣", "Dai"),
        "19": ("黎", "Li"),
        "20": ("傈僳", "Lisu"),
        "21": ("佤", "Va"),
        "22": ("畲", "She"),
        "23": ("高山", "Gaoshan"),
        "24": ("拉祜", "Lahu"),
        "25": ("水", "Sui"),
        "26": ("东乡", "Dongxiang"),
        "27": ("纳西", "Naxi"),
        "28": ("景颇", "Jingpo"),
        "29": ("柯尔克孜", "Kirgiz"),
        "30": ("土", "Tu"),
        "31": ("达斡尔", "Daur"),
        "32": ("仫佬", "Mulao"),
        "33": ("羌", "Qiang"),
        "34": ("布朗", "Blang"),
        "35": ("撒拉", "Salar"),
        "36": ("毛南", "Maonan"),
        "37": ("仡佬", "Gelao"),
        "38": ("锡伯", "Xibe"),
        "39": ("阿昌", "Achang"),
        "40": ("普米", "Pumi"),
        "41": ("塔吉克", "Tajik"),
        "42": ("怒", "Nu"),
        "43": ("乌孜别克", "Uzbek"),
        "44": ("俄罗斯", "Russian"),
        "45": ("鄂温克", "Ewenki"),
        "46": ("德昂", "Deang"),
        "47": ("保安", "Bonan"),
        "48": ("裕固", "Yugur"),
        "49": ("京", "Gin"),
        "50": ("塔塔尔", "Tatar"),
        "51": ("独龙", "Derung"),
        "52": ("鄂伦春", "Oroqen"),
        "53": ("赫哲", "Hezhen"),
        "54": ("门巴", "Monba"),
        "55": ("珞巴", "Lhoba"),
        "56": ("基诺", "Jino"),
        "97": ("其他", "Other"),
        "98": ("外国血统中国籍人士", "Chinese citizen of foreign origin"),
    }
)

# Old names seen on cards and in legacy lists, mapped to the current code.
FORMER_NAMES: Final = MappingProxyType({"毛难": "36", "崩龙": "46"})


def nation_name(code: str, language: str = "zh") -> str:
    """Current name for a GB/T 3304 code; "" for an unknown code (never guess, never raise).

    ``language`` is a code like ``zh_CN`` or ``en``; anything not English gets Chinese.
    """
    entry = NATIONS.get(code.strip().zfill(2)) if code.strip() else None
    if entry is None:
        return ""
    return entry[1] if language.lower().startswith("en") else entry[0]


def nation_code_for_name(name: str) -> str:
    """Code for a Chinese name, current or former (毛难 → 36); "" when unknown.

    Manual forms let residents type 民族; this maps what they typed back to the code. A trailing
    族 is accepted (汉族 → 01).
    """
    text = name.strip()
    if text.endswith("族") and len(text) > 1:
        text = text[:-1]
    if text in FORMER_NAMES:
        return FORMER_NAMES[text]
    for code, (zh, _en) in NATIONS.items():
        if zh == text:
            return code
    return ""
