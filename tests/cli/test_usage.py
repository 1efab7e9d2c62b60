"""Usage errors: one clear line on stderr and exit 2, never a traceback (#11 item 1)."""

from __future__ import annotations

import ast
import pathlib

import pytest

from relokant.cli import main

CLI = pathlib.Path(__file__).resolve().parents[2] / "src" / "relokant" / "cli"


@pytest.mark.parametrize(("argv", "says"), [
    (["estimate", "--draws", "5"], "--draws"),
    (["claims", "list", "--format", "pdf"], "pdf"),
    (["claims", "list", "--no-such-option"], "--no-such-option"),
    (["claims", "show"], "claim_id"),
    (["frobnicate"], "frobnicate"),
])
def test_usage_error_is_one_line_and_exit_2(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str],
    tmp_path: pathlib.Path,
) -> None:
    code = main(["--db", f"sqlite:///{tmp_path / 'l.db'}", *argv])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1, captured.err
    assert says in lines[0] and "--help" in lines[0]
    assert not (tmp_path / "l.db").exists()  # a usage error never opens the ledger


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "Usage" in capsys.readouterr().out


def _imports(module: pathlib.Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_command_modules_do_not_import_each_other() -> None:
    """#10: command modules share helpers through cli.common, not through one another."""
    modules = {p.stem: p for p in CLI.glob("*_commands.py")}
    for name, path in modules.items():
        others = {f"relokant.cli.{m}" for m in modules if m != name}
        assert not (_imports(path) & others), f"{name} imports another command module"
