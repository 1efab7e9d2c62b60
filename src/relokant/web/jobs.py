"""Background jobs (estimate, simulate) with progress, one at a time per server."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from relokant.errors import InternalError, RelokantError

log = logging.getLogger(__name__)


@dataclass
class Job:
    """A job's state as the API reports it."""

    id: str
    kind: str
    status: str = "queued"
    stage: str = "queued"
    progress: float = 0.0
    result: Any = None
    error: dict[str, Any] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``GET /api/jobs/{id}``."""
        with self.lock:
            return {"id": self.id, "kind": self.kind, "status": self.status,
                    "stage": self.stage, "progress": round(self.progress, 3),
                    "result": self.result, "error": self.error}


class JobRunner:
    """Runs jobs in one worker thread and keeps their state."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relokant-job")
        self.jobs: dict[str, Job] = {}

    def submit(self, kind: str, work: Callable[[Callable[[str, float], None]], Any]) -> Job:
        """Queue ``work(progress)``; its return value becomes the job's result."""
        job = Job(id=uuid.uuid4().hex[:12], kind=kind)
        self.jobs[job.id] = job

        def progress(stage: str, fraction: float) -> None:
            with job.lock:
                job.stage, job.progress = stage, fraction

        def body() -> None:
            with job.lock:
                job.status = "running"
            try:
                result = work(progress)
            except RelokantError as exc:
                with job.lock:
                    job.status, job.error = "failed", exc.as_dict()
            except Exception as exc:  # a job must never take the server down
                log.exception("background job %s failed", job.id)
                with job.lock:
                    job.status = "failed"
                    job.error = InternalError(
                        f"the {job.kind} job failed: {type(exc).__name__}: {exc}",
                        hint="nothing was stored; the server log has the details").as_dict()
            else:
                with job.lock:
                    job.status, job.result, job.progress, job.stage = "done", result, 1.0, "done"

        self._pool.submit(body)
        return job

    def get(self, job_id: str) -> Job | None:
        """A job by id."""
        return self.jobs.get(job_id)
