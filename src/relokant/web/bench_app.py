"""An app factory for uvicorn --factory (each worker opens the ledger in $RELOKANT_DB)."""

from __future__ import annotations

from fastapi import FastAPI

from relokant.ledger import Ledger
from relokant.web.app import create_app
from relokant.web.security import load_token


def app_factory() -> FastAPI:
    """The app over the ledger named by RELOKANT_DB, token from RELOKANT_TOKEN."""
    return create_app(ledger=Ledger.open(seed=False), token=load_token())
