"""The settings sources without validation: defaults, site file, environment, migrations.

Light on purpose (``tomllib`` only, no pydantic): ``kiosk run`` builds its first frame from
:func:`shell_values` and validates the full :class:`~config.settings.Settings` right after that
first paint (the pydantic import and the models cost more than the window itself). The rules
here are the ones :func:`config.settings.load_settings` validates: same files, same order, same
``KIOSK_*`` overrides, same :class:`SettingsError` for an unreadable file.

This package is a leaf: it imports nothing from the rest of the project.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

SETTINGS_VERSION: Final = 2
ENV_PREFIX = "KIOSK_"
ENV_SOURCE = "KIOSK_* environment"
# Settings whose value must never be repeated in an error message (it ends up in logs).
SECRET_SETTINGS: Final = frozenset({"technician_pin"})


class SettingsError(Exception):
    """Invalid configuration; ``problems`` lists ``(field, value, allowed)`` triples."""

    def __init__(self, source: str, problems: list[tuple[str, str, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"invalid settings in {source}:"]
        lines += [f"  {field}: got {value} — {allowed}" for field, value, allowed in problems]
        super().__init__("\n".join(lines))


# --- migrations ---------------------------------------------------------------------------
def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (pre-release) had flat ``[card_reader]``/``[printer]``/``[camera]`` tables and
    ``[terminal] idle_timeout``; version 2 groups devices and moves timeouts to ``[session]``."""
    out = dict(raw)
    devices = dict(out.pop("devices", {}))
    for name in ("card_reader", "printer", "camera"):
        if name in out:
            devices[name] = out.pop(name)
    if devices:
        out["devices"] = devices
    terminal = dict(out.get("terminal", {}))
    if "idle_timeout" in terminal:
        session = dict(out.get("session", {}))
        session.setdefault("idle_timeout_s", terminal.pop("idle_timeout"))
        out["session"] = session
        out["terminal"] = terminal
    out["settings_version"] = 2
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(raw: dict[str, Any], source: str) -> dict[str, Any]:
    version = raw.get("settings_version", SETTINGS_VERSION)
    if not isinstance(version, int) or version < 1 or version > SETTINGS_VERSION:
        raise SettingsError(
            source,
            [("settings_version", repr(version), f"an integer from 1 to {SETTINGS_VERSION}")],
        )
    while version < SETTINGS_VERSION:
        raw = MIGRATIONS[version](raw)
        version = raw["settings_version"]
    return raw


# --- loading ------------------------------------------------------------------------------
def _deep_merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as err:
        raise SettingsError(str(path), [("(file)", "missing", "an existing TOML file")]) from err
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(str(path), [("(file)", "unparsable TOML", str(err))]) from err


def defaults_text() -> str:
    # Next to this module (the package is always installed as files): importlib.resources
    # would cost more than the read itself on kiosk run's path to its first frame.
    return Path(__file__).with_name("defaults.toml").read_text(encoding="utf-8")


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    """``KIOSK_A__B=value`` → ``{"a": {"b": value}}``. Values are parsed as TOML scalars when
    possible (numbers, booleans), else kept as strings."""
    out: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX) or "__" not in key or key == "KIOSK_CONFIG":
            continue
        parts = key[len(ENV_PREFIX) :].lower().split("__")
        node = out
        for depth, part in enumerate(parts[:-1]):
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise _env_conflict(parts[: depth + 1])
            node = child
        if isinstance(node.get(parts[-1]), dict):
            raise _env_conflict(parts)
        try:
            parsed: Any = tomllib.loads(f"v = {value}")["v"]
        except tomllib.TOMLDecodeError:
            parsed = value
        node[parts[-1]] = parsed
    return out


def _env_conflict(parts: list[str]) -> SettingsError:
    """Two variables make one setting both a value and a table (KIOSK_A__B and KIOSK_A__B__C)."""
    field = ".".join(parts)
    return SettingsError(ENV_SOURCE, [(field, "a value and a table", "one of the two")])


def raw_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], str]:
    """Defaults ← site file ← environment, merged but not validated; and the source name
    (what a :class:`SettingsError` names)."""
    env = os.environ if environ is None else environ
    if path is None and env.get("KIOSK_CONFIG"):
        path = Path(env["KIOSK_CONFIG"])
    raw: dict[str, Any] = tomllib.loads(defaults_text())
    source = "defaults"
    if path is not None:
        source = str(path)
        site = migrate(_read_toml(path), source)
        raw = _deep_merge(raw, site)
    overrides = _env_overrides(env)
    if overrides:
        source += f" + {ENV_SOURCE}"
        raw = _deep_merge(raw, overrides)
    return raw, source


# --- what the first frame needs ---------------------------------------------------------------
# Same defaults as ``config.settings.TerminalSettings``. A value the model would reject falls
# back to its default here: the frame still shows, and validation right after it stops start-up
# with the usual SettingsError.
_LANGUAGES = ("zh_CN", "en")
_ORIENTATIONS = ("portrait", "landscape")
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})  # pydantic's lax bool strings
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


@dataclass(frozen=True, slots=True)
class ShellValues:
    """The raw ``[terminal]`` values the window, header and home screen are built from.

    ``terminal`` is the object itself, so code reading ``settings.terminal.orientation`` works
    with these as with a validated ``Settings``."""

    station_name: str = "历下区泉城路街道便民服务站"
    station_name_en: str = "Quanchenglu Street Service Station"
    default_language: str = "zh_CN"
    orientation: str = "portrait"
    elder_mode_default: bool = False
    technician_pin: str = "246810"

    @property
    def terminal(self) -> ShellValues:
        return self


def shell_values(path: Path | None = None, environ: Mapping[str, str] | None = None) -> ShellValues:
    """The first frame's settings from the same sources as ``load_settings``, unvalidated.

    Raises :class:`SettingsError` only for what stops reading altogether (a missing or
    unparsable file, an unknown ``settings_version``, conflicting environment variables)."""
    raw, _source = raw_settings(path, environ)
    terminal = raw.get("terminal")
    t: Mapping[str, Any] = terminal if isinstance(terminal, Mapping) else {}
    d = ShellValues()
    return ShellValues(
        station_name=_text(t.get("station_name"), d.station_name),
        station_name_en=_text(t.get("station_name_en"), d.station_name_en),
        default_language=_choice(t.get("default_language"), _LANGUAGES, d.default_language),
        orientation=_choice(t.get("orientation"), _ORIENTATIONS, d.orientation),
        elder_mode_default=_flag(t.get("elder_mode_default"), d.elder_mode_default),
        technician_pin=_text(t.get("technician_pin"), d.technician_pin),
    )


def _text(value: object, default: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # like the models' coerce_numbers_to_str
    return default


def _choice(value: object, allowed: tuple[str, ...], default: str) -> str:
    return value if isinstance(value, str) and value in allowed else default


def _flag(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return default
