"""What class statistics read of a mark: the heat map, hot spots and agreement work on any
object with a span, a category and an id, and a worker process sends back the smallest one."""

from __future__ import annotations

from typing import NamedTuple, Protocol

NONE = "none"  # the value of a unit no mark covers


class Marked(Protocol):
    """What the heat map and agreement read of a mark: a `Mark`, or a `MarkSpan`."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def category(self) -> str: ...

    @property
    def id(self) -> str: ...


class MarkSpan(NamedTuple):
    """A mark reduced to what class statistics use: cheap to send between processes."""

    start: int
    end: int
    category: str
    id: str
