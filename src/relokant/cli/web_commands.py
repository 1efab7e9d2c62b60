"""The serve command: the web app and JSON API over the ledger."""

from __future__ import annotations

import pathlib
from typing import Annotated

import typer

from relokant.cli.common import app, err, state_of


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token_file: Annotated[pathlib.Path | None, typer.Option(
        help="File whose first line is the write token (else $RELOKANT_TOKEN; none: "
        "read-only).")] = None,
) -> None:
    """Serve the web app and JSON API (read-only without a token)."""
    import uvicorn

    from relokant.web import create_app
    from relokant.web.security import load_token

    token = load_token(token_file)
    application = create_app(ledger=state_of(ctx).ledger(), token=token)
    mode = "writable with the token" if token else "read-only"
    err.print(f"serving on http://{host}:{port} ({mode})")
    uvicorn.run(application, host=host, port=port, log_level="warning")
