"""The entry side of a form spec: entry grid, derived totals, rates and arithmetic rules.

A form spec (``resources/forms/*.toml``) that carries an ``[entry]`` table also drives
the program's entry grid of that form (``form = "06"`` in the 06b spec, ``"05a"`` in the
05a spec) and ``[[rules]]``, the checks :mod:`core.validation` evaluates. Column numbers
come from the spec's printed column order, so a new spec version moves every number in
captions, tooltips and messages with it. Versions are picked by date like
:func:`formspec.spec_for`: the grid and the rules of a period are those in force on the
period's last day.

Public API::

    entry_spec(form, on=date) -> EntrySpec        # "06" or "05a", the version in force
    entry_specs(on=date) -> tuple[EntrySpec, ...]  # every entry form in force on a date
    derived_totals(on=date) -> {total key: indicator codes}
    key_figure_lines(on=date) -> the key figures' captions (report page, CLI summary)
    total(values, key), with_totals(values)        # derived totals from components
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from tracu_desktop.core.formspec import FormSpec, FormSpecError, _Reader, load_specs, spec_for
from tracu_desktop.core.indicators import indicator_map, rate
from tracu_desktop.core.models import Detail

INPUT, TOTAL, RATE = "input", "total", "rate"
RELATIONS = ("=", "<=")
SEVERITIES = ("error", "warning")
SCOPES = ("field", "unit")
APPLIES = ("form", "left")
PREVIOUS = "previous:"
MESSAGE_FIELDS = frozenset({"where", "left", "right", "right_terms", "left_named"})
_COL_REF = re.compile(r"\{col:([A-Za-z0-9_]+)\}")


@dataclass(frozen=True)
class EntryColumn:
    """One column of an entry grid: an input, a read-only total or a read-only rate.

    ``parts`` are the indicators a total adds up; ``numerator``/``denominator`` the
    indicators of a rate. ``formula`` is the printed-number formula, e.g.
    ``(3) = (4) + (5) + (6)`` or ``(4) / ((4) + (5))``.
    """

    kind: str
    key: str
    number: int | None
    short: str
    long: str
    formula: str = ""
    parts: tuple[str, ...] = ()
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    grid: bool = True
    detail_of: str = ""  # a detail column: the title of its group ("" = a form column)
    checks: tuple[str, ...] = ()  # a detail column: the rules that check it, described

    def value(self, values: Mapping[str, int]) -> int | Decimal | None:
        """What the column shows for one row of stored inputs (``None`` = blank)."""
        if self.kind == INPUT:
            return values.get(self.key)
        if self.kind == TOTAL:
            if not any(p in values for p in self.parts):
                return None
            return sum(int(values.get(p) or 0) for p in self.parts)
        return self.ratio(values)

    def ratio(self, values: Mapping[str, int]) -> Decimal | None:
        """A rate column's percentage; ``None`` when its base is zero."""
        return rate(
            sum(int(values.get(p) or 0) for p in self.numerator),
            sum(int(values.get(p) or 0) for p in self.denominator),
        )


@dataclass(frozen=True)
class EntryRule:
    """One arithmetic rule: ``sum(left) relation sum(right)`` with its Vietnamese texts.

    ``left``/``right`` hold indicator codes (sum columns already expanded) and, on the
    right, ``previous:<indicator>`` for the previous period's figure. ``description``
    and ``message`` have their column numbers filled in; ``message`` keeps the
    placeholders of :data:`MESSAGE_FIELDS` for the figures. ``cell`` is the figure the
    validation panel jumps to ("" = the first left figure present); ``highlight`` the
    grid columns painted when the rule fails (default: that cell).
    """

    code: str
    form: str
    severity: str  # "error" | "warning"
    left: tuple[str, ...]
    relation: str
    right: tuple[str, ...]
    right_terms: tuple[tuple[str, ...], ...]
    scope: str
    applies: str
    cell: str
    highlight: tuple[str, ...]
    description: str
    message: str
    columns: tuple[int, ...]

    @property
    def uses_previous(self) -> bool:
        return any(t.startswith(PREVIOUS) for t in self.right)

    def holds(self, left: int, right: int) -> bool:
        return left == right if self.relation == "=" else left <= right


