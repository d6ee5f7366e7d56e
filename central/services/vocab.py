"""Chinese labels of the codes the back office shows to staff (Chinese first, English after).

``central`` never imports the kiosk side, so the 好差评 scheme's reasons and indicators are
copied here from ``config/rating_indicators.json`` (a test keeps the two in step). Catalogue
codes (matters, departments, delivery, materials, form fields) come from the published
catalogue instead (:func:`central.services.reports.labels`); :data:`DELIVERY_LABELS` is only the
fallback for a catalogue without a ``delivery`` enum.
"""

from __future__ import annotations

REASON_LABELS = {
    "long_wait": "等待时间长、办理慢",
    "repeat_visits": "多次跑腿、来回折腾",
    "too_many_materials": "材料要求多、重复提交",
    "unclear_guidance": "办事指南不清楚、告知不明确",
    "hard_to_use": "自助机操作不便",
    "device_fault": "设备或系统故障",
    "poor_attitude": "工作人员态度不好",
    "fees": "收费不合理",
    "other": "其他",
}
"""差评原因 of the scheme ``cn-haochaping-offline-2020.1``."""

INDICATOR_LABELS = {"efficiency": "服务效率", "skill": "服务水平", "attitude": "服务态度"}

DELIVERY_LABELS = {"pickup": "窗口自取", "mail": "邮寄"}

MEDIA_TYPE_LABELS = {
    "image/jpeg": "图片（JPEG）",
    "image/png": "图片（PNG）",
    "application/pdf": "PDF 文件",
}

PUBLISHER_LABELS = {"startup": "平台启动时加载", "cli": "命令行发布"}
"""Who published a catalogue version when it was not a staff member."""

CREATOR_LABELS = {"cli": "命令行生成"}
"""Who made an enrollment code when it was not a staff member."""

UNKNOWN = "未登记代码"
"""Shown before a code the platform has no label for (a newer kiosk's reason, say)."""


def reason(code: str) -> str:
    label = REASON_LABELS.get(code)
    return label if label is not None else f"{UNKNOWN}：{code}"
