"""``kiosk-central``: run the platform and administer it from a shell.

Administration commands work straight on the database (same ``--db``/``--data-dir`` as
``serve``), so an operator can enroll terminals and create staff before the server runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from central.db import Database
from central.settings import Settings, check_code_valid_days

DEFAULT_DATA_DIR = "var/central"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("KIOSK_CENTRAL_DATA_DIR", DEFAULT_DATA_DIR)),
        help="data directory (SQLite file, attachments); default %(default)s",
    )
    parser.add_argument(
        "--db",
        default=os.environ.get("KIOSK_CENTRAL_DB"),
        help="database URL, e.g. postgresql+psycopg://user@host/db "
        "(default: SQLite in the data dir)",
    )


def _retention(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--partial-upload-hours",
        type=float,
        default=24.0,
        help="drop an unfinished upload idle this long (default %(default)s)",
    )
    parser.add_argument(
        "--unreferenced-upload-days",
        type=float,
        default=7.0,
        help="delete a complete upload no submission references after this long "
        "(default %(default)s)",
    )
    parser.add_argument(
        "--enrollment-code-retention-days",
        type=float,
        default=90.0,
        help="delete enrollment codes this long after use, revocation or expiry "
        "(default %(default)s)",
    )


def _with_retention(settings: Settings, args: argparse.Namespace) -> Settings:
    return dataclasses.replace(
        settings,
        partial_upload_retention_hours=args.partial_upload_hours,
        unreferenced_upload_retention_days=args.unreferenced_upload_days,
        enrollment_code_retention_days=args.enrollment_code_retention_days,
    )


def _code_valid_days(value: str) -> float:
    """An enrollment code validity in days, refused by argparse unless 0 < days <= 3650."""
    try:
        return check_code_valid_days(float(value), "days")
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{value!r}: {err}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk-central", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the API, back office and public board")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument(
        "--catalog",
        type=Path,
        help="publish this catalogue file on start (unless it already is the current version)",
    )
    serve.add_argument(
        "--follow-up-days",
        type=int,
        default=5,
        help="working days to follow up a bad rating (default 5)",
    )
    serve.add_argument(
        "--enrollment-code-days",
        type=_code_valid_days,
        default=7.0,
        help="days an enrollment code made in the back office stays valid (default 7)",
    )
    _retention(serve)
    serve.add_argument(
        "--purge-interval-minutes",
        type=float,
        default=60.0,
        help="sweep at start-up and then this often; 0 turns it off (default %(default)s)",
    )
    serve.add_argument(
        "--low-disk-mb",
        type=float,
        default=500.0,
        help="the fleet page warns below this free disk on a terminal (default %(default)s)",
    )
    serve.add_argument(
        "--login-max-failures",
        type=int,
        default=5,
        help="consecutive failed logins that lock a user name (default %(default)s)",
    )
    serve.add_argument(
        "--login-lockout-minutes",
        type=float,
        default=15.0,
        help="how long a locked user name is refused, even with the right password "
        "(default %(default)s)",
    )
    serve.add_argument(
        "--login-address-max-failures",
        type=int,
        default=20,
        help="failed logins one client address may make per window; 0 turns it off "
        "(default %(default)s)",
    )
    serve.add_argument(
        "--login-address-window-minutes",
        type=float,
        default=15.0,
        help="the per-address window (default %(default)s)",
    )

    purge = sub.add_parser(
        "purge",
        help="delete abandoned and unreferenced uploads and old enrollment codes now",
        description="One retention sweep (the server also runs one at start-up and hourly). "
        "An attachment a stored submission or complaint references is never deleted.",
    )
    _common(purge)
    _retention(purge)

    terminals = sub.add_parser("terminals", help="enroll, list, revoke terminals")
    tsub = terminals.add_subparsers(dest="action", required=True)
    add = tsub.add_parser("add", help="print a one-time enrollment code")
    _common(add)
    add.add_argument("--station", required=True)
    add.add_argument("--terminal-id")
    add.add_argument(
        "--valid-days",
        type=float,
        default=7.0,
        help="days the code can be used (default %(default)s)",
    )
    lst = tsub.add_parser("list")
    _common(lst)
    revoke = tsub.add_parser("revoke")
    _common(revoke)
    revoke.add_argument("terminal_id")

    users = sub.add_parser("users", help="back-office staff accounts")
    usub = users.add_subparsers(dest="action", required=True)
    uadd = usub.add_parser("add", help="create a user or reset a password")
    _common(uadd)
    uadd.add_argument("name")
    uadd.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin",
    )
    unlock = usub.add_parser(
        "unlock", help="clear a user name's failed-login counter and lock (before it ends)"
    )
    _common(unlock)
    unlock.add_argument("name")

    catalog = sub.add_parser("catalog", help="catalogue versions")
    csub = catalog.add_subparsers(dest="action", required=True)
    publish = csub.add_parser("publish", help="publish a catalogue JSON file")
    _common(publish)
    publish.add_argument("file", type=Path)

    sub.add_parser("openapi", help="print the OpenAPI document of the terminal API")
    return parser


def _database(args: argparse.Namespace) -> Database:
    settings = Settings(data_dir=args.data_dir, db_url=args.db)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.effective_db_url)
    db.create_schema()
    return db


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command == "openapi":
        return _openapi()
    if args.command == "purge":
        return _purge(args)
    db = _database(args)
    try:
        return _admin(args, db)
    finally:
        db.close()


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from central.app import create_app
    from central.services.retention import RetentionPolicy

    settings = Settings(
        data_dir=args.data_dir,
        db_url=args.db,
        initial_catalog=args.catalog,
        follow_up_working_days=args.follow_up_days,
        enrollment_code_valid_days=args.enrollment_code_days,
        purge_interval_s=args.purge_interval_minutes * 60,
        low_disk_mb=args.low_disk_mb,
        login_max_failures=args.login_max_failures,
        login_lockout_minutes=args.login_lockout_minutes,
        login_address_max_failures=args.login_address_max_failures,
        login_address_window_minutes=args.login_address_window_minutes,
    )
    settings = _with_retention(settings, args)
    try:
        settings.check()
        RetentionPolicy.of(settings)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    app = create_app(settings)
    uvicorn.run(app, host=args.host, port=args.port, proxy_headers=False)
    return 0


def _purge(args: argparse.Namespace) -> int:
    from central.services.attachments import AttachmentStore
    from central.services.retention import RetentionPolicy, sweep

    settings = _with_retention(Settings(data_dir=args.data_dir, db_url=args.db), args)
    try:
        policy = RetentionPolicy.of(settings)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    db = _database(args)
    try:
        report = sweep(db, AttachmentStore(db, settings.attachments_dir), policy)
    finally:
        db.close()
    print(report.summary())
    return 1 if report.errors else 0


def _openapi() -> int:
    from central.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(data_dir=Path(tmp)))
        try:
            document = app.openapi()
        finally:
            app.close()
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return 0


def _admin(args: argparse.Namespace, db: Database) -> int:
    from central.services import catalogs, terminals, users
    from central.services.login_guard import LoginGuard, LoginPolicy

    if args.command == "terminals":
        if args.action == "add":
            try:
                code = terminals.create_enrollment_code(
                    db, args.station, args.terminal_id, valid_days=args.valid_days, created_by="cli"
                )
            except ValueError as err:
                print(f"error: {err}", file=sys.stderr)
                return 2
            print(code)
            return 0
        if args.action == "list":
            for t in terminals.list_terminals(db):
                state = "revoked" if t.revoked else ("enrolled" if t.enrolled else "pending")
                print(f"{t.id}\t{t.station}\t{state}\t{t.app_version or '-'}")
            return 0
        if not terminals.revoke(db, args.terminal_id):
            print(f"error: unknown terminal {args.terminal_id}", file=sys.stderr)
            return 1
        print(f"revoked {args.terminal_id}")
        return 0
    if args.command == "users" and args.action == "unlock":
        guard = LoginGuard(db, LoginPolicy.of(Settings(data_dir=args.data_dir)))
        ref = guard.key("user", args.name)[:12]  # as the lockout log lines name it
        if guard.unlock(args.name):
            print(f"user {args.name} (ref {ref}) unlocked")
        else:
            print(f"user {args.name} had no failed logins to clear")
        return 0
    if args.command == "users":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Repeat: ") != password:
                print("error: passwords differ", file=sys.stderr)
                return 2
        try:
            users.add_user(db, args.name, password)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"user {args.name} saved")
        return 0
    try:
        published = catalogs.publish(db, args.file.read_bytes(), by="cli")
    except (OSError, catalogs.CatalogShapeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"published {published.version} (#{published.id}, etag {published.etag})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
