import unicodedata

from tracu_desktop.core.textnorm import ascii_slug, match_key, nfc, strip_accents, suggest


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Trà Cú")
    assert decomposed != "Trà Cú"
    assert nfc(decomposed) == "Trà Cú"


def test_match_key_ignores_case_spacing_normalisation():
    assert match_key("  XÃ  Tân   Hiệp ") == match_key(unicodedata.normalize("NFD", "xã tân hiệp"))


def test_suggest_finds_near_misses_without_accents():
    names = ["Xã Tân Hiệp", "Xã Tân Sơn", "Xã Tập Sơn", "Thị trấn Trà Cú"]
    assert suggest("Xa Tan Hiep", names)[0] == "Xã Tân Hiệp"
    assert suggest("Xã Tân Hiêp", names)[0] == "Xã Tân Hiệp"
    assert suggest("zzzz", names) == []


def test_ascii_forms():
    assert strip_accents("Đại An") == "Dai An"
    assert ascii_slug("Trà Cú") == "TraCu"
