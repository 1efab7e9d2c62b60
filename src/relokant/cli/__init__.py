"""The ``relokant`` command line: the only place errors become exit codes.

Exit codes: 0 success, 1 findings (``claims check``) or failing diagnostics,
2 bad input or usage, 3 not found. Each stage's commands live in their own
module and register on the shared Typer app when imported here.
"""

from __future__ import annotations

import importlib
import logging
import sys
from types import ModuleType

import click
from rich.text import Text

from relokant.cli import (
    estimate_commands,
    extract_commands,
    ledger_commands,
    panel_commands,
    publish_commands,
    simulate_commands,
    validate_commands,
    web_commands,
)
from relokant.cli.common import app, err
from relokant.errors import RelokantError

__all__ = ["app", "main"]
_COMMAND_MODULES = (ledger_commands, panel_commands, extract_commands, estimate_commands,
                    simulate_commands, validate_commands, publish_commands, web_commands)


def _click_exception_modules() -> list[ModuleType]:
    """Click's exceptions, and those of the Click that some Typer versions bundle."""
    found: list[ModuleType] = [click.exceptions]
    for name in ("typer._click.exceptions",):
        try:
            found.append(importlib.import_module(name))
        except ImportError:
            continue
    return found


def _classes(attr: str) -> tuple[type[BaseException], ...]:
    return tuple(getattr(m, attr) for m in _click_exception_modules() if hasattr(m, attr))


_EXIT = _classes("Exit")
_USAGE = _classes("UsageError")
_CLICK = _classes("ClickException")
_ABORT = _classes("Abort")


def _message(exc: BaseException) -> str:
    fmt = getattr(exc, "format_message", None)
    return str(fmt()) if callable(fmt) else str(exc)


def _usage_line(exc: BaseException) -> str:
    """One line: what was wrong, and where to read the usage."""
    message = _message(exc)
    ctx = getattr(exc, "ctx", None)
    path = getattr(ctx, "command_path", None) or "relokant"
    return f"{message} (see '{path} --help')"


def _remedies(exc: RelokantError) -> list[str]:
    """The error's neutral hint, and the flag that sets the option it names."""
    lines = [exc.hint] if exc.hint else []
    if exc.option:
        lines.append(f"the --{exc.option.replace('_', '-')} option")
    return lines


class _WarningsToConsole(logging.Handler):
    """Library warnings (a file that needed repair) shown to the user, one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"warning: {record.getMessage()}", style="yellow", markup=False,
                  highlight=False, soft_wrap=True)


_LIBRARY_LOG = logging.getLogger("relokant.ingest")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI, turning relokant and usage errors into one message shape and an exit code."""
    if not any(isinstance(h, _WarningsToConsole) for h in _LIBRARY_LOG.handlers):
        handler = _WarningsToConsole(level=logging.WARNING)
        _LIBRARY_LOG.addHandler(handler)
    try:
        result = app(args=argv, standalone_mode=False, prog_name="relokant")
    except RelokantError as exc:
        err.print(Text.assemble(("error: ", "bold red"), exc.message), highlight=False)
        for line in _remedies(exc):
            err.print(f"  try: {line}", markup=False, highlight=False)
        return exc.exit_code
    except _EXIT as exc:
        return int(getattr(exc, "exit_code", 0) or 0)
    except _USAGE as exc:
        err.print(Text.assemble(("usage error: ", "bold red"), _usage_line(exc)),
                  highlight=False, soft_wrap=True)
        return 2
    except _CLICK as exc:
        err.print(Text.assemble(("error: ", "bold red"),
                                _message(exc)),
                  highlight=False, soft_wrap=True)
        return int(getattr(exc, "exit_code", 1))
    except _ABORT:
        err.print("aborted")
        return 1
    return int(result) if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
