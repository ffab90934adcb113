"""The booklet: the book imposed on sheets for home printing (pdfimpose)."""
from __future__ import annotations

from ..registry import Format, WriteJob


def profile_for(job: WriteJob):
    """`--format booklet` alone takes the `booklet` profile ([print] without
    bleed or crop marks); a named profile is used as it is."""
    config = job.config
    return config.profiles["booklet"] if job.profile is config.default_profile else job.profile


def write(job: WriteJob) -> None:
    from ..pdf import write_booklet
    # this build's PDF is imposed as it is when its pages fit
    write_booklet(job.book, job.path, epoch=job.epoch, profile=profile_for(job),
                  interior=job.written.get("pdf"), interior_profile=job.profile, jobs=job.jobs,
                  on_page=job.on_page, cache_dir=job.cache_dir, reuse=job.reuse,
                  warnings=job.warnings)


FORMAT = Format("booklet", "booklet (imposed for home printing)", "print",
                lambda stem, profile: f"{stem}-{profile}-booklet.pdf" if profile
                else f"{stem}-booklet.pdf",
                write, order=50, uses=("pdf",), laid_out=True,
                packages=(("weasyprint", "weasyprint"), ("pdfimpose", "pdfimpose")),
                module="kroppress.writers.pdf")
