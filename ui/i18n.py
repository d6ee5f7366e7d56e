"""Run-time language switch (zh_CN / en) with retranslation of every screen.

Source strings are English; ``ui/translations/kiosk_<lang>.ts`` are committed and compiled to
``.qm`` by ``scripts/build_translations.sh`` at set-up. When a ``.qm`` is missing (a developer
checkout before set-up) it is compiled on the fly into a cache directory, so the kiosk never
comes up half-translated.

Switching language installs the new translator on the application; Qt then sends a
``LanguageChange`` event to every widget, and :class:`Translatable` screens call their
``retranslate()``. Catalogue data (matter names, form labels) is not in the Qt catalogue: it
carries both languages itself (:class:`kiosk.i18n.LocalText`) and screens pick it with
:func:`current_language`.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quancheng-kiosk" / "translations"


def _lrelease() -> str | None:
    candidates = [
        Path(sys.executable).with_name("pyside6-lrelease"),
        Path(sys.executable).parent / "lrelease",
    ]
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    import shutil  # the fallback path only: kept off the start-up imports

    return shutil.which("pyside6-lrelease")


def qm_path(language: str) -> Path | None:
    """The compiled catalogue for ``language``: shipped, cached, or compiled now."""
    shipped = TRANSLATIONS_DIR / f"kiosk_{language}.qm"
    source = TRANSLATIONS_DIR / f"kiosk_{language}.ts"
    if shipped.exists() and (
        not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime
    ):
        return shipped
    if not source.exists():
        return None
    cached = _cache_dir() / f"kiosk_{language}.qm"
    if cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime:
        return cached
    tool = _lrelease()
    if tool is None:
        log.error("no .qm for %s and pyside6-lrelease not found", language)
        return None
    cached.parent.mkdir(parents=True, exist_ok=True)
    import subprocess  # the fallback path only: kept off the start-up imports

    result = subprocess.run(
        [tool, "-silent", str(source), "-qm", str(cached)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not cached.exists():
        log.error("lrelease failed for %s: %s", language, result.stderr.strip())
        return None
    return cached


class LanguageManager(QObject):
    """Owns the installed translator; emits ``languageChanged`` after a switch."""

    languageChanged = Signal(str)

    def __init__(self, language: str = "zh_CN", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator: QTranslator | None = None
        self._language = ""
        self.set_language(language)

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if language == self._language:
            return
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            QCoreApplication.removeTranslator(self._translator)
        translator = QTranslator(self)
        path = qm_path(language)
        if path is not None and translator.load(str(path)):
            QCoreApplication.installTranslator(translator)
            self._translator = translator
        else:
            self._translator = None
            if language != "en":
                log.error("translations for %s could not be loaded", language)
        self._language = language
        QLocale.setDefault(QLocale(language))
        global _current
        _current = language
        self.languageChanged.emit(language)

    def toggle(self) -> None:
        self.set_language("en" if self._language == "zh_CN" else "zh_CN")

    def shutdown(self) -> None:
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None


_current = "zh_CN"


def current_language() -> str:
    """The active UI language code (``zh_CN`` or ``en``) for picking catalogue text."""
    return _current
