"""The ``kiosk`` command line: run the terminal, diagnose it, inspect its data.

Heavy imports (Qt, OpenCV, escpos, pyscard) happen inside the commands that need them, so
``kiosk --help`` and ``kiosk doctor`` stay fast.
"""

from __future__ import annotations

import click

from kiosk.cli.app import cli


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point; returns the exit status instead of raising SystemExit."""
    try:
        cli.main(args=argv, prog_name="kiosk", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as err:
        err.show()
        return err.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    return 0


__all__ = ["cli", "main"]
