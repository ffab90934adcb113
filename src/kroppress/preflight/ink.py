"""Total ink: the sum of the four inks on any area of the BleedBox, at most
`ink_limit` percent (300 % for coated offset; more does not dry and sets off).

Ghostscript (Debian ``ghostscript``) renders each page's BleedBox to a CMYK
raster (``tiff32nc``) at `DPI`; the peak of C + M + Y + K over its pixels is
the page's total ink. Its ``inkcov`` device would give each page's *average*
coverage only, which says nothing of a 320 % patch on a white page, so the
raster is read here. Content outside the BleedBox (the slug's marks, drawn in
all four inks or in registration colour) is not counted: it is trimmed off.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from . import Finding, Options

#: an area this small (one pixel: 0.5 mm) is what is judged
DPI = 50
TIMEOUT = 600


def peaks(path: Path) -> list[float]:
    """The peak total ink (0-400 %) of each page's BleedBox."""
    from PIL import Image

    gs = shutil.which("gs")
    if gs is None:
        raise FileNotFoundError("gs")
    with tempfile.TemporaryDirectory(prefix="kroppress-ink-") as tmp:
        run = subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dUseBleedBox",
                              "-sDEVICE=tiff32nc", f"-r{DPI}", "-dTextAlphaBits=1",
                              "-dGraphicsAlphaBits=1", f"-sOutputFile={tmp}/p%05d.tif",
                              str(path)], capture_output=True, text=True, timeout=TIMEOUT,
                             stdin=subprocess.DEVNULL)
        if run.returncode:
            last = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(f"Ghostscript could not render the file: {last[0]}")
        out = []
        for tif in sorted(Path(tmp).glob("p*.tif")):
            with Image.open(tif) as img:
                img = img.convert("CMYK") if img.mode != "CMYK" else img
                pixels = getattr(img, "get_flattened_data", img.getdata)()   # Pillow 13 renamed it
                out.append(max(map(sum, pixels), default=0) * 100 / 255)
        return out


def check(path: Path, options: Options) -> list[Finding]:
    try:
        found = peaks(path)
    except FileNotFoundError:
        return [Finding("ink", "error", "Ghostscript (gs) is not installed: total ink not "
                        "measured (apt-get install ghostscript)")]
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        return [Finding("ink", "error", f"total ink not measured: {exc}")]
    return [Finding("ink", "error", f"total ink {peak:.0f} % on an area, over the "
                    f"{options.ink_limit:.0f} % limit", n)
            for n, peak in enumerate(found, start=1) if peak > options.ink_limit + 0.5]