@dataclass(frozen=True)
class SummaryLine:
    """One key figure of a period: a key of the period's figures and its caption."""

    key: str
    text: str

    @property
    def is_rate(self) -> bool:
        return self.key.endswith("_rate")


@dataclass(frozen=True)
class DetailGroup:
    """Optional detail columns of the grid (``[[entry.detail]]``), hidden by default.

    ``after`` is the spec column they follow ("" = at the end of the grid, after the
    rates); ``columns`` are catalog indicators kept per unit × field, not printed on the
    form; ``title`` says what they break down, e.g. "Chi tiết của cột (4)".
    """

    after: str
    title: str
    columns: tuple[EntryColumn, ...]


@dataclass(frozen=True)
class EntrySpec:
    form: str
    title: str
    spec: FormSpec
    columns: tuple[EntryColumn, ...]  # inputs and totals in printed order
    rates: tuple[EntryColumn, ...]
    rules: tuple[EntryRule, ...]
    summary: tuple[SummaryLine, ...] = ()
    summary_order: int = 0
    detail: tuple[DetailGroup, ...] = ()

    def grid_columns(self, detail: bool = False) -> tuple[EntryColumn, ...]:
        """Inputs and totals in the order of their printed numbers, then the grid's rates;
        with ``detail``, each detail group right after the column it breaks down."""
        base = self.columns + tuple(r for r in self.rates if r.grid)
        if not detail or not self.detail:
            return base
        out: list[EntryColumn] = []
        for c in base:
            out.append(c)
            for g in self.detail:
                if g.after and g.after == c.key:
                    out.extend(g.columns)
        for g in self.detail:
            if not g.after:
                out.extend(g.columns)
        return tuple(out)

    def detail_codes(self) -> tuple[str, ...]:
        """Indicators of the detail columns, in grid order."""
        return tuple(c.key for g in self.detail for c in g.columns)

    def inputs(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.kind == INPUT)

    def totals(self) -> dict[str, tuple[str, ...]]:
        return {c.key: c.parts for c in self.columns if c.kind == TOTAL}

    def column(self, key: str) -> EntryColumn:
        for c in (*self.columns, *self.rates):
            if c.key == key:
                return c
        raise KeyError(key)


# --- reading --------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _raw(path: str) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _has_entry(spec: FormSpec) -> bool:
    return isinstance(_raw(str(spec.source)).get("entry"), dict)


def _number_text(number: int) -> str:
    return f"({number})"


def _expr(spec: FormSpec, keys: tuple[str, ...]) -> str:
    text = " + ".join(_number_text(spec.column_number(k)) for k in keys)
    return f"({text})" if len(keys) > 1 else text


