"""A preflight of press PDFs: `kroppress check --press FILE.pdf`.

No open-source PDF/X validator exists (veraPDF checks PDF/A and PDF/UA),
so this is a thin layer on pikepdf, with Ghostscript for the ink, that
reports what a printer's preflight (Acrobat Preflight, pdfToolbox, a
print-on-demand upload) most often sends back, one finding per line with
its page and object. It is not a certified PDF/X validator: a file that
passes here can still fail there.

One module per family of checks, each a function ``check(pdf, options)``
returning findings:

* `boxes`: TrimBox ⊂ BleedBox ⊂ MediaBox, the bleed, one trim for every
  page, marks drawn in the bleed, page labels, the page count;
* `colour`: colour spaces of everything painted and of transparency groups
  (PDF/X files), rich black text;
* `ink`: total ink of any area (Ghostscript's CMYK raster);
* `fonts`: embedded, subset, no Type 3; `images`: effective resolution;
* `pdfx`: the PDF/X identification, output intent, /Trapped, annotations
  inside the BleedBox, JavaScript, encryption, hidden optional content.

The PyPI packages were read first: proof-pdf (PDF/X-4 checks on pikepdf
and Ghostscript) requires Python 3.15 and veraPDF; pdfua checks PDF/UA,
not print. So the checks are written here, small and each tested with a
planted fault.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Finding", "Options", "PreflightError", "preflight", "errors"]


class PreflightError(Exception):
    """The file cannot be read as a PDF (exit status 2)."""


@dataclass(frozen=True)
class Finding:
    check: str                  # the family: "boxes", "colour", "ink", …
    severity: str               # "error" | "warning"
    message: str
    page: int | None = None     # 1-based; None for the document
    obj: str = ""               # what on the page: "form /Fm1, image /Im2"

    def line(self, name: str = "") -> str:
        where = f"page {self.page}" if self.page is not None else "document"
        obj = f" ({self.obj})" if self.obj else ""
        head = f"{name}: " if name else ""
        return f"{head}{where}{obj}: {self.severity}: [{self.check}] {self.message}"


@dataclass(frozen=True)
class Options:
    """What the file is held to."""
    pdfx: bool = True           # a press file: PDF/X required, colour managed
    bleed_pt: float = 9.0       # the least bleed on every side (0.125in)
    ink_limit: float = 300.0    # % total ink on any area
    min_ppi: float = 300.0      # colour and greyscale images: an error below warn_ppi,
    warn_ppi: float = 200.0     # a warning below min_ppi
    pages_multiple: int = 1     # the page count a multiple of this
    ink: bool = True            # run Ghostscript for the total ink
    labels: bool = True         # /PageLabels required


def preflight(path: str | Path, options: Options | None = None) -> list[Finding]:
    """The findings of `path`; PreflightError when it is not a readable PDF."""
    import pikepdf

    from . import boxes, colour, fonts, images, ink, pdfx
    options = options or Options()
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise PreflightError(f"{path}: encrypted with a password; a press file is not "
                             "encrypted") from None
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise PreflightError(f"{path}: not a readable PDF ({exc})") from None
    with pdf:
        out: list[Finding] = []
        for family in (pdfx, boxes, colour, fonts, images):
            out += family.check(pdf, options)
    if options.ink and options.pdfx:
        out += ink.check(Path(path), options)
    return out


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]
