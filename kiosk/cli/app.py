"""Click command tree of ``kiosk``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import tomli_w
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from config.settings import Settings, SettingsError, load_settings
from kiosk import diagnostics as doctor_mod
from kiosk.errors import CatalogError, KioskError

if TYPE_CHECKING:  # the catalogue pulls in pypinyin (~180 ms): only for catalog commands
    from kiosk.services.catalog import CatalogService

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


# --- catalog ------------------------------------------------------------------------------
@cli.group()
def catalog() -> None:
    """Inspect, search or validate the matter catalogue."""


def _catalog_service(state: _State) -> CatalogService:
    from kiosk import bootstrap
    from kiosk.services.catalog import CatalogService

    with bootstrap.open_store(state.settings) as store:
        return CatalogService.from_store(store)


@catalog.command("show")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
@pass_state
def catalog_show(state: _State, lang: str) -> None:
    """List the active catalogue's matters and life-event bundles."""
    svc = _catalog_service(state)
    cat = svc.catalog
    title = f"catalogue {cat.catalog_version}" + (" (SAMPLE DATA)" if cat.sample else "")
    table = Table(title=title)
    for col in ("code", "name", "category", "kind", "limit (days)", "materials"):
        table.add_column(col)
    labels = {item.code: item.label.get(lang) for items in cat.enums.values() for item in items}
    for m in cat.matters:
        table.add_row(
            m.code,
            m.name.get(lang),
            labels.get(m.category, m.category),
            labels.get(m.kind, m.kind),
            str(m.promised_limit_days),
            str(len(m.materials)),
        )
    console.print(table)
    bundles = Table(title="一件事 bundles")
    bundles.add_column("code")
    bundles.add_column("name")
    bundles.add_column("matters")
    for b in cat.bundles:
        bundles.add_row(b.code, b.name.get(lang), ", ".join(b.matter_codes))
    console.print(bundles)


