"""Render every screen to PNG: both orientations, both languages, normal and elder mode.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Uses a throw-away data directory and the simulators; images are scaled to half size to keep
the repository small.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = [
    ("portrait", "zh_CN", False),
    ("portrait", "en", False),
    ("portrait", "zh_CN", True),
    ("landscape", "zh_CN", False),
    ("landscape", "en", True),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="comma-separated screen ids")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {s for s in args.only.split(",") if s}

    from PySide6.QtCore import QCoreApplication, Qt

    from config.settings import load_settings
    from kiosk.bootstrap import build_services
    from ui.app import build_ui
    from ui.demo import walk

    for orientation, language, elder in VARIANTS:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                "KIOSK_PATHS__DATA_DIR": tmp,
                "KIOSK_TERMINAL__ORIENTATION": orientation,
            }
            settings = load_settings(environ=env)
            services = build_services(settings)
            ui = build_ui(services, language=language, elder=elder)
            ui.window.show()

            def wait(cond, ui=ui):
                deadline = time.monotonic() + 20
                while not cond():
                    QCoreApplication.processEvents()
                    if time.monotonic() > deadline:
                        raise TimeoutError("screen did not settle")
                    time.sleep(0.005)

            tag = f"{orientation}-{language}{'-elder' if elder else ''}"
            for screen_id in walk(ui, wait):
                if only and screen_id not in only:
                    continue
                for _ in range(5):
                    QCoreApplication.processEvents()
                image = ui.window.grab().toImage()
                image = image.scaledToWidth(
                    image.width() // 2, Qt.TransformationMode.SmoothTransformation
                )
                path = out / f"{screen_id}-{tag}.png"
                image.save(str(path), "PNG")
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            ui.close()
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
