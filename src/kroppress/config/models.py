"""The tables of `anthology.toml` as pydantic models, one model a table.

Every table forbids unknown keys and keeps its values' TOML types (`Model`);
single values are checked by the types of `fields`; `[print]` is
`print.PrintConfig`, made from the table of print keys.
"""
from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from ..transforms import cut as _cut

from .fields import (Identifier, IsoDate, Language, LooseDate, Model, NonEmpty, Plain,
                     ProjectPath, Slug, Url)
from .print import PrintConfig


class BookConfig(Model):
    title: NonEmpty
    subtitle: Plain = ""
    editors: list[NonEmpty] = []
    publisher: Plain = ""
    language: Language = "en"
    identifier: Identifier
    date: IsoDate
    edition: Plain = ""
    description: Plain = ""
    subjects: list[NonEmpty] = []
    licence: Plain = ""
    introduction: ProjectPath | None = None


class BookOverrides(Model):
    """`[editions.NAME.book]`: any book key, replacing the `[book]` value."""
    title: NonEmpty | None = None
    subtitle: Plain | None = None
    editors: list[NonEmpty] | None = None
    publisher: Plain | None = None
    language: Language | None = None
    identifier: Identifier | None = None
    date: IsoDate | None = None
    edition: Plain | None = None
    description: Plain | None = None
    subjects: list[NonEmpty] | None = None
    licence: Plain | None = None
    introduction: ProjectPath | None = None


class TextMetadata(Model):
    """`[parts.texts.metadata]`: replaces what the reader detected."""
    title: NonEmpty | None = None
    subtitle: Plain | None = None
    date: LooseDate | None = None
    authors: list[NonEmpty] | None = None
    translator: Plain | None = None
    rights: Plain | None = None
    first_published: LooseDate | None = None
    source_url: Url | None = None
    language: Language | None = None
    # a Markdown file with the author's biography, when the source has none
    biography: ProjectPath | None = None


class CorrectionConfig(Model):
    find: NonEmpty
    replace: Plain
    reason: NonEmpty
    count: int = Field(default=1, ge=1)


class TextConfig(Model):
    id: Slug
    source: ProjectPath
    headnote: ProjectPath | None = None
    include: bool = True
    metadata: TextMetadata = TextMetadata()
    corrections: list[CorrectionConfig] = []
    # a text cut from a book (section, sections, from/to, lines): transforms/cut.py
    cut: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _cut_keys(cls, data: Any) -> Any:
        return _cut.take_keys(data)


class PartConfig(Model):
    # a part without a title (nor an introduction) is no part page: its texts
    # follow the contents as a book without parts has them
    title: Plain = ""
    introduction: ProjectPath | None = None
    texts: list[TextConfig] = []


class EditionConfig(Model):
    texts: list[str] = Field(min_length=1)
    book: BookOverrides = BookOverrides()


class Root(Model):
    book: BookConfig
    parts: list[PartConfig] = Field(min_length=1)
    print: PrintConfig = PrintConfig()
    editions: dict[str, EditionConfig] = {}
