"""Text normalisation and fuzzy name matching.

Every string that enters the program goes through :func:`nfc` so that stored and
printed Vietnamese is always precomposed (PDF renderers misplace decomposed accents).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalise and trim; the one entry point for user text."""
    if text.isascii():  # fast path: nothing to compose
        return text.strip()
    return unicodedata.normalize("NFC", text).strip()


def match_key(text: str) -> str:
    """Key for comparing names: NFC, case-folded, inner whitespace collapsed."""
    return _SPACES.sub(" ", nfc(text)).casefold()


def strip_accents(text: str) -> str:
    """ASCII-ish form of Vietnamese text ("Trà Cú" → "Tra Cu"), for file names and loose matching."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def loose_key(text: str) -> str:
    """Accent-insensitive key used only for suggestions, never for exact matching."""
    return match_key(strip_accents(text))


def suggest(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Closest candidate names for an unknown one, best first."""
    pool = list(dict.fromkeys(candidates))
    by_key: dict[str, str] = {}
    for cand in pool:
        by_key.setdefault(loose_key(cand), cand)
    keys = difflib.get_close_matches(loose_key(name), list(by_key), n=limit, cutoff=0.6)
    found = [by_key[k] for k in keys]
    if not found:
        needle = loose_key(name)
        found = [c for c in pool if needle and needle in loose_key(c)][:limit]
    return found


def ascii_slug(text: str) -> str:
    """File-name-safe ASCII words in CamelCase: "Ủy ban nhân dân huyện Trà Cú" → "UyBanNhanDanHuyenTraCu"."""
    words = re.findall(r"[A-Za-z0-9]+", strip_accents(nfc(text)))
    return "".join(w[:1].upper() + w[1:] for w in words)
