"""The paperback's wrap cover: back, spine and front on one sheet."""
from __future__ import annotations

from ..registry import Format, WriteJob


def interior_page_count(job: WriteJob) -> int:
    """The interior's page count sets the spine: from this build's PDF, else
    an up-to-date one in the output folder, else one layout of it."""
    from ..pdf import count_pages, interior_pages
    if "pdf" in job.written:
        return count_pages(job.written["pdf"])
    interior = job.target_of("pdf") if job.target_of else None
    if interior is not None and job.reuse and job.fresh(interior):
        return count_pages(interior)
    return interior_pages(job.book, job.path, epoch=job.epoch, profile=job.profile,
                          jobs=job.jobs, cache_dir=job.cache_dir, reuse=job.reuse,
                          on_page=job.on_page)


def write(job: WriteJob) -> None:
    from ...config.bounds import key_loc
    from ..pdf import write_cover
    from ..pdf.cover_fit import DescriptionTooLong, SpineTooWide
    try:
        write_cover(job.book, job.path, epoch=job.epoch, profile=job.profile,
                    page_count=interior_page_count(job), warnings=job.warnings)
    except SpineTooWide as exc:
        loc = key_loc(job.config.print, job.profile.name, "paper") or ("print",)
        raise job.config.error(loc, str(exc), "split the book into volumes (an edition "
                               "each), or check paper's caliper or ppi") from None
    except DescriptionTooLong as exc:
        raise job.config.error(("book", "description"), str(exc), "shorten the description "
                               "to what a back cover holds (a paragraph or two)") from None


FORMAT = Format("cover", "cover (the paperback wrap cover)", "print",
                lambda stem, profile: f"{stem}-{profile}-cover.pdf" if profile
                else f"{stem}-cover.pdf",
                write, order=60, uses=("pdf",), laid_out=True,
                packages=(("weasyprint", "weasyprint"),),
                module="kroppress.writers.pdf")
