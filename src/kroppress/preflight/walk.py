"""A walk over what a PDF page paints, for the preflight's checks.

`paints(pdf_page)` follows the page's content stream and every form
XObject, annotation appearance and tiling pattern it reaches (with their own
resources and matrices), and yields one `Paint` per thing that puts ink on
the page: a path filled or stroked, text shown, an image or a shading
painted, with the colour space it is painted in, the current fill colour,
the device-space box of a path and the matrix of an image. The checks judge
the paints; this module only reads.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterator

import pikepdf

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

#: paths: the operators that paint (and whether they stroke)
_PAINT_OPS = {"S": True, "s": True, "f": False, "F": False, "f*": False, "B": True,
              "B*": True, "b": True, "b*": True}
_TEXT_OPS = {"Tj", "TJ", "'", '"'}
#: device colour spaces and the number of components their operators take
_DEVICE = {"g": "/DeviceGray", "G": "/DeviceGray", "rg": "/DeviceRGB", "RG": "/DeviceRGB",
           "k": "/DeviceCMYK", "K": "/DeviceCMYK"}
#: how deep forms may nest before the walk stops (a form that draws itself)
MAX_DEPTH = 12


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def matrix_of(obj) -> Matrix:
    try:
        values = tuple(float(v) for v in obj)
    except (TypeError, ValueError):
        return IDENTITY
    return values if len(values) == 6 else IDENTITY   # type: ignore[return-value]


@dataclass
class Paint:
    kind: str                   # "path", "text", "image", "shading", "inline-image"
    where: str                  # "page", "form /Fm1", "annotation 3 (/Link)", …
    space: object               # the colour space object (a Name or an array)
    colour: tuple[float, ...] = ()
    box: tuple[float, float, float, float] | None = None   # device space (paths)
    matrix: Matrix = IDENTITY   # images: the unit square's placement
    obj: object = None          # the image, shading or font
    stroke: bool = False
    font: str = ""


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill_space: object = field(default_factory=lambda: pikepdf.Name("/DeviceGray"))
    stroke_space: object = field(default_factory=lambda: pikepdf.Name("/DeviceGray"))
    fill: tuple[float, ...] = (0.0,)
    stroke_colour: tuple[float, ...] = (0.0,)
    font: str = ""

    def copy(self) -> "_State":
        return _State(self.ctm, self.fill_space, self.stroke_space, self.fill,
                      self.stroke_colour, self.font)


def _numbers(operands) -> tuple[float, ...]:
    out = []
    for v in operands:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            pass
    return tuple(out)


def _named_space(name, resources):
    """The colour space a `cs` operand names: a device space, or the entry of
    the resources' /ColorSpace."""
    if str(name) in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"):
        return pikepdf.Name(str(name))
    try:
        return resources.ColorSpace[str(name)]
    except (AttributeError, KeyError, TypeError):
        return pikepdf.Name(str(name))


def paints(page: pikepdf.Page) -> Iterator[Paint]:
    """Every paint of `page`: its contents, then its annotations' appearances."""
    yield from _walk(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), IDENTITY,
                     "page", 0, set())
    for n, annot in enumerate(page.obj.get("/Annots", pikepdf.Array()), start=1):
        ap = annot.get("/AP") if isinstance(annot, pikepdf.Dictionary) else None
        normal = ap.get("/N") if ap is not None else None
        if normal is None:
            continue
        streams = [normal] if isinstance(normal, pikepdf.Stream) else \
            [v for v in normal.values() if isinstance(v, pikepdf.Stream)] \
            if isinstance(normal, pikepdf.Dictionary) else []
        where = f"annotation {n} ({annot.get('/Subtype', '?')})"
        for stream in streams:
            yield from _walk(stream, stream.get("/Resources", pikepdf.Dictionary()),
                             IDENTITY, where, 1, set())


