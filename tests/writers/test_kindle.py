"""Kindle: the EPUB against what Kindle Previewer rejects most often, and
`--format azw3` through calibre's ebook-convert (a real conversion only when
it is installed; the message naming the package always)."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from kroppress.build.run import run_build

ROOT = Path(__file__).resolve().parents[2]
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "ncx": "http://www.daisy.org/z3986/2005/ncx/"}


@pytest.fixture(scope="module")
def epub(shipped_epub) -> zipfile.ZipFile:
    path = shipped_epub[0]
    with zipfile.ZipFile(path) as zf:
        yield zf


def _opf(zf: zipfile.ZipFile):
    container = etree.fromstring(zf.read("META-INF/container.xml"))
    name = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
    return name, etree.fromstring(zf.read(name))


def _href(opf_name: str, href: str) -> str:
    import posixpath
    return posixpath.normpath(posixpath.join(posixpath.dirname(opf_name), href))


# ------------------------------------------------------------------ page list
def test_no_page_list_errors(epub):
    """Previewer rejects an empty page-list and entries that lead nowhere;
    one that is there must be complete and in order."""
    opf_name, opf = _opf(epub)
    nav_href = opf.xpath("//opf:item[contains(concat(' ', @properties, ' '), ' nav ')]/@href",
                         namespaces=NS)[0]
    nav = etree.fromstring(epub.read(_href(opf_name, nav_href)))
    lists = nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    assert len(lists) <= 1
    ids_by_file: dict[str, set[str]] = {}
    for item in opf.xpath("//opf:item[@media-type='application/xhtml+xml']", namespaces=NS):
        name = _href(opf_name, item.get("href"))
        ids_by_file[item.get("href")] = set(etree.fromstring(epub.read(name)).xpath("//@id"))
    for page_list in lists:
        links = page_list.xpath(".//x:a", namespaces=NS)
        assert links, "an empty page-list"
        for a in links:
            file, _, frag = a.get("href").partition("#")
            assert frag in ids_by_file.get(file, set()), a.get("href")
            assert (a.text or "").strip(), a.get("href")
    # the NCX carries no pageList of its own that could disagree with the nav
    ncx = opf.xpath("//opf:item[@media-type='application/x-dtbncx+xml']/@href", namespaces=NS)
    for href in ncx:
        root = etree.fromstring(epub.read(_href(opf_name, href)))
        for target in root.xpath("//ncx:pageTarget/ncx:content/@src", namespaces=NS):
            file, _, frag = target.partition("#")
            assert frag in ids_by_file.get(file, set()), target


# ------------------------------------------------------------------ cover
def test_cover_is_at_least_1000_px_on_the_short_side(epub):
    opf_name, opf = _opf(epub)
    items = opf.xpath("//opf:item[contains(concat(' ', @properties, ' '), ' cover-image ')]",
                      namespaces=NS)
    assert len(items) == 1
    # Kindle finds the cover through the EPUB 2 meta too
    assert opf.xpath("//opf:meta[@name='cover']/@content", namespaces=NS) == [items[0].get("id")]
    with Image.open(io.BytesIO(epub.read(_href(opf_name, items[0].get("href"))))) as img:
        assert min(img.size) >= 1000, img.size
        assert img.size[1] / img.size[0] >= 1.5       # portrait, as the store shows it


# ------------------------------------------------------------------ CSS
FIXED = re.compile(r"position\s*:\s*fixed", re.I)


def _no_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_fixed_position_is_found_when_there():
    assert FIXED.search(_no_comments("a { position :FIXED; }"))
    assert not FIXED.search(_no_comments("/* no position: fixed */ a { position: relative }"))


def test_no_fixed_position_in_styles_or_the_epub(epub):
    sheets = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "styles").glob("*.css")}
    sheets.update({n: epub.read(n).decode() for n in epub.namelist() if n.endswith(".css")})
    assert len(sheets) >= 4
    for name, css in sheets.items():
        assert not FIXED.search(_no_comments(css)), name
    for name in epub.namelist():
        if name.endswith(".xhtml"):
            assert not FIXED.search(epub.read(name).decode()), name   # no inline style either


# ------------------------------------------------------------------ azw3
def _path_without_ebook_convert(tmp_path: Path) -> str:
    """PATH with only the folder of this Python (no calibre in it)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(sys.executable, bin_dir / "python")
    return str(bin_dir)