@catalog.command("search")
@click.argument("query")
@click.option("--limit", default=10, show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
@pass_state
def catalog_search(state: _State, query: str, limit: int, lang: str) -> None:
    """Search by characters, pinyin, initials (jzz), English words or code."""
    svc = _catalog_service(state)
    hits = svc.search(query, limit=limit)
    if not hits:
        console.print("no matches")
        return
    table = Table()
    for col in ("kind", "code", "name", "matched", "score"):
        table.add_column(col)
    for h in hits:
        item = svc.bundle(h.key) if h.kind == "bundle" else svc.matter(h.key)
        table.add_row(h.kind, item.code, item.name.get(lang), h.matched, f"{h.score:.1f}")
    console.print(table)


@catalog.command("validate")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--install", is_flag=True, help="Install it as the active catalogue when valid.")
@pass_state
def catalog_validate(state: _State, file: Path, install: bool) -> None:
    """Validate a catalogue file completely (every enum, form, expression, bundle)."""
    from kiosk.catalog import validate_catalog
    from kiosk.services.catalog import install_catalog

    content = file.read_bytes()
    with Progress(transient=True, console=console) as progress:
        progress.add_task("validating", total=None)
        try:
            cat = validate_catalog(content)
        except CatalogError as err:
            path = err.params.get("path", "")
            reason = err.params.get("reason", err.detail)
            raise click.ClickException(f"invalid catalogue at {path}: {reason}") from err
    console.print(
        f"valid: version {cat.catalog_version}, {len(cat.matters)} matters, "
        f"{len(cat.bundles)} bundles, {len(cat.forms)} forms"
    )
    if install:
        from kiosk import bootstrap

        with bootstrap.open_store(state.settings) as store:
            result = install_catalog(store, content)
        console.print(f"installed {result.version}")


# --- outbox -------------------------------------------------------------------------------
@cli.group()
def outbox() -> None:
    """Submissions waiting to be delivered to the central platform."""


@outbox.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include acknowledged submissions.")
@pass_state
def outbox_list(state: _State, show_all: bool) -> None:
    """One row per submission: tracking number, state, attempts, next try, last error."""
    from kiosk import bootstrap

    states = None if show_all else ["queued", "sending", "quarantined"]
    with bootstrap.open_store(state.settings) as store:
        entries = store.outbox.entries(states)
        counts = store.outbox.counts()
    table = Table(title="outbox " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    for col in ("id", "tracking number", "state", "attempts", "next try (UTC)", "problem"):
        table.add_column(col)
    for e in entries:
        problem = e.quarantine_reason or e.last_error or ""
        table.add_row(
            str(e.id),
            e.label,
            e.state,
            str(e.attempts),
            e.next_try_at.strftime("%Y-%m-%d %H:%M:%S"),
            problem,
        )
    console.print(table)


@outbox.command("retry")
@click.argument("row_id", type=int)
@pass_state
def outbox_retry(state: _State, row_id: int) -> None:
    """Send a queued or quarantined submission again at the next opportunity."""
    from kiosk import bootstrap

    with bootstrap.open_store(state.settings) as store:
        try:
            store.outbox.retry_now(row_id)
        except KioskError as err:
            raise click.ClickException(f"cannot retry {row_id}: {err.key}") from err
    console.print(f"outbox row {row_id} queued for retry")


_DAYS_OPTION = click.option(
    "--older-than-days",
    type=click.IntRange(min=0),
    default=None,
    help="Period for acknowledged data only; default: storage.retention_days. Saved drafts, "
    "the audit log and cached progress keep their own storage.* periods (a draft a resident "
    "saved for later is never purged by a short period given here).",
)


@outbox.command("purge-acknowledged")
@_DAYS_OPTION
@pass_state
def outbox_purge(state: _State, older_than_days: int | None) -> None:
    """Same as ``kiosk purge`` (kept for existing scripts)."""
    _purge(state.settings, older_than_days)


@cli.command("purge")
@_DAYS_OPTION
@pass_state
def purge(state: _State, older_than_days: int | None) -> None:
    """Apply every retention period now (start-up and the daily sync do it too): personal
    data and files of acknowledged cases, ratings and complaints, saved drafts, cached
    progress of finished cases, old audit events. Nothing unsent is ever purged."""
    _purge(state.settings, older_than_days)


# What each RetentionReport count is, in the technician's words.
_PURGED_KINDS = (
    ("submissions", "submission(s) (acknowledged)"),
    ("ratings", "rating(s) (acknowledged)"),
    ("complaints", "complaint(s) (acknowledged)"),
    ("saved_drafts", "saved draft(s)"),
    ("statuses", "cached progress record(s) of finished cases"),
    ("audit_events", "audit event(s)"),
)


def _purge(settings: Settings, older_than_days: int | None) -> None:
    from kiosk import bootstrap

    if older_than_days is not None:
        storage = settings.storage.model_copy(update={"retention_days": older_than_days})
        settings = settings.model_copy(update={"storage": storage})
    with bootstrap.open_store(settings) as store:
        report = bootstrap.purge_expired_data(settings, store, bootstrap.utc_now())
        removed = store.attachments.collect_garbage()
    for kind, label in _PURGED_KINDS:
        console.print(f"purged {getattr(report, kind)} {label}")
    console.print(f"removed {removed} unreferenced file(s); {report.total} record(s) in all")


# ==== run: the touch UI (owned by the UI framework) =========================================
from typing import TYPE_CHECKING as _TYPE_CHECKING  # noqa: E402  (block-local import)

if _TYPE_CHECKING:
    from kiosk.services.container import KioskServices


@cli.command("run")
@click.option("--language", type=click.Choice(["zh_CN", "en"]), default=None)
@pass_state
def run_ui(state: _State, language: str | None) -> None:
    """Start the kiosk's touch UI (VNC on port 5900 when there is no display)."""
    import dataclasses
    import os
    import socket
    import sys

    from config.shell import shell_values
    from kiosk import bootstrap

    # The first frame comes from the raw settings (no pydantic before the paint); the full
    # settings are validated right after it, inside open_services, with the same messages.
    try:
        shell = shell_values(state.config_path)
    except SettingsError as err:
        raise click.ClickException(str(err)) from err
    if language is not None:
        shell = dataclasses.replace(shell, default_language=language)
    platform = bootstrap.headless_qt_platform(shell)
    if platform is not None:
        os.environ["QT_QPA_PLATFORM"] = platform
        console.print(f"no display: connect a VNC viewer to {socket.gethostname()}:5900")
    links: list[bootstrap.PlatformLink] = []
    built: list[KioskServices] = []

    def open_services() -> KioskServices:
        # After the home screen's first paint (the UI calls this from its event loop, and
        # raises what this raises once the loop has stopped).
        settings = state.settings
        if language is not None:
            terminal = settings.terminal.model_copy(update={"default_language": language})
            settings = settings.model_copy(update={"terminal": terminal})
        # No platform URL: a local central on loopback, enrolled, before the services (the
        # journey service takes the resident-key salt handed out at enrollment).
        links.append(bootstrap.start_platform(settings))
        try:
            services = bootstrap.build_services(settings)
        except KioskError as err:
            raise click.ClickException(f"cannot start: {err.key}") from err
        built.append(services)
        bootstrap.attach_sync(links[0], settings, services)
        return services

    try:
        code = bootstrap.launch_ui(shell, open_services)
    finally:
        for link in links:
            link.stop()  # the sync thread uses the store: stop it before closing the store
        for services in built:
            services.close()
    if bootstrap.ui_needs_hard_exit():
        # A process that has shown Qt Virtual Keyboard aborts in the interpreter's teardown
        # (PySide6 6.11: "QPixmap: Must construct a QGuiApplication before a QPixmap"), which
        # a supervisor would count as a crash. Everything is stopped and closed by now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise SystemExit(code)


# ==== end run ===============================================================================


# Command groups living in their own modules register themselves on ``cli`` when imported.
from kiosk.cli import device_cmds, platform_cmds  # noqa: E402, F401