class _Parser:
    """Builds an :class:`EntrySpec` from a spec and its raw TOML; errors name file and key."""

    def __init__(self, spec: FormSpec):
        self.spec = spec
        self.raw = _raw(str(spec.source))
        self.r = _Reader(spec.source, self.raw)
        self.keys = {c.key: c for c in spec.columns}

    def parts(self, r: _Reader, key: str, term: str) -> tuple[str, ...]:
        """The indicators a term adds up: a number column of the spec or a catalog code."""
        col = self.keys.get(term)
        if col is None:
            if term in indicator_map():
                return (term,)
            raise r.fail(key, f"'{term}' không phải cột của biểu hay chỉ tiêu trong danh mục")
        if col.kind == "indicator":
            return (col.indicator,)
        if col.kind == "sum":
            return tuple(p for k in col.of for p in self.parts(r, key, k))
        raise r.fail(key, f"cột '{term}' không phải cột số")

    def fill(self, r: _Reader, key: str, text: str) -> str:
        """Replace ``{col:KEY}`` with the printed number and check the other placeholders."""

        def number(m: re.Match[str]) -> str:
            if m.group(1) not in self.keys:
                raise r.fail(key, f"cột '{m.group(1)}' không có trong biểu")
            return _number_text(self.spec.column_number(m.group(1)))

        filled = _COL_REF.sub(number, text)
        try:
            names = {n for _, n, _, _ in string.Formatter().parse(filled) if n}
        except ValueError as exc:
            raise r.fail(key, f"mẫu chữ sai ({exc})") from None
        unknown = names - MESSAGE_FIELDS
        if unknown:
            raise r.fail(key, f"tham số không biết: {', '.join(sorted(unknown))}")
        return filled

    def captions(self) -> dict[str, tuple[str, str]]:
        entry = self.r.child("entry", self.raw["entry"])
        raw = entry.get("captions", dict, {})
        out = {}
        for key, value in raw.items():
            c = entry.child(f"captions.{key}", value if isinstance(value, dict) else {})
            if key not in self.keys:
                raise entry.fail(f"captions.{key}", "cột không có trong biểu")
            out[key] = (c.get("short", str, ""), c.get("long", str, ""))
        return out

    def columns(self, captions: Mapping[str, tuple[str, str]]) -> tuple[EntryColumn, ...]:
        leaves = {leaf.column: leaf.text for n in self.spec.header for leaf in n.leaves()}
        out = []
        for key in self.spec.leaf_order():
            col = self.keys[key]
            if col.kind not in ("indicator", "sum"):
                continue
            short, long = captions.get(key, ("", ""))
            number = self.spec.column_number(key)
            if col.kind == "indicator":
                ind = indicator_map()[col.indicator]
                long = long or ind.label
                out.append(EntryColumn(INPUT, col.indicator, number, short or ind.short, long, ""))
            else:
                formula = f"{_number_text(number)} = " + " + ".join(
                    _number_text(self.spec.column_number(k)) for k in col.of
                )
                out.append(
                    EntryColumn(
                        TOTAL,
                        key,
                        number,
                        short or leaves[key],
                        long or leaves[key],
                        formula,
                        parts=self.parts(self.r, "columns", key),
                    )
                )
        return tuple(out)

    def rates(self) -> tuple[EntryColumn, ...]:
        entry = self.r.child("entry", self.raw["entry"])
        out = []
        for i, value in enumerate(entry.get("rates", list, [])):
            r = entry.child(f"rates[{i}]", value if isinstance(value, dict) else {})
            num, den = r.strings("numerator"), r.strings("denominator")
            for k in (*num, *den):
                if k not in self.keys:
                    raise r.fail("numerator", f"cột '{k}' không có trong biểu")
            out.append(
                EntryColumn(
                    RATE,
                    r.get("key", str),
                    None,
                    r.get("short", str),
                    r.get("long", str),
                    f"{_expr(self.spec, num)} / {_expr(self.spec, den)}",
                    numerator=tuple(p for k in num for p in self.parts(r, "numerator", k)),
                    denominator=tuple(p for k in den for p in self.parts(r, "denominator", k)),
                    grid=r.get("grid", bool, True),
                )
            )
        return tuple(out)

    def rule(self, form: str, i: int, value: Any) -> EntryRule:
        r = self.r.child(f"rules[{i}]", value if isinstance(value, dict) else {})
        left_raw, right_raw = r.strings("left"), r.strings("right")
        if not left_raw or not right_raw:
            raise r.fail("left", "cần cả 'left' và 'right'")
        right_terms = []
        for term in right_raw:
            if term.startswith(PREVIOUS):
                right_terms.append(
                    tuple(PREVIOUS + p for p in self.parts(r, "right", term[len(PREVIOUS) :]))
                )
            else:
                right_terms.append(self.parts(r, "right", term))
        applies = r.choice("applies", APPLIES, "form")
        scope = r.choice("scope", SCOPES, "field")
        if scope == "unit" and applies != "left":
            raise r.fail("applies", "quy tắc scope = 'unit' cần applies = 'left'")
        left = tuple(p for t in left_raw for p in self.parts(r, "left", t))
        cell = r.get("cell", str, "")
        if cell and cell not in indicator_map():
            raise r.fail("cell", f"chỉ tiêu '{cell}' không có trong danh mục")
        highlight = r.strings("highlight", ())
        for k in highlight:
            if k not in self.keys and k not in indicator_map():
                raise r.fail(
                    "highlight", f"'{k}' không phải cột của biểu hay chỉ tiêu trong danh mục"
                )
        refs = _COL_REF.findall(r.get("description", str) + r.get("message", str))
        return EntryRule(
            code=r.get("code", str),
            form=form,
            severity=r.choice("severity", SEVERITIES),
            left=left,
            relation=r.choice("relation", RELATIONS),
            right=tuple(p for t in right_terms for p in t),
            right_terms=tuple(right_terms),
            scope=scope,
            applies=applies,
            cell=cell,
            highlight=highlight,
            description=self.fill(r, "description", r.get("description", str)),
            message=self.fill(r, "message", r.get("message", str)),
            columns=tuple(
                dict.fromkeys(self.spec.column_number(k) for k in refs if k in self.keys)
            ),
        )

    def detail(self, rules: tuple[EntryRule, ...]) -> tuple[DetailGroup, ...]:
        """``[[entry.detail]]``: groups of optional detail columns; a column's tooltip is
        its catalog label, its group's title and the rules that check it."""
        entry = self.r.child("entry", self.raw["entry"])
        imap = indicator_map()
        form_inputs = {c.indicator for c in self.spec.columns if c.kind == "indicator"}
        seen: set[str] = set()
        out = []
        for i, value in enumerate(entry.get("detail", list, [])):
            r = entry.child(f"detail[{i}]", value if isinstance(value, dict) else {})
            after = r.get("after", str, "")
            if after and after not in self.keys:
                raise r.fail("after", f"cột '{after}' không có trong biểu")
            title = self.fill(r, "title", r.get("title", str))
            shorts = r.get("captions", dict, {})
            cols = []
            for code in r.strings("indicators"):
                ind = imap.get(code)
                if ind is None:
                    raise r.fail("indicators", f"chỉ tiêu '{code}' không có trong danh mục")
                if ind.detail is not Detail.UNIT_FIELD or code in seen:
                    raise r.fail(
                        "indicators",
                        f"chỉ tiêu '{code}' không nhập được theo lĩnh vực hoặc bị lặp",
                    )
                seen.add(code)
                if code in form_inputs:
                    continue  # a version printing it as a column shows it there, not twice
                short = shorts.get(code, ind.short)
                if not isinstance(short, str):
                    raise r.fail(f"captions.{code}", "cần một chuỗi chữ")
                cols.append(
                    EntryColumn(
                        INPUT,
                        code,
                        None,
                        short,
                        ind.label,
                        detail_of=title,
                        checks=tuple(x.description for x in rules if code in x.left),
                    )
                )
            unknown = set(shorts) - set(r.strings("indicators"))
            if unknown:
                raise r.fail(
                    "captions", f"chỉ tiêu không có trong nhóm: {', '.join(sorted(unknown))}"
                )
            if cols:
                out.append(DetailGroup(after, title, tuple(cols)))
        return tuple(out)

    def build(self) -> EntrySpec:
        entry = self.r.child("entry", self.raw["entry"])
        form = entry.get("form", str)
        rules = tuple(self.rule(form, i, v) for i, v in enumerate(self.r.get("rules", list, [])))
        codes = [x.code for x in rules]
        if len(set(codes)) != len(codes):
            raise self.r.fail("rules", "trùng mã quy tắc")
        summary = []
        for i, value in enumerate(entry.get("summary", list, [])):
            r = entry.child(f"summary[{i}]", value if isinstance(value, dict) else {})
            summary.append(SummaryLine(r.get("key", str), self.fill(r, "text", r.get("text", str))))
        return EntrySpec(
            form=form,
            title=entry.get("title", str),
            spec=self.spec,
            columns=self.columns(self.captions()),
            rates=self.rates(),
            rules=rules,
            summary=tuple(summary),
            summary_order=entry.get("summary_order", int, 0),
            detail=self.detail(rules),
        )


