"""The published tables, described once: columns, types, keys and what each column means.

The Frictionless table schemas, the SQLite DDL and datasette's ``metadata.json`` are all
generated from these specs, so the three can never disagree about a column.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """One column: its name, Frictionless type, whether it may be empty, and its meaning."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForeignKey:
    """A column that refers to another table's primary key."""

    column: str
    table: str
    target: str


@dataclass(frozen=True)
class Table:
    """One published table."""

    name: str
    title: str
    description: str
    primary_key: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    #: Text columns indexed for full-text search in the SQLite file.
    search: tuple[str, ...] = ()
    #: The column datasette shows for a row referred to from another table.
    label: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _enum(*values: str) -> tuple[str, ...]:
    return tuple(values)


ACTORS = Table(
    "actors", "Actors",
    "Who makes the estimates: people, organisations, surveys, government bodies.",
    "name",
    (
        Column("name", "string", "The actor's canonical name.", required=True),
        Column("kind", "string", "What the actor is.", required=True,
               enum=_enum("person", "organisation", "survey", "company", "government_body",
                          "media")),
        Column("source_type", "string", "The kind of evidence the actor's figures are; the "
               "estimate learns one bias per source type.", required=True),
        Column("affiliation", "string", "The organisation the actor belongs to, if any."),
        Column("aliases", "array", "Other names of the actor (translations, inflected forms), "
               "as a JSON array."),
    ),
    label="name",
)

DOCUMENTS = Table(
    "documents", "Documents",
    "Published documents (articles, reports) in which claims were read. Bibliographic "
    "details only: no article text is published.",
    "id",
    (
        Column("id", "string", "Stable id of the document (a digest of outlet, date and URL "
               "or title).", required=True),
        Column("outlet", "string", "Where it was published.", required=True),
        Column("title", "string", "The document's title."),
        Column("published", "date", "Publication date.", required=True),
        Column("url", "string", "Address of the document, when known."),
        Column("language", "string", "Language of the document.", enum=_enum("en", "ru",
                                                                              "other")),
    ),
    label="outlet",
)

CLAIMS = Table(
    "claims", "Claims",
    "Quantitative claims about emigration and return, one row per real-world claim "
    "(a claim relayed by several outlets is one row with several citations).",
    "id",
    (
        Column("id", "string", "Stable claim id (as in the relokant ledger).", required=True),
        Column("measure", "string", "What the figure counts (departures, returns, "
               "return_share, stock_abroad, …).", required=True),
        Column("unit", "string", "Unit of the figure: persons, percent, permits, "
               "border_crossings, persons_per_day.", required=True),
        Column("bound", "string", "How the figure constrains the truth: point, about, range, "
               "at_least (more than), at_most (up to).", required=True,
               enum=_enum("point", "about", "range", "at_least", "at_most")),
        Column("value", "number", "The figure, for every bound but a range."),
        Column("low", "number", "Lower end of a range."),
        Column("high", "number", "Upper end of a range."),
        Column("stated_shares", "array", "Percentages printed beside a count, as a JSON "
               "array."),
        Column("population", "string", "Who the figure is about, in the source's terms."),
        Column("destination", "string", "Where the figure is about: an ISO 3166-1 alpha-2 "
               "code or a relokant place group; empty for all destinations."),
        Column("period_start", "date", "Start of the period the figure covers."),
        Column("as_of", "date", "The date the figure refers to (end of its period)."),
        Column("attributed_to", "string", "Who made the estimate, as resolved by relokant."),
        Column("actor", "string", "The actor row of attributed_to, when it is a known actor."),
        Column("source_type", "string", "The kind of evidence.", required=True),
        Column("method", "string", "How the source says it arrived at the figure."),
        Column("indicator", "string", "The indicator the figure is (e.g. residence permits)."),
        Column("std_error", "number", "A standard error the source states, on the figure's "
               "scale."),
        Column("status", "string", "Review state in the ledger; only accepted claims feed "
               "the estimate.", required=True, enum=_enum("pending", "accepted", "rejected")),
        Column("note", "string", "The reviewer's note."),
    ),
    foreign_keys=(ForeignKey("actor", "actors", "name"),),
    search=("attributed_to", "population", "method", "note"),
    label="id",
)

CITATIONS = Table(
    "citations", "Citations",
    "Where each claim was published: the document and the character span of the passage "
    "in that document's text (offsets, counted in Unicode characters from 0).",
    "id",
    (
        Column("id", "integer", "Row number of the citation.", required=True),
        Column("claim_id", "string", "The claim cited.", required=True),
        Column("document_id", "string", "The document citing it.", required=True),
        Column("span_start", "integer", "Offset of the passage's first character in the "
               "document's text."),
        Column("span_end", "integer", "Offset just past the passage's last character."),
        Column("quote", "string", "The quoted sentence as the ledger holds it, published only "
               "when the package was made with quotes included; empty otherwise."),
        Column("reported_via", "array", "Intermediaries the document names (\"via TASS\"), as "
               "a JSON array."),
    ),
    foreign_keys=(ForeignKey("claim_id", "claims", "id"),
                  ForeignKey("document_id", "documents", "id")),
    search=("quote",),
)

#: In dependency order: a table comes after every table it refers to.
TABLES = (ACTORS, DOCUMENTS, CLAIMS, CITATIONS)

HEADLINE = Table(
    "headline", "Headline estimates",
    "The estimate's headline figures: posterior median and 90% interval, full precision.",
    "key",
    (
        Column("key", "string", "The quantity's identifier (departures, "
               "departures_first_year, return_share, abroad).", required=True),
        Column("quantity", "string", "What is estimated, in words.", required=True),
        Column("as_of", "date", "The date the figure refers to.", required=True),
        Column("median", "number", "Posterior median.", required=True),
        Column("q05", "number", "5th percentile (lower end of the 90% interval).",
               required=True),
        Column("q95", "number", "95th percentile (upper end of the 90% interval).",
               required=True),
    ),
)

MONTHLY = Table(
    "monthly", "Monthly estimates",
    "Each estimated quantity at each month's end: posterior median, 50% and 90% intervals. "
    "return_share is in percent, the others in persons.",
    "",
    (
        Column("quantity", "string", "What is estimated.", required=True,
               enum=_enum("departures", "returns", "return_share", "abroad")),
        Column("date", "date", "Month end.", required=True),
        Column("median", "number", "Posterior median.", required=True),
        Column("q05", "number", "5th percentile.", required=True),
        Column("q25", "number", "25th percentile.", required=True),
        Column("q75", "number", "75th percentile.", required=True),
        Column("q95", "number", "95th percentile.", required=True),
    ),
)


def table_schema(table: Table) -> dict[str, object]:
    """The table's Frictionless Table Schema."""
    fields: list[dict[str, object]] = []
    for col in table.columns:
        spec: dict[str, object] = {"name": col.name, "type": col.type,
                                   "description": col.description}
        constraints: dict[str, object] = {}
        if col.required:
            constraints["required"] = True
        if col.enum:
            constraints["enum"] = list(col.enum)
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = [table.primary_key]
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [fk.column], "reference": {"resource": fk.table, "fields": [fk.target]}}
            for fk in table.foreign_keys]
    return schema
