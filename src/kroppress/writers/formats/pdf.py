"""The print PDF (WeasyPrint), with the print profile's page and marks."""
from __future__ import annotations

from ..registry import Format, WriteJob


def write(job: WriteJob) -> None:
    from ..pdf import write_pdf
    # what WeasyPrint met (a refused resource, a layout problem) goes to job.warnings
    write_pdf(job.book, job.path, epoch=job.epoch, profile=job.profile, jobs=job.jobs,
              on_page=job.on_page, cache_dir=job.cache_dir, reuse=job.reuse,
              workers=job.workers, warnings=job.warnings, page_records=job.page_records,
              **({"page_starts": job.page_starts} if job.page_starts is not None else {}))


FORMAT = Format("pdf", "pdf", "print",
                lambda stem, profile: f"{stem}-{profile}.pdf" if profile else f"{stem}.pdf",
                write, order=40, in_all=True, laid_out=True,
                packages=(("weasyprint", "weasyprint"),),
                module="kroppress.writers.pdf")
