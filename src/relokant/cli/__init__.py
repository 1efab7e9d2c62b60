"""The ``relokant`` command line: the only place errors become exit codes.

Exit codes: 0 success, 1 findings (``claims check``) or failing diagnostics,
2 bad input or usage, 3 not found. Each stage's commands live in their own
module and register on the shared Typer app when imported here.
"""

from __future__ import annotations

import sys

import click
from rich.text import Text

from relokant.cli import (
    estimate_commands,
    extract_commands,
    ledger_commands,
    panel_commands,
    simulate_commands,
    web_commands,
)
from relokant.cli.common import app, err
from relokant.errors import RelokantError

__all__ = ["app", "main"]
_COMMAND_MODULES = (ledger_commands, panel_commands, extract_commands, estimate_commands,
                    simulate_commands, web_commands)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI, turning relokant errors into one message shape and an exit code."""
    try:
        result = app(args=argv, standalone_mode=False, prog_name="relokant")
    except RelokantError as exc:
        err.print(Text.assemble(("error: ", "bold red"), exc.message), highlight=False)
        if exc.hint:
            err.print(f"  try: {exc.hint}", markup=False, highlight=False)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except click.exceptions.Abort:
        err.print("aborted")
        return 1
    return int(result) if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())



