"""Read and validate a panel file (CSV or Parquet): all rows valid, or nothing stored."""

from __future__ import annotations

import pathlib
import re
from typing import Any

import pandas as pd
import pycountry
from sqlalchemy.engine import Engine

from relokant.errors import ValidationError
from relokant.panel.keys import load_key, pseudonym
from relokant.panel.tables import OnConflict, Stored, store_waves

COLUMNS: tuple[str, ...] = (
    "respondent_id", "wave", "interview_date", "residence", "departure_month",
    "returned", "return_date", "moved_on", "moved_on_date", "design_weight",
    "age_band", "sex", "occupation", "cohort")
OPTIONAL: tuple[str, ...] = ("destination",)
"""Optional columns: ``destination``, the country first emigrated to (ISO alpha-2)."""
_IDENTIFYING = re.compile(
    r"name|e.?mail|phone|mobile|tel|birth|dob|address|street|comment|note|free.?text|passport",
    re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().-]{7,}$")
_TEXT = ("age_band", "sex", "occupation", "cohort")


def read_panel(path: pathlib.Path) -> pd.DataFrame:
    """Validate a panel file and return its rows with pseudonymised respondent ids."""
    frame = _load(path)
    src = str(path)
    for column in frame.columns:
        if _IDENTIFYING.search(str(column)) and column not in (*COLUMNS, *OPTIONAL):
            raise ValidationError(
                f"column '{column}' looks like a direct identifier; expected only {COLUMNS}",
                source=src, field=str(column), hint="drop identifying columns before import")
    missing = [c for c in COLUMNS if c not in frame.columns]
    extra = [c for c in frame.columns if c not in (*COLUMNS, *OPTIONAL)]
    if missing or extra:
        raise ValidationError(
            f"received columns missing {missing} and unexpected {extra}; expected {COLUMNS} "
            f"and optionally {OPTIONAL}",
            source=src, hint="rename or drop columns to match the panel format")
    rows = [_row({str(c): v for c, v in rec.items()}, i + 1, src)
            for i, rec in enumerate(frame.to_dict("records"))]
    clean = pd.DataFrame(rows, columns=[*COLUMNS, *OPTIONAL],
                         index=pd.RangeIndex(1, len(rows) + 1, name="record"))
    _check_respondents(clean, src)
    key = load_key()
    clean["respondent_id"] = [pseudonym(r, key) for r in clean["respondent_id"]]
    return clean


def import_panel(path: pathlib.Path, engine: Engine, *,
                 on_conflict: OnConflict = "error") -> Stored:
    """Validate ``path`` and store its rows in the panel tables in one transaction.

    Waves already stored are refused unless ``on_conflict`` is ``"skip"`` (keep
    the stored rows) or ``"replace"`` (overwrite them with the file's).
    """
    return store_waves(engine, read_panel(path), on_conflict=on_conflict, source=str(path))


def _check_respondents(clean: pd.DataFrame, src: str) -> None:
    """One row per respondent and wave, and one destination per respondent."""
    twice = clean[clean.duplicated(["respondent_id", "wave"], keep=False)]
    if not twice.empty:
        records = ", ".join(str(r) for r in twice.index[:6])
        raise ValidationError(f"records {records} give the same respondent and wave twice; "
                              "expected one row per respondent and wave", source=src,
                              field="wave", hint="remove the duplicate rows")
    stated = clean.dropna(subset=["destination"])
    varies = stated.groupby("respondent_id")["destination"].transform("nunique") > 1
    if varies.any():
        raise ValidationError(
            f"records {', '.join(str(r) for r in stated.index[varies][:6])} give one "
            "respondent different destinations; expected the country first emigrated to, "
            "the same in every wave", source=src, field="destination",
            hint="put later moves in moved_on/moved_on_date and keep the first destination")


def _load(path: pathlib.Path) -> pd.DataFrame:
    if not path.is_file():
        raise ValidationError("no such file", source=str(path), hint="check the path")
    try:
        if path.suffix.lower() == ".parquet":
            return pd.read_parquet(path)
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, OSError) as exc:
        raise ValidationError(f"cannot read the file ({exc}); expected CSV or Parquet",
                              source=str(path), hint="save the panel as CSV or Parquet") from exc


def _row(rec: dict[str, Any], index: int, src: str) -> dict[str, Any]:
    def fail(column: str, what: str, expected: str) -> ValidationError:
        return ValidationError(f"received {what!r}; expected {expected}", source=src,
                               record=index, field=column, hint="correct the value in the file")

    text = {c: "" if _blank(rec[c]) else str(rec[c]).strip()
            for c in (*COLUMNS, *OPTIONAL) if c in rec}
    for column, value in text.items():
        if _EMAIL.search(value) or (column != "design_weight" and _PHONE.match(value)
                                    and not re.match(r"^\d{4}-\d{2}(-\d{2})?$", value)
                                    and len(re.sub(r"\D", "", value)) >= 7):
            raise fail(column, "an e-mail or phone-like value", "no direct identifiers")
    out: dict[str, Any] = {"respondent_id": text["respondent_id"]}
    if not out["respondent_id"]:
        raise fail("respondent_id", "", "a respondent id")
    try:
        out["wave"] = int(text["wave"])
        if out["wave"] < 1:
            raise ValueError
    except ValueError:
        raise fail("wave", text["wave"], "a positive integer") from None
    out["interview_date"] = _date(text["interview_date"], "interview_date", fail, required=True)
    code = text["residence"].upper()
    if pycountry.countries.get(alpha_2=code) is None:
        raise fail("residence", text["residence"], "an ISO 3166-1 alpha-2 country code")
    out["residence"] = code
    if not re.fullmatch(r"\d{4}-\d{2}", text["departure_month"]):
        raise fail("departure_month", text["departure_month"], "a month as YYYY-MM")
    out["departure_month"] = text["departure_month"]
    for flag, when in (("returned", "return_date"), ("moved_on", "moved_on_date")):
        if text[flag] not in ("0", "1"):
            raise fail(flag, text[flag], "0 or 1")
        out[flag] = int(text[flag])
        out[when] = _date(text[when], when, fail, required=bool(out[flag]))
    try:
        out["design_weight"] = float(text["design_weight"])
        if not 0 < out["design_weight"] < float("inf"):
            raise ValueError
    except ValueError:
        raise fail("design_weight", text["design_weight"], "a positive number") from None
    for column in _TEXT:
        if not text[column] or len(text[column]) > 40:
            raise fail(column, text[column], "a short category label")
        out[column] = text[column]
    out["destination"] = None
    if text.get("destination"):
        dest = text["destination"].upper()
        if pycountry.countries.get(alpha_2=dest) is None:
            raise fail("destination", text["destination"], "an ISO 3166-1 alpha-2 country code "
                       "or blank")
        out["destination"] = dest
    return out


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value) == ""


def _date(value: str, column: str, fail: Any, *, required: bool) -> str | None:
    if not value:
        if required:
            raise fail(column, value, "a date as YYYY-MM-DD")
        return None
    try:
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    except ValueError:
        raise fail(column, value, "a date as YYYY-MM-DD") from None