def test_azw3_without_calibre_is_one_line_naming_the_package(tmp_path):
    env = dict(os.environ, PATH=_path_without_ebook_convert(tmp_path))
    out = tmp_path / "dist"
    done = subprocess.run([sys.executable, "-m", "kroppress", "build", "--config",
                           str(ROOT / "anthology.toml"), "--format", "azw3", "--out", str(out)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "ebook-convert" in lines[0] and "calibre" in lines[0] and "apt-get install" in lines[0]
    assert not out.exists()                          # nothing read, nothing written


def test_azw3_with_epub_is_refused_before_the_epub_is_written(tmp_path, monkeypatch):
    from kroppress.errors import KroppressError
    monkeypatch.setenv("PATH", _path_without_ebook_convert(tmp_path))
    with pytest.raises(KroppressError, match="calibre"):
        run_build(ROOT / "anthology.toml", "epub,azw3", out_dir=tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


@pytest.mark.skipif(shutil.which("ebook-convert") is None,
                    reason="calibre's ebook-convert is not installed (Debian calibre); "
                           "only the missing-tool message is tested")
def test_azw3_real_conversion(tmp_path):
    paths = run_build(ROOT / "anthology.toml", "epub,azw3", out_dir=tmp_path)
    azw3 = [p for p in paths if p.suffix == ".azw3"][0]
    data = azw3.read_bytes()
    assert data[60:68] == b"BOOKMOBI"                 # a Mobipocket/KF8 container
    # read it back through calibre: the words and the contents are the EPUB's
    back = tmp_path / "back.epub"
    done = subprocess.run(["ebook-convert", str(azw3), str(back)], capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    epub = [p for p in paths if p.suffix == ".epub"][0]
    contents = _contents(epub)
    # calibre's contents are the nav's link texts: a text's author (span.toc-author,
    # in the link) follows its title there
    again_contents = _contents(back)
    assert len(contents) > 5 and len(again_contents) == len(contents)
    assert all(a == c or a.startswith(c + " ") for a, c in zip(again_contents, contents))
    # every word, in order; calibre adds only its own contents page at the end
    words, again = _words(epub), _words(back)
    assert again[:len(words)] == words
    assert again[len(words):] == "Table of Contents".split() + " ".join(again_contents).split()


def _words(path: Path) -> list[str]:
    """The words of an EPUB's documents, in reading order."""
    import re
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(path) as z:
        opf_name = re.search(r'full-path="([^"]+)"', z.read("META-INF/container.xml").decode())[1]
        opf = ET.fromstring(z.read(opf_name))
        ns = {"o": "http://www.idpf.org/2007/opf"}
        items = {i.get("id"): i.get("href") for i in opf.iterfind(".//o:manifest/o:item", ns)}
        base = opf_name.rpartition("/")[0]
        words: list[str] = []
        for ref in opf.iterfind(".//o:spine/o:itemref", ns):
            name = f"{base}/{items[ref.get('idref')]}".lstrip("/")
            root = ET.fromstring(z.read(name))
            body = next(e for e in root.iter() if e.tag.endswith("body"))
            words += "".join(body.itertext()).split()
    # calibre may drop the soft hyphens and zero-width spaces of the source
    return [w.replace("\u00ad", "").replace("\u200b", "") for w in words if w.strip("\u00ad\u200b")]


def _contents(path: Path) -> list[str]:
    """The titles of the NCX or nav, in order."""
    import re
    with zipfile.ZipFile(path) as z:
        ncx = [n for n in z.namelist() if n.endswith(".ncx")]
        text = z.read(ncx[0]).decode()
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text>(.*?)</text>", text, re.S)][1:]


def _fake_ebook_convert(tmp_path: Path, body: str) -> str:
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    tool = bin_dir / "ebook-convert"
    tool.write_text(f"#!{sys.executable}\nimport sys, zipfile\n{body}\n")
    tool.chmod(0o755)
    return f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


def test_azw3_goes_through_ebook_convert_on_path(tmp_path, monkeypatch):
    """A stand-in ebook-convert: it is given this build's EPUB and a name
    ending in .azw3 (calibre picks the format by it), and its file is the output."""
    monkeypatch.setenv("PATH", _fake_ebook_convert(tmp_path, (
        "src, dst = sys.argv[1:]\n"
        "assert dst.endswith('.azw3') and zipfile.ZipFile(src).read('mimetype')\n"
        "open(dst, 'wb').write(b'FAKE' + open(src, 'rb').read()[:8])")))
    paths = run_build(ROOT / "anthology.toml", "epub,azw3", out_dir=tmp_path / "dist")
    assert [p.name for p in paths] == ["where-the-masses-are.epub", "where-the-masses-are.azw3"]
    assert paths[1].read_bytes() == b"FAKE" + paths[0].read_bytes()[:8]


def test_azw3_a_failing_ebook_convert_is_one_error_and_no_file(tmp_path, monkeypatch):
    from kroppress.errors import KroppressError
    monkeypatch.setenv("PATH", _fake_ebook_convert(tmp_path, (
        "print('Conversion error: broken input', file=sys.stderr); sys.exit(1)")))
    with pytest.raises(KroppressError, match="ebook-convert failed .Conversion error"):
        run_build(ROOT / "anthology.toml", "azw3", out_dir=tmp_path / "dist")
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").glob("*.azw3"))


def test_azw3_a_hanging_ebook_convert_is_stopped_and_cleaned_up(tmp_path, monkeypatch):
    """A converter that never ends (with a worker of its own) is stopped after
    the timeout: one error, no process left, no kroppress-azw3-* temp folder."""
    import tempfile

    from kroppress.errors import KroppressError
    from kroppress.writers import azw3
    pids = tmp_path / "pids"
    monkeypatch.setenv("PATH", _fake_ebook_convert(tmp_path, (
        "import os, subprocess, time\n"
        "worker = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        f"open({str(pids)!r}, 'w').write(f'{{os.getpid()}} {{worker.pid}}')\n"
        "time.sleep(600)")))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(azw3, "TIMEOUT", 3)
    started = time.monotonic()
    with pytest.raises(KroppressError, match="did not finish in 3 s"):
        run_build(ROOT / "anthology.toml", "azw3", out_dir=tmp_path / "dist")
    assert time.monotonic() - started < 120
    assert list(temp.iterdir()) == []
    for pid in map(int, pids.read_text().split()):
        assert not running(pid), pid


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for a parent to reap it."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status
