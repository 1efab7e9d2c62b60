"""A datasette-ready SQLite file and its ``metadata.json``.

Plain ``sqlite3``: tables with primary and foreign keys (datasette links rows through
them), FTS5 indexes over the text columns (datasette finds an external-content FTS
table by itself and offers a search box), and metadata with titles, descriptions,
licence and a description of every column.
"""

from __future__ import annotations

import json
import pathlib
import sqlite3
from typing import Any

from relokant.publish.columns import TABLES, Table
from relokant.publish.package import LICENSE
from relokant.publish.tables import Tables

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "date": "TEXT",
              "array": "TEXT"}


def _ddl(table: Table) -> str:
    lines = []
    for col in table.columns:
        sql = f'"{col.name}" {_SQL_TYPES[col.type]}'
        if col.name == table.primary_key:
            sql += " PRIMARY KEY"
        elif col.required:
            sql += " NOT NULL"
        lines.append(sql)
    lines += [f'FOREIGN KEY ("{fk.column}") REFERENCES "{fk.table}" ("{fk.target}")'
              for fk in table.foreign_keys]
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def _value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def write_database(path: pathlib.Path, tables: Tables) -> pathlib.Path:
    """Write the tables into a fresh SQLite file at ``path`` (replacing an old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        for table in TABLES:
            conn.execute(_ddl(table))
            names = [c.name for c in table.columns]
            marks = ", ".join("?" for _ in names)
            quoted = ", ".join(f'"{n}"' for n in names)
            conn.executemany(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})',
                             [[_value(row.get(n)) for n in names] for row in tables[table.name]])
            for fk in table.foreign_keys:
                conn.execute(f'CREATE INDEX "ix_{table.name}_{fk.column}" '
                             f'ON "{table.name}" ("{fk.column}")')
            if table.search:
                cols = ", ".join(f'"{c}"' for c in table.search)
                conn.execute(f'CREATE VIRTUAL TABLE "{table.name}_fts" USING fts5({cols}, '
                             f"content=\"{table.name}\", content_rowid=rowid)")
                conn.execute(f'INSERT INTO "{table.name}_fts" ("{table.name}_fts") '
                             "VALUES ('rebuild')")
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    return path


def datasette_metadata(database: str, *, snapshot: str, version: str) -> dict[str, Any]:
    """Datasette's metadata: the database's and each table's title, description and columns."""
    tables: dict[str, Any] = {}
    for table in TABLES:
        entry: dict[str, Any] = {"title": table.title, "description": table.description,
                                 "columns": {c.name: c.description for c in table.columns}}
        if table.label:
            entry["label_column"] = table.label
        if table.search:
            entry["fts_table"] = f"{table.name}_fts"
        tables[table.name] = entry
    for name in (f"{t.name}_fts" for t in TABLES if t.search):
        tables[name] = {"hidden": True}
    return {
        "title": "relokant: published claims about emigration from Russia",
        "description": (f"Claims, their citations, documents and actors from a relokant ledger "
                        f"(snapshot {snapshot}, relokant {version}). No article text beyond "
                        "what the citations table states; no respondent-level data."),
        "license": LICENSE["name"], "license_url": LICENSE["path"],
        "source": "relokant ledger", "databases": {database: {"tables": tables}},
    }


def write_metadata(path: pathlib.Path, database: str, *, snapshot: str,
                   version: str) -> pathlib.Path:
    """Write datasette's ``metadata.json`` for the database named ``database``."""
    meta = datasette_metadata(database, snapshot=snapshot, version=version)
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
