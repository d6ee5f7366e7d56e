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
        # With standalone_mode=False click returns the code of a raised ``Exit``.
        code = cli.main(args=argv, prog_name="kiosk", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as err:
        err.show()
        return err.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    return code if isinstance(code, int) else 0


__all__ = ["cli", "main"]
