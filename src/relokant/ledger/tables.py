"""SQLAlchemy 2 tables of the ledger.

The schema is owned by Alembic (``relokant/ledger/migrations``); these
classes describe it for queries and must match the latest revision, which
``tests/ledger/test_migrations.py`` checks.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of the ledger tables."""


class MetaRow(Base):
    """Key/value facts about the ledger (bundle version, initialisation)."""

    __tablename__ = "ledger_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ActorRow(Base):
    """An estimate-maker."""

    __tablename__ = "actors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    source_type: Mapped[str] = mapped_column(String(32))
    affiliation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    aliases: Mapped[list[AliasRow]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", order_by="AliasRow.id"
    )


class AliasRow(Base):
    """Another name of an actor (a translation, an inflected form, a short name)."""

    __tablename__ = "actor_aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))
    alias_norm: Mapped[str] = mapped_column(String(200), unique=True)
    actor: Mapped[ActorRow] = relationship(back_populates="aliases")


class DocumentRow(Base):
    """A published document."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("doc_key", name="uq_documents_doc_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_key: Mapped[str] = mapped_column(String(64))
    outlet: Mapped[str] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[dt.date] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    text_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ClaimRow(Base):
    """One real-world claim; its citations say where it was published."""

    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_measure", "measure"),
        Index("ix_claims_status", "status"),
        Index("ix_claims_identity", "identity_key"),
        Index("ix_claims_seq", "seq"),
        Index("ix_claims_measure_seq", "measure", "seq"),
        Index("ix_claims_status_seq", "status", "seq"),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    identity_key: Mapped[str] = mapped_column(String(40))
    measure: Mapped[str] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(32))
    bound: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    low: Mapped[float | None] = mapped_column(Float, nullable=True)
    high: Mapped[float | None] = mapped_column(Float, nullable=True)
    stated_shares: Mapped[str] = mapped_column(Text, default="[]")
    population: Mapped[str | None] = mapped_column(Text, nullable=True)
    destination: Mapped[str | None] = mapped_column(String(100), nullable=True)
    period_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    as_of: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    attributed_to: Mapped[str | None] = mapped_column(String(300), nullable=True)
    attributed_surface: Mapped[str | None] = mapped_column(String(300), nullable=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), nullable=True
    )
    source_type: Mapped[str] = mapped_column(String(32))
    method: Mapped[str | None] = mapped_column(Text, nullable=True)
    indicator: Mapped[str | None] = mapped_column(String(64), nullable=True)
    std_error: Mapped[float | None] = mapped_column(Float, nullable=True)
    confidence: Mapped[str] = mapped_column(Text, default="[]")
    status: Mapped[str] = mapped_column(String(16))
    reviewed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    citations: Mapped[list[CitationRow]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="CitationRow.id"
    )


class CitationRow(Base):
    """A claim as published in one document."""

    __tablename__ = "citations"
    __table_args__ = (Index("ix_citations_claim", "claim_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    quote: Mapped[str | None] = mapped_column(Text, nullable=True)
    span_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    span_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reported_via: Mapped[str] = mapped_column(Text, default="[]")
    claim: Mapped[ClaimRow] = relationship(back_populates="citations")
    document: Mapped[DocumentRow] = relationship()
