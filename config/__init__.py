"""Typed settings, shipped defaults and sample data. A leaf package: imports nothing else."""

from config.settings import Settings, SettingsError, load_settings

__all__ = ["Settings", "SettingsError", "load_settings"]
