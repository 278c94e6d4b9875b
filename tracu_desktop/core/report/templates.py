"""The built-in report templates (``resources/report/``): headings and default texts.

``template.toml`` is the district's report (the outline of the 2023 Trà Cú report). An
organisation of another level reads ``template-<level>.toml`` on top of it: the sections
(and ``[meta]`` entries) listed there replace the district's, so a commune's or a
province's report does not speak of "cấp huyện" or the district's offices. All wording is
data, editable in those files or per period in the report editor.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracu_desktop.core.models import Level
from tracu_desktop.core.report.model import SECTION_KEYS
from tracu_desktop.core.resources import resource_path
from tracu_desktop.core.textnorm import nfc


@dataclass(frozen=True)
class Template:
    subject: str
    recipient: str
    headings: dict[str, str]  # section or part key -> heading ("" for none)
    texts: dict[str, str]  # section key -> default text


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in nfc(text).splitlines()).strip()


def _read(path: Path) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _apply(raw: dict, headings: dict[str, str], texts: dict[str, str], meta: dict) -> None:
    for p in raw.get("part", []):
        headings[p["key"]] = nfc(p["heading"])
    for s in raw.get("section", []):
        if "heading" in s or s["key"] not in headings:
            headings[s["key"]] = nfc(s.get("heading", ""))
        texts[s["key"]] = _clean(s.get("text", ""))
    meta.update(raw.get("meta", {}))


def builtin_template(level: Level | str = Level.DISTRICT) -> Template:
    """The template of an organisation of ``level`` (parts I–III of the reference report)."""
    return _load(Level(str(level)))


@lru_cache(maxsize=4)
def _load(level: Level) -> Template:
    headings: dict[str, str] = {}
    texts: dict[str, str] = {}
    meta: dict = {}
    _apply(_read(resource_path("report", "template.toml")), headings, texts, meta)
    if level is not Level.DISTRICT:
        overlay = resource_path("report", f"template-{level}.toml")
        if overlay.exists():
            _apply(_read(overlay), headings, texts, meta)
    missing = [k for k in SECTION_KEYS if k not in texts]
    if missing:  # a broken resource is a packaging error, not a user error
        raise RuntimeError(f"report template lacks sections {missing}")
    return Template(nfc(meta["subject"]), nfc(meta["recipient"]), headings, texts)
