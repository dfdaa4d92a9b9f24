"""The saved case: a family's answers, kept on our server for a limited time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # random, also the cookie's value
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: fact -> value
    answered: Mapped[str] = mapped_column(Text, default="[]")  # JSON: facts answered, incl. "don't know"
    conversation: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON: the chat so far
    resume_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