@lru_cache(maxsize=64)
def _entry_of(spec: FormSpec, source: str) -> EntrySpec:
    """Cached per file: equal specs of two folders may carry different entry tables."""
    return _Parser(spec).build()


def _entry_codes(folder: Path | None) -> dict[str, str]:
    """Entry form ("06") -> spec code ("06b") for every spec carrying an ``[entry]``."""
    out: dict[str, str] = {}
    for spec in load_specs(folder):
        if _has_entry(spec):
            form = str(_raw(str(spec.source))["entry"].get("form", ""))
            if out.setdefault(form, spec.code) != spec.code:
                raise FormSpecError(
                    f"Mẫu biểu {spec.source.name}, khóa 'entry.form': lưới nhập '{form}' "
                    f"đã thuộc biểu {out[form]}."
                )
    return out


def entry_forms(folder: Path | None = None) -> tuple[str, ...]:
    return tuple(_entry_codes(folder))


def entry_spec(form: str, on: date | None = None, folder: Path | None = None) -> EntrySpec:
    """The entry grid and rules of ``form`` ("06", "05a") in force on ``on``."""
    codes = _entry_codes(folder)
    if form not in codes:
        raise FormSpecError(f"Không có lưới nhập biểu '{form}' (có: {', '.join(codes)}).")
    spec = spec_for(codes[form], on, folder)
    if not _has_entry(spec):
        raise FormSpecError(f"Mẫu biểu {spec.source.name}: thiếu bảng 'entry'.")
    return _entry_of(spec, str(spec.source))


