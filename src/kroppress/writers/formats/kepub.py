"""Kobo's kepub, made from this run's EPUB when there is one."""
from __future__ import annotations

from ..registry import Format, WriteJob


def write(job: WriteJob) -> None:
    from ..kepub import write_kepub
    # from this build's EPUB when there is one (the same bytes either way)
    write_kepub(job.book, job.path, epoch=job.epoch, epub_path=job.written.get("epub"),
                **({"pages": job.pages} if job.pages else {}))


FORMAT = Format("kepub", "kepub (Kobo)", "ebook", lambda stem, profile: f"{stem}.kepub.epub",
                write, order=20, uses=("epub",), page_list=True,
                packages=(("ebooklib", "ebooklib"),),
                module="kroppress.writers.kepub")
