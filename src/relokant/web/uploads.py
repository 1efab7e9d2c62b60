"""An uploaded article into the ledger: size limit, then the pipeline's ingest."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

import anyio.to_thread
from fastapi import UploadFile

from relokant.errors import ValidationError
from relokant.ledger import Ledger
from relokant.pipeline import ingest_bytes
from relokant.web.schemas import MAX_UPLOAD_BYTES


async def ingest_upload(store: Ledger, file: UploadFile, date: dt.date | None,
                        outlet: str | None) -> dict[str, Any]:
    """Store the upload's claims as pending; the document and each claim's id and novelty."""
    name = pathlib.Path(file.filename or "upload.txt").name
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(f"{name}: larger than the {MAX_UPLOAD_BYTES // 1024 // 1024} "
                              "MiB limit for an upload", field="file")
    done = await anyio.to_thread.run_sync(
        lambda: ingest_bytes(store, name, data, date=date, outlet=outlet))
    assert done.document is not None
    return {"document": done.document.model_dump(mode="json"),
            "claims": [{"id": cid, "new": new} for cid, new in done.claims]}
