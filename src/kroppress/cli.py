"""The `kroppress` command line: a thin Typer layer over the library."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__
from .errors import KroppressError, quoted

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn a folder of raw texts into a finished anthology (EPUB 3 and print PDF).")
# Messages name files and quote the texts ("an [n] marker…"): every one is
# escaped or printed with markup=False, or Rich would read "[n]" as a tag.
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _fail(exc: KroppressError) -> None:
    # escaped: a message naming a TOML table ("[editions.x]") is text, not markup
    err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, soft_wrap=True)
    raise typer.Exit(2)


def _int_option(name: str, value: str | None) -> int | None:
    """A whole-number option, checked here so that a wrong value is one line
    like every other error (Typer would draw a box)."""
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        _fail(KroppressError(f"{name} {quoted(value)}: give a whole number of processes, "
                             f"e.g. {name} 2"))


def _format_help() -> str:
    """`--format`'s help, from the writers' registry (declarations only: no writer is imported)."""
    from .writers import known
    formats = known()
    names = [f.help for f in formats.values()]
    everything = " and ".join(n for n, f in formats.items() if f.in_all)
    return f"{', '.join(names)} or all ({everything}); several with commas."


def _version(value: bool) -> None:
    if value:
        out.print(f"kroppress {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """kroppress: readers -> one document model -> EPUB and PDF writers."""


@app.command()
def inspect(file: Path = typer.Argument(..., help="A raw text file."),
            as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """Read one raw text and show what the reader found and repaired."""
    from .reader import read_file
    from .reader.report import document_json, print_report
    try:
        doc = read_file(file)
    except KroppressError as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps(document_json(doc), ensure_ascii=False, indent=2))
    else:
        print_report(doc, out)


@app.command()
def build(config: Path = typer.Option(Path("anthology.toml"), "--config", help="Anthology config file."),
          format: str = typer.Option("all", "--format", help=_format_help()),
          edition: Optional[str] = typer.Option(None, "--edition", help="Build a named edition."),
          only: Optional[List[str]] = typer.Option(None, "--only", help="Build only these text ids."),
          exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Leave these text ids out."),
          profile: Optional[str] = typer.Option(None, "--profile", help="Print profile for the PDF."),
          strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
          out_dir: Path = typer.Option(Path("dist"), "--out", help="Output directory."),
          jobs: Optional[str] = typer.Option(None, "--jobs", "-j", metavar="N", help="Processes laying out a long PDF (default: one per core)."),
          force: bool = typer.Option(False, "--force", help="Rebuild even if nothing changed."),
          page_source: Optional[str] = typer.Option(None, "--page-source", help="Print profile whose page numbers the EPUB marks (default: the PDF's, when both are built); 'none' for no page list."),
          no_preflight: bool = typer.Option(False, "--no-preflight", help="Do not preflight the press files a PDF/X profile writes (`check --press`).")) -> None:
    """Build the anthology's EPUB and/or PDF (an output whose inputs have not changed is kept)."""
    from .build.run import parse_formats, run_build
    try:
        parse_formats(format)     # one line before anything is read
    except KroppressError as exc:
        _fail(exc)
    try:
        paths = run_build(config, formats=format, edition=edition, only=only or [],
                          exclude=exclude or [], profile=profile, strict=strict,
                          out_dir=out_dir, console=err, jobs=_int_option("--jobs", jobs), force=force,
                          page_source=page_source)
    except KroppressError as exc:
        _fail(exc)
    for p in paths:
        out.print(str(p), markup=False, soft_wrap=True)
    if not no_preflight:     # a press (PDF/X) profile's files are preflighted
        from .preflight.run import check_build
        lines, bad = check_build(config, profile, paths)
        for line in lines:
            err.print(line, markup=False, soft_wrap=True)
        if bad:
            err.print(f"[bold red]error:[/] {bad} preflight error(s) in the press files "
                      "(--no-preflight to write them anyway)", markup=True)
            raise typer.Exit(1)


