"""One error shape, from the library to every front end."""

from __future__ import annotations

from relokant.cli import main
from relokant.errors import (
    ERROR_KEYS,
    EstimateError,
    InternalError,
    LedgerError,
    NotFoundError,
    RelokantError,
    RequestError,
    ValidationError,
)


def test_every_error_has_the_one_shape_with_its_status() -> None:
    cases: list[tuple[RelokantError, int]] = [
        (ValidationError("bad", source="f.json", record=3, field="value"), 422),
        (NotFoundError("no claim"), 404), (EstimateError("too few claims"), 422),
        (LedgerError("cannot open", option="db"), 400),
        (RequestError("too large", status=413), 413), (InternalError("boom"), 500),
    ]
    for exc, status in cases:
        shape = exc.as_dict()
        assert tuple(shape) == ERROR_KEYS
        assert shape["status"] == status
    assert ValidationError("bad", field="value").as_dict()["field"] == "value"
    assert LedgerError("x", option="db").as_dict()["field"] == "db"
    assert RequestError("x", status=405).as_dict()["error"] == "HTTPError"


def test_library_hints_name_no_flags_and_the_cli_renders_options(capsys) -> None:  # type: ignore[no-untyped-def]
    import pathlib

    import relokant

    src = pathlib.Path(relokant.__file__).parent
    for path in src.rglob("*.py"):
        if path.relative_to(src).parts[0] in {"cli", "web"}:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "hint=" in line or "raise " in line:
                assert "--" not in line.split("hint=")[-1], f"{path}: {line.strip()}"
    code = main(["--db", "nosuchscheme://nowhere", "claims", "list"])
    err = capsys.readouterr().err
    assert code == 2 and "error:" in err and "--db" in err
