"""The built-in report template (``resources/report/template.toml``): headings and default texts."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=1)
def builtin_template() -> Template:
    """The template following the outline of the reference report (parts I–III)."""
    with open(resource_path("report", "template.toml"), "rb") as fh:
        raw = tomllib.load(fh)
    headings = {p["key"]: nfc(p["heading"]) for p in raw.get("part", [])}
    texts: dict[str, str] = {}
    for s in raw["section"]:
        headings[s["key"]] = nfc(s.get("heading", ""))
        texts[s["key"]] = _clean(s.get("text", ""))
    missing = [k for k in SECTION_KEYS if k not in texts]
    if missing:  # a broken resource is a packaging error, not a user error
        raise RuntimeError(f"report template lacks sections {missing}")
    meta = raw["meta"]
    return Template(nfc(meta["subject"]), nfc(meta["recipient"]), headings, texts)
