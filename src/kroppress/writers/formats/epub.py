"""EPUB 3 (ebooklib): the e-book every other e-book is made from."""
from __future__ import annotations

from ..registry import Format, WriteJob


def write(job: WriteJob) -> None:
    from ..epub import write_epub
    extra = {"pages": job.pages, "warnings": job.warnings} if job.pages else {}
    write_epub(job.book, job.path, epoch=job.epoch, **extra)


FORMAT = Format("epub", "epub", "ebook", lambda stem, profile: f"{stem}.epub", write,
                order=10, in_all=True, page_list=True, packages=(("ebooklib", "ebooklib"),),
                module="kroppress.writers.epub")
