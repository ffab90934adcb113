"""The reader's rules as ordered data, after markdown-it's `Ruler`.

A rule is a plain function `rule(state) -> bool | None` in its own module
under `reader/rules/`; the chain is a list of `(name, rule)`. Rules can be
listed, disabled, or run alone in tests. The end of a text is peeled by a
sub-chain run until nothing changes, since a web article's notes, biography
and site tail come in any order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .state import ReadState

Rule = Callable[[ReadState], "bool | None"]


@dataclass
class _Entry:
    name: str
    fn: Rule
    enabled: bool = True


class Ruler:
    def __init__(self, rules: Iterable[tuple[str, Rule]] = ()) -> None:
        self._rules = [_Entry(n, f) for n, f in rules]

    def _index(self, name: str) -> int:
        for i, r in enumerate(self._rules):
            if r.name == name:
                return i
        raise KeyError(f"no reader rule named {name!r}")

    def names(self, enabled_only: bool = True) -> list[str]:
        return [r.name for r in self._rules if r.enabled or not enabled_only]

    def before(self, other: str, name: str, fn: Rule) -> None:
        self._rules.insert(self._index(other), _Entry(name, fn))

    def after(self, other: str, name: str, fn: Rule) -> None:
        self._rules.insert(self._index(other) + 1, _Entry(name, fn))

    def disable(self, *names: str) -> "Ruler":
        for n in names:
            self._rules[self._index(n)].enabled = False
        return self

    def run(self, state: ReadState) -> bool:
        """Run every enabled rule once, in order; True when one changed something."""
        changed = False
        for r in self._rules:
            if r.enabled and r.fn(state):
                changed = True
        return changed

    def run_to_fixpoint(self, state: ReadState, limit: int = 1000) -> bool:
        """Run passes until one changes nothing; True when any pass changed something."""
        # each pass that changes something removes at least one block from
        # the end, so this ends; `limit` only guards against a faulty rule
        changed = False
        for _ in range(limit):
            if not self.run(state):
                return changed
            changed = True
        return changed
