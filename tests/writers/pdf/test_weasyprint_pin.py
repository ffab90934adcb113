"""kroppress patches private functions of WeasyPrint 70 (`writers/pdf/weasyfix.py`,
`writers/pdf/weasy.py`). A WeasyPrint where one of them has moved, been renamed
or changed its parameters would not fail: the patch would silently stop
applying, or break at layout time. These tests fail first, naming the patch."""
from __future__ import annotations

import importlib
import inspect
import re
import tomllib
from pathlib import Path

import weasyprint

ROOT = Path(__file__).resolve().parents[3]

#: (the patch, the module holding the function, its name, its parameters, and
#: the function that must call it by that module-level name for the patch to
#: take effect: "module:function")
PATCHED = [
    ("kroppress.writers.pdf.weasyfix.install (wraps the line breaker)",
     "weasyprint.text.line_break", "split_first_line",
     ["text", "style", "context", "max_width", "justification_spacing", "is_line_start",
      "minimum"], None),
    ("kroppress.writers.pdf.weasyfix.install (replaces the name inline.py imported)",
     "weasyprint.layout.inline", "split_first_line",
     ["text", "style", "context", "max_width", "justification_spacing", "is_line_start",
      "minimum"], "weasyprint.layout.inline:split_text_box"),
    ("kroppress.writers.pdf.composition.install (judges each line as it is broken)",
     "weasyprint.layout.inline", "split_text_box",
     ["context", "box", "available_width", "skip", "is_line_start"],
     "weasyprint.layout.inline:split_inline_level"),
    ("kroppress.writers.pdf.grid.install (the space after a block, to the grid)",
     "weasyprint.layout.block", "block_level_layout",
     ["context", "box", "bottom_space", "skip_stack", "containing_block", "page_is_empty",
      "absolute_boxes", "fixed_boxes", "adjoining_margins", "first_letter_style",
      "first_line_style", "discard", "max_lines"], "weasyprint.layout.block:_in_flow_layout"),
    ("kroppress.writers.pdf.grid.install (the root's layout: the grid's origin)",
     "weasyprint.layout.page", "block_level_layout",
     ["context", "box", "bottom_space", "skip_stack", "containing_block", "page_is_empty",
      "absolute_boxes", "fixed_boxes", "adjoining_margins", "first_letter_style",
      "first_line_style", "discard", "max_lines"], "weasyprint.layout.page:make_page"),
    ("kroppress.writers.pdf.facing.install (judges each spread as it is made)",
     "weasyprint.layout.page", "make_page",
     ["context", "root_box", "page_type", "resume_at", "page_number", "page_state"],
     "weasyprint.layout.page:remake_page"),
    ("kroppress.writers.pdf.facing.install (a page's type area a line longer or shorter)",
     "weasyprint.layout.page", "page_height", ["box", "context", "containing_block_height"],
     "weasyprint.layout.page:make_page"),
    ("kroppress.writers.pdf.weasy.margin_boxes (replaces the margin-box layout)",
     "weasyprint.layout", "make_margin_boxes", ["context", "page", "state"],
     "weasyprint.layout:layout_document"),
]


def problems(patched=PATCHED) -> list[str]:
    """What no longer holds, one line per patch."""
    out = []
    for patch, module_name, name, params, caller in patched:
        where = f"{module_name}.{name}"
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            out.append(f"{patch}: module {module_name} is gone ({exc})")
            continue
        # the function as WeasyPrint has it, not kroppress's wrapper of it
        function = getattr(module, name, None)
        function = inspect.unwrap(function) if callable(function) else function
        if not callable(function):
            out.append(f"{patch}: {where} has moved or been removed")
            continue
        got = list(inspect.signature(function).parameters)
        if got != params:
            out.append(f"{patch}: {where} now takes ({', '.join(got)}), "
                       f"the patch was written for ({', '.join(params)})")
        if caller:
            caller_module, caller_name = caller.split(":")
            fn = getattr(importlib.import_module(caller_module), caller_name, None)
            fn = inspect.unwrap(fn) if fn is not None else None
            if fn is None or name not in fn.__code__.co_names:
                out.append(f"{patch}: {caller_module}.{caller_name} no longer calls {name} "
                           f"by its module-level name, so replacing {where} has no effect")
    return out


def test_patched_weasyprint_functions_are_where_the_patches_expect():
    found = problems()
    assert not found, ("WeasyPrint changed under a kroppress patch (pin weasyprint==70.*, "
                       "or port the patch):\n" + "\n".join(found))


def test_inline_uses_the_line_breaker_weasyfix_wraps():
    """inline.py's `split_first_line` is the line breaker's own (or, once
    installed, weasyfix's wrapper of it), not a function of its own."""
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    fn = inline.split_first_line
    assert fn is line_break.split_first_line or fn.__module__ == "kroppress.writers.pdf.weasyfix", \
        f"weasyfix: weasyprint.layout.inline.split_first_line is {fn.__module__}.{fn.__qualname__}"


def test_the_check_names_the_patch_when_a_function_changes(monkeypatch):
    from weasyprint.text import line_break
    monkeypatch.setattr(line_break, "split_first_line", lambda text, style, context, width: None)
    found = problems()
    assert len(found) == 1 and found[0].startswith("kroppress.writers.pdf.weasyfix.install")
    assert "now takes (text, style, context, width)" in found[0]
    import weasyprint.layout as wl
    monkeypatch.delattr(wl, "make_margin_boxes")
    assert any(f.startswith("kroppress.writers.pdf.weasy.margin_boxes") and "has moved" in f
               for f in problems())


def test_weasyprint_is_pinned_to_the_release_the_patches_were_written_for():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "weasyprint==70.*" in deps
    assert re.match(r"70\.", weasyprint.__version__), weasyprint.__version__
