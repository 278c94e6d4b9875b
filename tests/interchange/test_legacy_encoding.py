import pytest

from tracu_desktop.interchange.legacy_encoding import TCVN3, VNI, detect, to_unicode

TCVN3_SAMPLES = [
    ("Hé tÞch", "Hộ tịch"),
    ("Chøng thùc", "Chứng thực"),
    ("§Êt ®ai", "Đất đai"),
    ("ThÞ trÊn Trµ Có", "Thị trấn Trà Cú"),
    ("X· Ngäc Biªn", "Xã Ngọc Biên"),
    ("L\xadu NghiÖp Anh", "Lưu Nghiệp Anh"),
    ("Kinh tÕ hîp t¸c vµ ph¸t triÓn n«ng th«n", "Kinh tế hợp tác và phát triển nông thôn"),
    ("Sè míi tiÕp nhËn trùc tuyÕn", "Số mới tiếp nhận trực tuyến"),
    ("UBND HUYÖN TRµ Có", "UBND HUYỆN TRÀ CÚ"),
]
VNI_SAMPLES = [
    ("Hoä tòch", "Hộ tịch"),
    ("Chöùng thöïc", "Chứng thực"),
    ("Ñaát ñai", "Đất đai"),
    ("Thò traán Traø Cuù", "Thị trấn Trà Cú"),
    ("Xaõ Ngoïc Bieân", "Xã Ngọc Biên"),
    ("Ngöôøi coù coâng", "Người có công"),
    ("Baûo trôï xaõ hoäi", "Bảo trợ xã hội"),
    ("Tænh Traø Vinh", "Tỉnh Trà Vinh"),
]


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_SAMPLES)
def test_tcvn3_place_and_field_names(legacy, expected):
    conv = to_unicode(legacy)
    assert conv.encoding == TCVN3
    assert conv.text == expected


@pytest.mark.parametrize(("legacy", "expected"), VNI_SAMPLES)
def test_vni_place_and_field_names(legacy, expected):
    conv = to_unicode(legacy)
    assert conv.encoding == VNI
    assert conv.text == expected


@pytest.mark.parametrize(
    "text", ["Hộ tịch", "Trà Cú", "Hoà", "Khoá", "Thuý", "Café", "UBND 2023", "Tổng cộng", ""]
)
def test_unicode_and_ascii_text_is_left_alone(text):
    assert detect(text) is None
    assert to_unicode(text).text == text
