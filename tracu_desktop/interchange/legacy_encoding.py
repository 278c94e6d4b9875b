"""Recognise and convert legacy Vietnamese 8-bit text (TCVN3 / ".VnTime", VNI) to Unicode.

Old commune workbooks were typed with legacy fonts: the file stores Latin-1 characters
("Hé tÞch") that only looked Vietnamese in a ".VnTime" or "VNI-Times" font. Such text
never contains characters above U+00FF. A conversion is kept only when it turns words
that cannot be Vietnamese syllables into words that can, so genuine Unicode text
(whose words are already valid) is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TCVN3 = "tcvn3"
VNI = "vni"
ENCODING_LABELS = {TCVN3: "TCVN3 (.VnTime)", VNI: "VNI"}

# TCVN3 (TCVN 5712:1993, VN3) single-byte code -> letter. Upper-case toned letters have no
# code of their own: ".VnTimeH" fonts draw the lower-case codes as capitals.
_TCVN3_CODES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_TABLE = {chr(k): v for k, v in _TCVN3_CODES.items()}

# Latin-1 letters that occur in genuine Unicode Vietnamese text.
_VIET_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")

# VNI: a base letter followed by a mark character (or, for i, y, đ, ơ, ư, one character).
_COMBINING = {"acute": "\u0301", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303",
              "dot": "\u0323", "circ": "\u0302", "breve": "\u0306", "horn": "\u031b"}  # fmt: skip
_VNI_TONES = {"ù": "acute", "ø": "grave", "û": "hook", "õ": "tilde", "ï": "dot"}
_VNI_CIRC = {"â": (), "ä": ("dot",), "á": ("acute",), "à": ("grave",), "å": ("hook",),
             "ã": ("tilde",)}  # fmt: skip
_VNI_BREVE = {"ê": (), "ë": ("dot",), "é": ("acute",), "è": ("grave",), "ú": ("hook",),
              "ü": ("tilde",)}  # fmt: skip
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
               "î": "ỵ"}  # fmt: skip
_VNI_HORN_BASE = {"ô": "o", "ö": "u"}


def _upper_map(d: dict) -> dict:
    return {k.upper(): v for k, v in d.items()}


_VNI_TONES_ALL = {**_VNI_TONES, **_upper_map(_VNI_TONES)}
_VNI_CIRC_ALL = {**_VNI_CIRC, **_upper_map(_VNI_CIRC)}
_VNI_BREVE_ALL = {**_VNI_BREVE, **_upper_map(_VNI_BREVE)}
_VNI_SINGLE_ALL = {**_VNI_SINGLE, **{k.upper(): v.upper() for k, v in _VNI_SINGLE.items()}}

_VNI_MARKS = set(_VNI_TONES_ALL) | set(_VNI_CIRC_ALL) | set(_VNI_BREVE_ALL)
_TCVN3_STRONG = set(_TCVN3_TABLE) - _VIET_LATIN1
_VNI_STRONG = (_VNI_MARKS | set(_VNI_SINGLE_ALL)) - _VIET_LATIN1
_VOWELS = "aeiouyAEIOUY"


def _compose(base: str, marks: tuple[str, ...]) -> str:
    return unicodedata.normalize("NFC", base + "".join(_COMBINING[m] for m in marks))


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text; an all-capitals original (".VnTimeH" style) comes out in capitals."""
    out = "".join(_TCVN3_TABLE.get(ch, ch) for ch in text)
    letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(letters) >= 2:
        out = out.upper()
    return out


def vni_to_unicode(text: str) -> str:
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in _VOWELS and nxt:
            if nxt in _VNI_CIRC_ALL and ch.lower() in "aeo":
                marks = ("circ", *_VNI_CIRC_ALL[nxt])
                out.append(_compose(ch, marks))
                i += 2
                continue
            if nxt in _VNI_BREVE_ALL and ch.lower() == "a":
                out.append(_compose(ch, ("breve", *_VNI_BREVE_ALL[nxt])))
                i += 2
                continue
            if nxt in _VNI_TONES_ALL:
                out.append(_compose(ch, (_VNI_TONES_ALL[nxt],)))
                i += 2
                continue
        if ch in _VNI_HORN_BASE or ch.lower() in _VNI_HORN_BASE and ch.isupper():
            base = _VNI_HORN_BASE[ch.lower()]
            base = base.upper() if ch.isupper() else base
            if nxt in _VNI_TONES_ALL:
                out.append(_compose(base, ("horn", _VNI_TONES_ALL[nxt])))
                i += 2
            else:
                out.append(_compose(base, ("horn",)))
                i += 1
            continue
        out.append(_VNI_SINGLE_ALL.get(ch, ch))
        i += 1
    return "".join(out)


_TONES = set("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE = re.compile(r"^([bcdđghklmnpqrstvx]*)([aăâeêioôơuưy]+)([cghmnpt]*)$")
_INITIALS = set("b c d đ g h k l m n p q r s t v x ch gh gi kh ng ngh nh ph qu th tr".split()) | {
    ""
}
_FINALS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
_NUCLEI = set(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oai oay oe oi ôi ơi ua uâ "
    "uê ui uô uơ uy ưa ưi ưu ươ ươi ươu uya uyê uyu yê yêu iêu uôi".split()
)
_WORD = re.compile(r"[^\s\d.,;:()\-/\\\"'–]+")


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for ch in decomposed if ch in _TONES) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    m = _SYLLABLE.match(base)
    if m is None:
        return False
    initial, nucleus, final = m.groups()
    if initial in ("q", "g") and nucleus[:1] in ("u", "i") and len(nucleus) > 1:
        initial, nucleus = initial + nucleus[0], nucleus[1:]
    return initial in _INITIALS and final in _FINALS and nucleus in _NUCLEI


def _bad_words(text: str) -> int:
    """How many words could not be Vietnamese syllables (or keep stray Latin-1 symbols)."""
    bad = 0
    for word in _WORD.findall(text):
        if any(ch in _TCVN3_STRONG or ch in _VNI_STRONG for ch in word if ord(ch) <= 0xFF):
            bad += 1
            continue
        if not _is_syllable(word):
            bad += 1
    return bad


def detect(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or ``None`` (Unicode or plain ASCII) for one string.

    A candidate conversion is kept only if it leaves fewer impossible words than the
    original text, and the better of the two encodings wins.
    """
    if not text or any(ord(ch) > 0xFF for ch in text):
        return None
    has_tcvn = any(ch in _TCVN3_TABLE for ch in text)
    has_vni = any(ch in _VNI_MARKS or ch in _VNI_SINGLE_ALL for ch in text)
    if not has_tcvn and not has_vni:
        return None
    best, best_bad = None, _bad_words(text)
    if has_tcvn:
        bad = _bad_words(tcvn3_to_unicode(text))
        if bad < best_bad:
            best, best_bad = TCVN3, bad
    if has_vni:
        bad = _bad_words(vni_to_unicode(text))
        if bad < best_bad:
            best, best_bad = VNI, bad
    return best


@dataclass(frozen=True)
class Conversion:
    original: str
    text: str
    encoding: str | None  # None: unchanged


def to_unicode(text: str) -> Conversion:
    """Convert a string if it is legacy-encoded; the result is NFC."""
    enc = detect(text)
    if enc == TCVN3:
        return Conversion(text, unicodedata.normalize("NFC", tcvn3_to_unicode(text)), enc)
    if enc == VNI:
        return Conversion(text, unicodedata.normalize("NFC", vni_to_unicode(text)), enc)
    return Conversion(text, text, None)
