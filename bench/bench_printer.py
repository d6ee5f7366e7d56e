"""Receipt render + encode time: what the resident waits for between "submit" and the printer.

Measures one bilingual receipt at the widest paper (576 dots): Pillow rendering with the CJK
font, the QR code, 1-bit conversion, and ESC/POS raster encoding into a Dummy printer (no I/O).
Target 30 ms median, far below the printer's own ~1 s paper feed.

``python -m bench.bench_printer docs/receipts`` also writes the sample receipts shown in the
docs (Chinese, English, queue ticket) from the same sample data.
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bench.util import median, result
from drivers.printer.escpos_printer import encode_job
from drivers.printer.render import ReceiptRenderer
from drivers.printer.settings import RenderSettings
from kiosk.i18n import LocalText
from kiosk.receipts import QueueTicket, ReceiptContent, build_receipt

ROUNDS = 40
NOW = datetime(2024, 5, 6, 14, 30)


def sample_receipt(language: str = "zh_CN") -> ReceiptContent:
    return build_receipt(
        station_name="历下区泉城路街道便民服务站",
        printed_at=NOW,
        matter_name=LocalText(
            zh="城乡居民基本医疗保险参保登记",
            en="Enrolment in basic medical insurance for urban and rural residents",
        ),
        tracking_number="JN2024050600123",
        applicant_name="张*",
        id_number="370102********123X",
        time_limit_days=3,
        delivery="mail",
        language=language,
        materials_received=[
            LocalText(zh="居民身份证", en="Resident ID card"),
            LocalText(zh="户口簿", en="Household register"),
        ],
        materials_to_supplement=[LocalText(zh="近期一寸免冠照片", en="Recent ID photo")],
        supplement_deadline=date(2024, 5, 20),
        next_steps=[
            LocalText(
                zh="请于补交截止日期前到窗口补交材料，逾期视为撤回申请。",
                en="Bring the missing material to the window before the deadline.",
            ),
            LocalText(
                zh="办结后将短信通知您，结果免费邮寄到您填写的地址。",
                en="You will get an SMS; the result is mailed to you free of charge.",
            ),
        ],
    )


def sample_ticket(language: str = "zh_CN") -> QueueTicket:
    return QueueTicket(
        "A012", "社保医保业务", 5, NOW, station_name="历下区泉城路街道便民服务站", language=language
    )


def run() -> dict[str, Any]:
    renderer = ReceiptRenderer(RenderSettings(width_px=576))
    content = sample_receipt("en")
    encode_job(renderer.render_receipt(content), "TM-T20II")  # warm up: fonts, escpos import
    samples = []
    size = 0
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        job = encode_job(renderer.render_receipt(content), "TM-T20II")
        samples.append((time.perf_counter() - t0) * 1000)
        size = len(job)
    print(f"   job {size / 1024:.1f} KB, {ROUNDS} rounds")
    return {"receipt_render_ms": result(median(samples), "ms", 30.0)}


def write_samples(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    renderer = ReceiptRenderer(RenderSettings(width_px=384))  # 58 mm: the tightest layout
    images = {
        "receipt-zh-58mm.png": renderer.render_receipt(sample_receipt("zh_CN")),
        "receipt-en-58mm.png": renderer.render_receipt(sample_receipt("en")),
        "ticket-zh-58mm.png": renderer.render_ticket(sample_ticket()),
        "receipt-zh-80mm.png": ReceiptRenderer(RenderSettings(width_px=576)).render_receipt(
            sample_receipt("zh_CN")
        ),
    }
    paths = []
    for name, image in images.items():
        image.save(out_dir / name, optimize=True)
        paths.append(out_dir / name)
    return paths


if __name__ == "__main__":
    for written in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/receipts")):
        print(written)
