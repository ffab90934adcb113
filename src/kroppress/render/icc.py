"""The CMYK output profile of a press-ready PDF (the PDF/X-4 output intent).

A PDF/X file names the printing condition it was made for with an output
intent whose ``/DestOutputProfile`` is a CMYK *output* ICC profile (device
class ``prtr``). No Python package ships one, and kroppress keeps no binary
profile in its sources: it builds one, once, from free data in Debian:

* ``icc-profiles-free`` ships the FOGRA39 characterization data (offset
  printing on coated paper, ISO 12647-2:2004) as ``FOGRA39L.ti3``;
* ``argyll`` (ArgyllCMS) ships ``colprof``, which makes an ICC profile of it.

The profile is kept in kroppress's cache folder::

    $KROPPRESS_CACHE_DIR, else $XDG_CACHE_HOME/kroppress, else ~/.cache/kroppress
    └── icc/FOGRA39L.icc

colprof's output is the same bytes on every run but for the creation date of
the ICC header, which is set here to a fixed date (`HEADER_DATE`): the same
profile, so the same PDF, wherever and whenever it is made. Making it takes
about a minute of CPU (colprof, medium quality), paid by the first press build.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from ..errors import KroppressError

#: the FOGRA39 characterization data of Debian's icc-profiles-free
TI3 = Path("/usr/share/color/icc/FOGRA39L.ti3")
#: the Debian packages the profile is made from
PACKAGES = ("icc-profiles-free", "argyll")
NAME = "FOGRA39L"
DESCRIPTION = "FOGRA39L (ISO Coated v2 approximation, made by ArgyllCMS colprof)"
COPYRIGHT = ("Made by kroppress with ArgyllCMS colprof from the FOGRA39L.ti3 "
             "characterization data of Debian icc-profiles-free")
#: the output intent's registered printing condition (ICC characterization data registry)
CONDITION = "FOGRA39"
CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
REGISTRY = "http://www.color.org"
#: the creation date written into the ICC header (year, month, day, h, m, s):
#: colprof writes the current time there, the only byte that changes between runs
HEADER_DATE = (2009, 1, 1, 0, 0, 0)
#: colprof's options: medium quality, no copy of the .ti3 data in the profile
COLPROF_ARGS = ("-qm", "-nc")
TIMEOUT = 900


def cache_dir() -> Path:
    from ..paths import cache_dir as kept
    return kept("icc")


def profile_path() -> Path:
    """Where the CMYK profile is kept (it may not exist yet)."""
    return cache_dir() / f"{NAME}.icc"


def _missing(what: str) -> KroppressError:
    return KroppressError(f"the press PDF (PDF/X-4) needs a CMYK ICC profile, made from "
                          f"{what}; install the Debian packages: apt-get install "
                          f"{' '.join(PACKAGES)}")


def fix_header(data: bytes) -> bytes:
    """The profile with the fixed creation date in its header (bytes 24-36)."""
    if len(data) < 128 or data[36:40] != b"acsp":
        raise ValueError("not an ICC profile")
    return data[:24] + struct.pack(">6H", *HEADER_DATE) + data[36:]


def header(data: bytes) -> tuple[str, str]:
    """(device class, colour space) of an ICC profile, e.g. ("prtr", "CMYK")."""
    return data[12:16].decode("latin-1").strip(), data[16:20].decode("latin-1").strip()


def cmyk_profile() -> Path:
    """The path of the CMYK output profile, made first if it is missing;
    KroppressError (naming the Debian packages) when it cannot be made."""
    target = profile_path()
    if target.is_file():
        return target
    colprof = shutil.which("colprof")
    if not TI3.is_file():
        raise _missing(f"{TI3} (icc-profiles-free)")
    if colprof is None:
        raise _missing("the FOGRA39 data with colprof (argyll)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".colprof-") as tmp:
            shutil.copyfile(TI3, Path(tmp) / TI3.name)
            run = subprocess.run([colprof, *COLPROF_ARGS, "-D", DESCRIPTION, "-C", COPYRIGHT,
                                  "-O", f"{NAME}.icc", NAME], cwd=tmp, capture_output=True,
                                 text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
            made = Path(tmp) / f"{NAME}.icc"
            if run.returncode or not made.is_file():
                last = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
                raise KroppressError(f"colprof could not make the CMYK profile from {TI3}: "
                                     f"{last[0]}")
            data = fix_header(made.read_bytes())
            if header(data) != ("prtr", "CMYK"):
                raise KroppressError(f"colprof made a {header(data)} profile from {TI3}, "
                                     "not a CMYK output (prtr) profile")
            made.write_bytes(data)
            os.replace(made, target)     # atomic: a concurrent build sees all or nothing
    except subprocess.TimeoutExpired:
        raise KroppressError(f"colprof took more than {TIMEOUT} s to make the CMYK "
                             f"profile from {TI3}") from None
    except OSError as exc:
        raise KroppressError(f"cannot make the CMYK profile in {target.parent}: "
                             f"{exc.strerror or exc}") from None
    return target
