"""Click command tree of ``kiosk``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import tomli_w
from rich.console import Console
from rich.table import Table

from config.settings import Settings, SettingsError, load_settings
from kiosk import diagnostics as doctor_mod

console = Console(highlight=False)


class _State:
    def __init__(self, config_path: Path | None) -> None:
        self.config_path = config_path
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = load_settings(self.config_path)
            except SettingsError as err:
                raise click.ClickException(str(err)) from err
        return self._settings


pass_state = click.make_pass_decorator(_State)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Site settings file (TOML). Default: $KIOSK_CONFIG, else the shipped defaults.",
)
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None) -> None:
    """泉城社区自助终端 — community self-service kiosk."""
    ctx.obj = _State(config_path)


# --- config -------------------------------------------------------------------------------
@cli.group()
def config() -> None:
    """Validate or print the effective settings."""


@config.command("check")
@pass_state
def config_check(state: _State) -> None:
    """Exit 0 when the settings are valid; name every bad field otherwise."""
    s = state.settings
    source = state.config_path or "shipped defaults"
    console.print(f"settings ok (version {s.settings_version}, from {source})")


def _toml_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _toml_ready(v) for k, v in value.items() if v is not None}
    return value


@config.command("show")
@pass_state
def config_show(state: _State) -> None:
    """Print the effective (migrated, merged) settings as TOML. The PIN is hidden."""
    data = _toml_ready(state.settings.model_dump(mode="json"))
    data["terminal"]["technician_pin"] = "******"
    click.echo(tomli_w.dumps(data), nl=False)


# --- doctor -------------------------------------------------------------------------------
@cli.command()
@pass_state
def doctor(state: _State) -> None:
    """Run every check and print a verdict each; exit 1 when a required check fails."""
    from kiosk import bootstrap

    results = doctor_mod.run_checks(bootstrap.doctor_checks(state.settings))
    table = Table(title="kiosk doctor")
    table.add_column("check")
    table.add_column("verdict")
    table.add_column("detail")
    colours = {"ok": "green", "warn": "yellow", "FAIL": "red"}
    for r in results:
        verdict = r.verdict.value + ("" if r.required else " (optional)")
        table.add_row(r.name, f"[{colours[r.verdict.value]}]{verdict}[/]", r.detail)
    console.print(table)
    ok = doctor_mod.overall_ok(results)
    console.print("verdict: " + ("[green]ready[/]" if ok else "[red]NOT ready[/]"))
    if not ok:
        raise click.exceptions.Exit(1)
