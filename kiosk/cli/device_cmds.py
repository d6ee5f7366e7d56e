"""``kiosk device``: list configured devices and exercise them (technicians)."""

from __future__ import annotations

import threading

import click
from rich.table import Table

from kiosk import devices
from kiosk import diagnostics as doctor_mod
from kiosk.cli.app import _State, cli, console, pass_state
from kiosk.errors import KioskError


# --- devices ------------------------------------------------------------------------------
@cli.group()
def device() -> None:
    """List configured devices and test them (technicians)."""


@device.command("list")
@pass_state
def device_list(state: _State) -> None:
    """The configured adapter of each device and its current state."""
    from kiosk import bootstrap

    s = state.settings
    results = doctor_mod.run_checks(
        [
            lambda: devices.check_card_reader(
                bootstrap.build_card_reader(s), s.devices.card_reader.kind
            ),
            lambda: devices.check_printer(bootstrap.build_printer(s), s.devices.printer.kind),
            lambda: devices.check_camera(bootstrap.build_camera(s), s.devices.camera.kind),
        ]
    )
    table = Table(title="devices")
    for col in ("device", "verdict", "state"):
        table.add_column(col)
    for r in results:
        table.add_row(r.name, r.verdict.value, r.detail)
    console.print(table)


@device.group("test")
def device_test() -> None:
    """Exercise one device for real."""


@device_test.command("printer")
@pass_state
def device_test_printer(state: _State) -> None:
    """Print a test page (width, QR, Chinese text) and report the paper state."""
    from kiosk import bootstrap

    printer = bootstrap.build_printer(state.settings)
    status = printer.status()
    console.print(f"status before: {status.state} ({status.message_key})")
    try:
        printer.print_test_page()
    except KioskError as err:
        raise click.ClickException(f"printing failed: {err.key}") from err
    console.print(f"test page printed; status after: {printer.status().state}")


@device_test.command("card")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds to wait for a card.")
@pass_state
def device_test_card(state: _State, timeout: float) -> None:
    """Wait for a card and show the masked identity read from it."""
    from kiosk import bootstrap

    reader = bootstrap.build_card_reader(state.settings)
    simulated = state.settings.devices.card_reader.kind == "simulator"
    if simulated:
        # The simulator has no slot: present its first fixture card as soon as it is asked.
        threading.Timer(0.1, reader.insert, args=(0,)).start()  # type: ignore[attr-defined]
    console.print(f"present a card to the reader ({timeout:.0f} s)…")
    try:
        identity = reader.read_identity(timeout)
    except KioskError as err:
        raise click.ClickException(f"card read failed: {err.key}") from err
    finally:
        reader.stop()
    for line in devices.masked_identity_lines(identity):
        console.print("  " + line)
    console.print("please take the card")


@device_test.command("camera")
@pass_state
def device_test_camera(state: _State) -> None:
    """Grab a frame; report resolution, focus and whether a page outline was found."""
    from kiosk import bootstrap

    camera = bootstrap.build_camera(state.settings)
    try:
        probe = devices.probe_camera(camera, bootstrap.build_document_scanner())
    except KioskError as err:
        raise click.ClickException(f"camera failed: {err.key}") from err
    console.print(f"resolution: {probe.width}x{probe.height}")
    console.print(f"focus (variance of Laplacian in the page): {probe.sharpness:.0f}")
    console.print(f"document: {'found' if probe.page_found else 'not found'} ({probe.guidance})")
