"""``kiosk enroll URL CODE`` and ``kiosk sync once|status|resume``: the terminal's link to the
central platform. The work happens in ``kiosk.bootstrap`` (the only module allowed to import
``sync``); these commands only print what happened."""

from __future__ import annotations

from typing import Any

import click

from kiosk.cli.app import _State, cli, console, pass_state
from kiosk.errors import KioskError


@cli.command()
@click.argument("url")
@click.argument("code")
@pass_state
def enroll(state: _State, url: str, code: str) -> None:
    """Enroll this terminal with a single-use CODE from the platform administrator."""
    from kiosk import bootstrap

    if not url.startswith(("http://", "https://")):
        raise click.ClickException("URL must start with http:// or https://")
    try:
        credentials = bootstrap.enroll(state.settings, url, code)
    except KioskError as err:
        raise click.ClickException(f"enrollment failed: {err.key}") from err
    console.print(
        f"enrolled as {credentials.terminal_id} ({credentials.station}); "
        f"credentials stored in {bootstrap.data_dir(state.settings) / 'credentials.json'}"
    )


@cli.group()
def sync() -> None:
    """Deliver the outbox and pull updates from the central platform."""


@sync.command("once")
@click.option("--url", default=None, help="Platform URL (default: settings, then enrollment).")
@pass_state
def sync_once(state: _State, url: str | None) -> None:
    """Run one sync pass now and print what happened."""
    from kiosk import bootstrap

    try:
        result = bootstrap.sync_once(state.settings, url=url)
    except KioskError as err:
        raise click.ClickException(f"sync failed: {err.key}") from err
    report: dict[str, Any] = result["report"]  # type: ignore[assignment]
    st: dict[str, Any] = result["state"]  # type: ignore[assignment]
    send = report["send"]
    console.print(
        f"sent {send['acknowledged']}, already on the platform {send['already_there']}, "
        f"retry later {send['retried']}, quarantined {send['quarantined']}"
    )
    console.print(
        f"status changes {report['changes_applied']}, "
        f"catalogue {report['catalog_installed'] or 'unchanged'}, "
        f"heartbeat {'sent' if report['heartbeat_sent'] else 'not sent'}, "
        f"purged {report['purged']}"
    )
    _print_state(st)
    if report["paused"]:
        console.print("[red]terminal not authorised: outbox paused[/] (re-enroll, then resume)")
        raise click.exceptions.Exit(2)
    if report["problem"]:
        console.print(f"[yellow]problem: {report['problem']}[/]")
        raise click.exceptions.Exit(1)


@sync.command("resume")
@pass_state
def sync_resume(state: _State) -> None:
    """Lift the "terminal not authorised" pause after fixing the credentials."""
    from kiosk import bootstrap

    bootstrap.resume_sync(state.settings)
    console.print("outbox resumed")


def _print_state(st: dict[str, Any]) -> None:
    refused = st["catalog_problem"]
    console.print(
        f"outbox waiting {st['queue_depth']} (oldest {st['oldest_age_s'] or 0:.0f} s), "
        f"quarantined {st['quarantined']}, feedback waiting {st['feedback_depth']}; "
        f"catalogue {st['catalog_version']}"
        + (f" [yellow](refused update: {refused})[/]" if refused else "")
        + f"; last success {st['last_success_at'] or 'never'}"
    )