def _walk(owner, resources, base: Matrix, where: str, depth: int, seen: set) -> Iterator[Paint]:
    if depth > MAX_DEPTH:
        return
    try:
        ops = pikepdf.parse_content_stream(owner)
    except pikepdf.PdfError:
        return
    state = _State(ctm=base)
    stack: list[_State] = []
    path: list[tuple[float, float]] = []
    for operands, operator in ops:
        op = str(operator)
        if op == "q":
            stack.append(state.copy())
        elif op == "Q":
            state = stack.pop() if stack else state
        elif op == "cm":
            state.ctm = multiply(matrix_of(operands), state.ctm)
        elif op in _DEVICE:
            space = pikepdf.Name(_DEVICE[op])
            if op.islower():
                state.fill_space, state.fill = space, _numbers(operands)
            else:
                state.stroke_space, state.stroke_colour = space, _numbers(operands)
        elif op in ("cs", "CS") and operands:
            space = _named_space(operands[0], resources)
            if op == "cs":
                state.fill_space, state.fill = space, ()
            else:
                state.stroke_space, state.stroke_colour = space, ()
        elif op in ("sc", "scn"):
            state.fill = _numbers(operands)
            if operands and isinstance(operands[-1], pikepdf.Name):
                yield from _pattern(operands[-1], resources, state, where, depth, seen)
        elif op in ("SC", "SCN"):
            state.stroke_colour = _numbers(operands)
        elif op in ("m", "l"):
            path.append(apply(state.ctm, *_numbers(operands)[:2]))
        elif op in ("c", "v", "y"):
            nums = _numbers(operands)
            path += [apply(state.ctm, nums[i], nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
        elif op == "re":
            x, y, w, h = (_numbers(operands) + (0, 0, 0, 0))[:4]
            path += [apply(state.ctm, px, py) for px, py in
                     ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
        elif op in _PAINT_OPS or op == "n":
            if op != "n" and path:
                xs, ys = [p[0] for p in path], [p[1] for p in path]
                stroke = _PAINT_OPS[op]
                fills = op not in ("S", "s")
                if fills:
                    yield Paint("path", where, state.fill_space, state.fill,
                                (min(xs), min(ys), max(xs), max(ys)))
                if stroke:
                    yield Paint("path", where, state.stroke_space, state.stroke_colour,
                                (min(xs), min(ys), max(xs), max(ys)), stroke=True)
            path = []
        elif op == "Tf" and operands:
            state.font = str(operands[0])
        elif op in _TEXT_OPS:
            yield Paint("text", where, state.fill_space, state.fill, font=state.font)
        elif op == "sh" and operands:
            shading = resources.get("/Shading", {}).get(str(operands[0]))
            if shading is not None:
                yield Paint("shading", where, shading.get("/ColorSpace"), obj=shading)
        elif op == "INLINE IMAGE":
            image = operands[0]
            space = image.obj.get("/CS", image.obj.get("/ColorSpace"))
            yield Paint("inline-image", where, space, matrix=state.ctm, obj=image)
        elif op == "Do" and operands:
            name = str(operands[0])
            xobj = resources.get("/XObject", {}).get(name)
            if xobj is None:
                continue
            subtype = xobj.get("/Subtype")
            if subtype == "/Image":
                yield Paint("image", f"{where}, image {name}", xobj.get("/ColorSpace"),
                            matrix=state.ctm, obj=xobj)
                mask = xobj.get("/SMask")
                if isinstance(mask, pikepdf.Stream):
                    yield Paint("image", f"{where}, soft mask of {name}",
                                mask.get("/ColorSpace"), matrix=state.ctm, obj=mask)
            elif subtype == "/Form":
                key = (xobj.objgen, state.ctm)
                if xobj.objgen != (0, 0) and key in seen:
                    continue
                seen.add(key)
                inner = multiply(matrix_of(xobj.get("/Matrix", IDENTITY)), state.ctm)
                yield from _walk(xobj, xobj.get("/Resources", resources), inner,
                                 f"{where}, form {name}", depth + 1, seen)


def _pattern(name, resources, state: _State, where: str, depth: int, seen: set):
    pattern = resources.get("/Pattern", {}).get(str(name))
    if pattern is None:
        return
    if pattern.get("/PatternType") == 2:          # a shading pattern
        shading = pattern.get("/Shading")
        if shading is not None:
            yield Paint("shading", f"{where}, pattern {name}", shading.get("/ColorSpace"),
                        obj=shading)
    elif isinstance(pattern, pikepdf.Stream) and pattern.objgen not in seen:
        seen.add(pattern.objgen)
        inner = multiply(matrix_of(pattern.get("/Matrix", IDENTITY)), state.ctm)
        yield from _walk(pattern, pattern.get("/Resources", resources), inner,
                         f"{where}, pattern {name}", depth + 1, seen)


def forms(page: pikepdf.Page) -> Iterator[tuple[str, pikepdf.Object]]:
    """(where, form XObject) of every form the page's resources reach."""
    todo = [("page", page.obj.get("/Resources", pikepdf.Dictionary()), 0)]
    seen: set = set()
    while todo:
        where, res, depth = todo.pop()
        if depth > MAX_DEPTH:
            continue
        for name, xobj in (res.get("/XObject", {}) or {}).items():
            if not isinstance(xobj, pikepdf.Stream) or xobj.objgen in seen:
                continue
            seen.add(xobj.objgen)
            here = f"{where}, {'image' if xobj.get('/Subtype') == '/Image' else 'form'} {name}"
            yield here, xobj
            if xobj.get("/Subtype") == "/Form":
                todo.append((here, xobj.get("/Resources", pikepdf.Dictionary()), depth + 1))


def scale(m: Matrix) -> tuple[float, float]:
    """The lengths (pt) the unit square's sides get from `m`."""
    return math.hypot(m[0], m[1]), math.hypot(m[2], m[3])
