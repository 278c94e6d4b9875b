"""Page-bottom footnotes for reportlab documents.

reportlab has no footnotes. A note mark in a paragraph carries an ``<onDraw>`` tag; when
the line holding it is drawn, the page records the note. At the end of the page the
notes are drawn above the bottom margin under a short rule. The body frame of a page
is shortened by the space its notes need, which is only known after a layout, so the
document is laid out again (at most a few times) until every page has room for the
notes that land on it. Reserved space only grows between passes, so this settles.
Imported only by the PDF renderers (it loads reportlab).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.platypus import BaseDocTemplate

NOTE_CALLBACK = "tracu_note"
RULE_WIDTH = 50 * 72 / 25.4  # 50 mm, as Word draws its separator
RULE_GAP = 8.0  # points between the body and the first note (rule included)
MAX_PASSES = 6


def note_mark(number: int) -> str:
    """Paragraph markup of a note reference: a superscript number that reports its page."""
    return f'<super>{number}</super><onDraw name="{NOTE_CALLBACK}" label="{number}"/>'


def build_with_footnotes(
    path: Path,
    make_story: Callable[[], Sequence[Any]],
    notes: dict[int, str],
    note_style: Any,
    *,
    on_page: Callable[[Any, Any], None] | None = None,
    **doc_args: Any,
) -> int:
    """Build ``make_story()`` into ``path`` with ``notes`` (number → markup); returns passes."""
    reserve: dict[int, float] = {}
    for n in range(1, MAX_PASSES + 1):
        doc = _NotesDoc(str(path), notes, note_style, reserve, on_page, **doc_args)
        doc.build(list(make_story()))
        needed = {page: doc.notes_height(nums) for page, nums in doc.placed.items()}
        if all(h <= reserve.get(page, 0) + 0.01 for page, h in needed.items()):
            return n
        for page, h in needed.items():
            reserve[page] = max(reserve.get(page, 0), h)
    return MAX_PASSES


class _NotesDoc(BaseDocTemplate):
    def __init__(
        self,
        filename: str,
        notes: dict[int, str],
        note_style: Any,
        reserve: dict[int, float],
        on_page: Callable[[Any, Any], None] | None,
        **kw: Any,
    ):
        from reportlab.platypus import PageTemplate

        super().__init__(filename, **kw)
        self._notes = notes
        self._note_style = note_style
        self._reserve = reserve
        self._on_page = on_page
        self.placed: dict[int, list[int]] = {}
        self.addPageTemplates(
            [
                PageTemplate(
                    "page", [self._frame(0)], onPage=self._page_start, onPageEnd=self._draw_notes
                )
            ]
        )

    def _frame(self, extra: float) -> Any:
        from reportlab.platypus import Frame

        return Frame(
            self.leftMargin, self.bottomMargin + extra, self.width, self.height - extra, id="body"
        )

    def _page_start(self, canvas: Any, doc: Any) -> None:
        canvas.setNamedCB(NOTE_CALLBACK, self._note_drawn)
        if self._on_page is not None:
            self._on_page(canvas, doc)

    def beforePage(self) -> None:
        # Called after the frames were reset and before the first one is used.
        self.pageTemplate.frames[0] = self._frame(self._reserve.get(self.page, 0))

    def _note_drawn(self, canvas: Any, kind: str, label: str) -> None:
        numbers = self.placed.setdefault(self.page, [])
        if int(label) not in numbers:
            numbers.append(int(label))

    def _paragraphs(self, numbers: Sequence[int]) -> list[tuple[Any, float]]:
        from reportlab.platypus import Paragraph

        out = []
        for number in numbers:
            para = Paragraph(f"<super>{number}</super> {self._notes[number]}", self._note_style)
            _w, h = para.wrap(self.width, self.height)
            out.append((para, h + self._note_style.spaceAfter))
        return out

    def notes_height(self, numbers: Sequence[int]) -> float:
        return RULE_GAP + sum(h for _p, h in self._paragraphs(numbers))

    def _draw_notes(self, canvas: Any, doc: Any) -> None:
        numbers = self.placed.get(self.page)
        if not numbers:
            return
        paragraphs = self._paragraphs(numbers)
        top = self.bottomMargin + sum(h for _p, h in paragraphs)
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.line(
            self.leftMargin, top + RULE_GAP - 3, self.leftMargin + RULE_WIDTH, top + RULE_GAP - 3
        )
        canvas.restoreState()
        y = top
        for para, h in paragraphs:
            para.drawOn(canvas, self.leftMargin, y - h + self._note_style.spaceAfter)
            y -= h
