"""Kindle's AZW3, converted from this run's EPUB by calibre's ebook-convert."""
from __future__ import annotations

from ..registry import Format, WriteJob


def write(job: WriteJob) -> None:
    from ..azw3 import write_azw3
    write_azw3(job.book, job.path, epoch=job.epoch, epub_path=job.written.get("epub"),
               **({"pages": job.pages} if job.pages else {}))


def tool() -> str:
    from ..azw3 import check_tool
    return check_tool()


FORMAT = Format("azw3", "azw3 (Kindle, needs calibre)", "ebook",
                lambda stem, profile: f"{stem}.azw3", write, order=30, uses=("epub",),
                page_list=True, tool=tool,
                module="kroppress.writers.azw3")
