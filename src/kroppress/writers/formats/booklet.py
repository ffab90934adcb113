"""The booklet: the book imposed on sheets for home printing (pdfimpose)."""
from __future__ import annotations

from ..registry import Format, WriteJob


def profile_for(job: WriteJob):
    """`--format booklet` alone takes the `booklet` profile ([print] without
    bleed or crop marks); a named profile is used as it is."""
    config = job.config
    return config.profiles["booklet"] if job.profile is config.default_profile else job.profile


def refuses(config, profile) -> None:
    """Imposition makes a new PDF of the pages: a PDF standard's output
    intent, XMP and structure tree are not carried through, so a booklet
    with a `pdf_variant` would claim nothing and be none. Refused, at the key."""
    from ...config.bounds import key_loc
    booklet = config.profiles["booklet"] if profile is config.default_profile else profile
    if booklet.pdf_variant:
        loc = key_loc(config.print, booklet.name, "pdf_variant")
        what = (f"profile {booklet.name!r} has pdf_variant {booklet.pdf_variant!r}, which a "
                "booklet cannot keep (imposing the pages drops the output intent, XMP and tags)")
        fix = ("build the booklet without --profile (the booklet profile has no variant), or "
               f"with a profile that sets pdf_variant = \"none\"")
        raise (config.error(loc, what, fix) if loc else
               config.option_error(("print",), f"--profile {booklet.name}: {what}", fix))


def write(job: WriteJob) -> None:
    from ...config.bounds import key_loc
    from ..pdf import write_booklet
    from ..pdf.booklet import CreepTooWide
    profile = profile_for(job)
    try:
        # this build's PDF is imposed as it is when its pages fit
        write_booklet(job.book, job.path, epoch=job.epoch, profile=profile,
                      interior=job.written.get("pdf"), interior_profile=job.profile,
                      jobs=job.jobs, on_page=job.on_page, cache_dir=job.cache_dir,
                      reuse=job.reuse, warnings=job.warnings)
    except CreepTooWide as exc:
        config = job.config
        loc = (key_loc(config.print, profile.name, "creep")
               or key_loc(config.print, profile.name, "paper") or ("print",))
        raise config.error(loc, str(exc), "give a thinner creep, fewer sheets a signature "
                           "(signature_sheets) or a wider inner margin") from None


FORMAT = Format("booklet", "booklet (imposed for home printing)", "print",
                lambda stem, profile: f"{stem}-{profile}-booklet.pdf" if profile
                else f"{stem}-booklet.pdf",
                write, order=50, uses=("pdf",), laid_out=True, refuses=refuses,
                packages=(("weasyprint", "weasyprint"), ("pdfimpose", "pdfimpose")),
                module="kroppress.writers.pdf")