@app.command()
def init(seeds_dir: Path = typer.Argument(..., help="Folder of raw texts."),
         config: Path = typer.Option(Path("anthology.toml"), "--config", help="Where to write the config."),
         force: bool = typer.Option(False, "--force", help="Overwrite an existing config."),
         split: bool = typer.Option(False, "--split", help="SEEDS_DIR is one book: an entry per top-level section.")) -> None:
    """Write a starter anthology.toml listing every text in SEEDS_DIR (or every section of a book)."""
    from .book.init import write_starter
    try:
        write_starter(seeds_dir, config, force=force, split=split,
                      warn=lambda line: err.print(f"warning: {line}", markup=False, soft_wrap=True))
    except KroppressError as exc:
        _fail(exc)
    out.print(str(config), markup=False, soft_wrap=True)


@app.command()
def check(config: Path = typer.Option(Path("anthology.toml"), "--config", help="Anthology config file."),
          books: bool = typer.Option(False, "--books", help="Also build and validate the EPUB and PDF."),
          as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
          press: Optional[Path] = typer.Option(None, "--press", help="Preflight this PDF for a press instead (PDF/X, boxes, colour, ink, fonts, images): exit 0 clean, 1 with errors, 2 unreadable."),
          booklet: bool = typer.Option(False, "--booklet", help="With --press: the file is a booklet imposed for a home printer (no PDF/X, no bleed)."),
          bleed: str = typer.Option("0.125in", "--bleed", help="With --press: the least bleed on every side."),
          ink_limit: int = typer.Option(300, "--ink-limit", help="With --press: the total ink limit, %."),
          pages: bool = typer.Option(False, "--pages", help="The typographic report of every laid-out page (loose lines, hyphens, widows, split blocks, facing pages, the grid)."),
          profile: Optional[str] = typer.Option(None, "--profile", help="With --pages: the print profile to lay out."),
          out_dir: Path = typer.Option(Path("dist"), "--out", help="With --pages: the build's output folder, whose laid-out chunks are reused.")) -> None:
    """Lint an anthology without writing books; exit 1 when there are errors."""
    if pages:
        from .proof.run import page_report, print_report
        try:
            report = page_report(config, profile=profile, out_dir=out_dir)
        except KroppressError as exc:
            _fail(exc)
        if as_json:
            typer.echo(json.dumps(report.json(), ensure_ascii=False, indent=1))
        else:
            print_report(report, lambda line: out.print(line, markup=False, soft_wrap=True))
        return
    if press is not None:
        from .preflight.cli import main as preflight_main
        raise typer.Exit(preflight_main(press, booklet=booklet, bleed=bleed, ink_limit=ink_limit,
                                        say=lambda line: out.print(line, markup=False,
                                                                   soft_wrap=True)))
    from .book.check import check as run_check, findings_json
    findings = run_check(config, books=books)
    if as_json:
        typer.echo(json.dumps(findings_json(findings), ensure_ascii=False, indent=2))
    else:
        for f in findings:
            style = "red" if f.severity == "error" else "yellow"
            out.print(str(f), style=style, markup=False, soft_wrap=True)
        errors = sum(f.severity == "error" for f in findings)
        out.print(f"{errors} error(s), {len(findings) - errors} warning(s)")
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


@app.command()
def serve(config: Path = typer.Option(Path("anthology.toml"), "--config", help="Anthology config file."),
          port: str = typer.Option("8000", "--port", help="Port to listen on, 1 to 65535 (0: any free port)."),
          host: str = typer.Option("127.0.0.1", "--host",
                                   help="Address to listen on; only this machine by default."),
          edition: Optional[str] = typer.Option(None, "--edition", help="Serve a named edition."),
          profile: Optional[str] = typer.Option(None, "--profile", help="Print profile for the PDF."),
          out_dir: Optional[Path] = typer.Option(None, "--out",
                                                 help="Where the served PDF and its page images go "
                                                      "(default: kroppress's cache folder).")) -> None:
    """Serve the book in the browser (reading, print and review views); reload on every save."""
    from .serve import run
    if not port.isascii() or not port.isdigit():
        _fail(KroppressError(f"--port {port[:80]!r}: give a port number from 1 to 65535, "
                             "e.g. --port 8000"))
    try:
        run(config, host=host, port=int(port), edition=edition, profile=profile, out_dir=out_dir,
            say=lambda line: out.print(line, soft_wrap=True, markup=False))
    except KroppressError as exc:
        _fail(exc)


if __name__ == "__main__":  # pragma: no cover
    app()
