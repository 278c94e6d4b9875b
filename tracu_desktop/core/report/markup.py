"""The small markup of report texts: lines → paragraphs of runs, footnotes.

Each non-empty line is a paragraph. ``*italic*`` and ``**bold**`` make runs; ``[^a]``
marks a footnote whose text is a line ``[^a]: …`` of the same section. Renderers
(Word, PDF) draw these paragraphs; they never parse text themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NOTE_DEF = re.compile(r"^\s*\[\^([^\]\s]+)\]:\s*(.*)$")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


class MarkupError(ValueError):
    """A footnote mark without its text (or the reverse); the message is Vietnamese."""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    note: int | None = None  # a footnote reference mark (number); text is then ""


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text if r.note is None else str(r.note) for r in self.runs)


@dataclass
class Parsed:
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[tuple[int, list[Run]]] = field(default_factory=list)  # (number, runs)


def _emphasis_runs(text: str) -> list[Run]:
    runs: list[Run] = []
    pos = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        if m.group(1) is not None:
            runs.append(Run(m.group(1), bold=True))
        else:
            runs.append(Run(m.group(2), italic=True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def parse_section(text: str, first_note: int = 1, where: str = "văn bản") -> Parsed:
    """Paragraphs and footnotes of a rendered section; notes are numbered from ``first_note``."""
    definitions: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        m = _NOTE_DEF.match(line)
        if m:
            definitions[m.group(1)] = m.group(2).strip()
        elif line.strip():
            body.append(line.strip())
    out = Parsed()
    numbers: dict[str, int] = {}
    for line in body:
        runs: list[Run] = []
        pos = 0
        for m in _NOTE_REF.finditer(line):
            runs += _emphasis_runs(line[pos : m.start()])
            label = m.group(1)
            if label not in definitions:
                raise MarkupError(
                    f"{where}: chú thích [^{label}] chưa có nội dung (thêm dòng “[^{label}]: …”)."
                )
            if label not in numbers:
                numbers[label] = first_note + len(numbers)
                out.notes.append((numbers[label], _emphasis_runs(definitions[label])))
            runs.append(Run("", note=numbers[label]))
            pos = m.end()
        runs += _emphasis_runs(line[pos:])
        out.paragraphs.append(Paragraph(tuple(runs)))
    unused = [k for k in definitions if k not in numbers]
    if unused:
        raise MarkupError(
            f"{where}: chú thích [^{unused[0]}] có nội dung nhưng không được đánh dấu trong văn bản."
        )
    return out
