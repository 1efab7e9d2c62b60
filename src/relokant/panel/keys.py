"""The pseudonymisation key: kept in a 0600 file outside the database."""

from __future__ import annotations

import hashlib
import hmac
import os
import pathlib
import secrets

import platformdirs

ENV_KEY_FILE = "RELOKANT_PANEL_KEY_FILE"


def key_path() -> pathlib.Path:
    """Where the key lives: ``RELOKANT_PANEL_KEY_FILE`` or the user config folder."""
    override = os.environ.get(ENV_KEY_FILE)
    if override:
        return pathlib.Path(override)
    return pathlib.Path(platformdirs.user_config_dir("relokant")) / "panel.key"


def load_key() -> bytes:
    """Read the key, creating it (mode 0600) on first use."""
    path = key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def pseudonym(raw_id: str, key: bytes) -> str:
    """A keyed hash of a respondent id, so ids cannot be reversed without the key."""
    return hmac.new(key, raw_id.encode(), hashlib.sha256).hexdigest()