def entry_specs(on: date | None = None, folder: Path | None = None) -> tuple[EntrySpec, ...]:
    return tuple(entry_spec(f, on, folder) for f in _entry_codes(folder))


def key_figure_lines(on: date | None = None) -> tuple[SummaryLine, ...]:
    """The key figures of a period as the report page and the ``summary`` command show them."""
    specs = sorted(entry_specs(on), key=lambda e: e.summary_order)
    return tuple(line for e in specs for line in e.summary)


def column_number(indicator: str, on: date | None = None) -> int | None:
    """The printed column of an indicator on the entry forms in force on ``on``, if any."""
    for e in entry_specs(on):
        for c in e.columns:
            if c.kind == INPUT and c.key == indicator:
                return c.number
    return None


def fill_columns(text: str, on: date | None = None) -> str:
    """``{col:KEY}`` in a text replaced by the printed column of KEY on the entry forms."""
    if "{col:" not in text:
        return text
    numbers = {c.key: c.number for e in entry_specs(on) for c in e.columns}
    return _COL_REF.sub(lambda m: _number_text(numbers[m.group(1)] or 0), text)


def derived_totals(on: date | None = None) -> dict[str, tuple[str, ...]]:
    """Every derived total of the entry forms (e.g. ``received_total``) and its parts."""
    return {k: v for e in entry_specs(on) for k, v in e.totals().items()}


def total(values: Mapping[str, int | None], name: str, on: date | None = None) -> int:
    """A derived total from component values; missing counts as 0."""
    return sum(int(values.get(p) or 0) for p in derived_totals(on)[name])


def with_totals(values: Mapping[str, int | None], on: date | None = None) -> dict[str, int]:
    """Component values plus every derived total of the entry forms."""
    out = {k: int(v or 0) for k, v in values.items()}
    for name, parts in derived_totals(on).items():
        out[name] = sum(int(values.get(p) or 0) for p in parts)
    return out
