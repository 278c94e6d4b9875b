"""PAdES signatures of the report and the print package, placed where the layout drew
the signature block, validated by pyHanko and by ``tracu-desktop verify``."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.signing.pki import PASSWORD
from tracu_desktop.cli.main import main
from tracu_desktop.export.signature_slots import ORGANISATION_FIELD, PERSON_FIELD, read_slots
from tracu_desktop.signing.appearance import VIETNAM_TIME
from tracu_desktop.signing.pdf_sign import SignRequest, free_attachments, sign_pdf
from tracu_desktop.signing.signer import SignerError, load_p12

WHEN = datetime.now(VIETNAM_TIME).replace(microsecond=0)


def _signed_report(pdf, director, office, images):
    sig = images["signature"].read_bytes()
    seal = images["seal"].read_bytes()
    pdf = sign_pdf(
        pdf, load_p12(director.p12, PASSWORD), SignRequest("person", signature_png=sig), WHEN
    )
    return sign_pdf(
        pdf, load_p12(office.p12, PASSWORD), SignRequest("organisation", seal_png=seal), WHEN
    )


@pytest.fixture(scope="module")
def signed(report_pdfs, director, office, images, tmp_path_factory):
    original = report_pdfs["report"].read_bytes()
    path = tmp_path_factory.mktemp("signed") / "report-signed.pdf"
    path.write_bytes(_signed_report(original, director, office, images))
    return original, path


def test_person_then_organisation_validate_with_pyhanko(signed, pki):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from tracu_desktop.signing.trust import parse_certificates

    _original, path = signed
    reader = PdfFileReader(io.BytesIO(path.read_bytes()))
    sigs = reader.embedded_signatures
    assert [s.field_name for s in sigs] == [PERSON_FIELD, ORGANISATION_FIELD]
    ctx = ValidationContext(trust_roots=parse_certificates(pki.ca_pem.read_bytes()))
    for s in sigs:
        status = validate_pdf_signature(s, ctx)
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert sigs[0].signer_cert.subject.native["common_name"] == "Nguyễn Văn An"
    assert sigs[1].signer_cert.subject.native["organization_name"] == "UBND huyện Trà Cú"


def test_verify_command_lists_each_signature(signed, pki, tmp_path, capsys):
    _original, path = signed
    db = str(tmp_path / "v.sqlite3")
    assert main(["--db", db, "verify", str(path), "--trust", str(pki.ca_pem)]) == 0
    text = capsys.readouterr().out
    assert "Người ký: Nguyễn Văn An" in text
    assert "Cơ quan, tổ chức: UBND huyện Trà Cú" in text
    assert f"Thời gian ký: {WHEN.isoformat()}" in text  # ISO 8601, +07:00
    assert text.count("nguyên vẹn từ khi ký") == 2
    assert text.count("thuộc danh sách tin cậy") == 2
    assert "Cả 2 chữ ký hợp lệ." in text


def test_verify_without_the_root_in_the_trust_list_exits_1(signed, tmp_path, capsys):
    _original, path = signed
    assert main(["--db", str(tmp_path / "v.sqlite3"), "verify", str(path)]) == 1
    assert "không dẫn tới gốc tin cậy nào" in capsys.readouterr().out


def test_one_byte_changed_after_signing_makes_verify_exit_1(signed, pki, tmp_path, capsys):
    _original, path = signed
    data = bytearray(path.read_bytes())
    # a byte inside the first revision's page content (a figure or a letter of the text)
    at = data.index(b"stream\n", len(data) // 4) + 40
    data[at] ^= 0x01
    bad = tmp_path / "sua.pdf"
    bad.write_bytes(bytes(data))
    db = str(tmp_path / "v.sqlite3")
    assert main(["--db", db, "verify", str(bad), "--trust", str(pki.ca_pem)]) == 1
    out = capsys.readouterr().out
    assert "bị thay đổi sau khi ký" in out
    assert "chữ ký không hợp lệ" in out


def test_signing_changes_no_page_content(signed):
    from pypdf import PdfReader

    original, path = signed
    before = PdfReader(io.BytesIO(original))
    after = PdfReader(str(path))
    assert len(before.pages) == len(after.pages)
    for a, b in zip(before.pages, after.pages, strict=True):
        assert a.get_contents().get_data() == b.get_contents().get_data()


def _page_png(pdf_path, page: int, out_prefix) -> Image.Image:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", str(page + 1), "-l", str(page + 1), "-singlefile",
         str(pdf_path), str(out_prefix)],
        check=True,
    )  # fmt: skip
    return Image.open(f"{out_prefix}.png").convert("RGB")


def _to_pixels(box, page_height, dpi=50):
    x1, y1, x2, y2 = box
    k = dpi / 72
    return (x1 * k, (page_height - y2) * k, x2 * k, (page_height - y1) * k)


def test_appearance_lies_where_the_layout_put_the_signature_block(signed, report_pdfs, tmp_path):
    from pypdf import PdfReader

    original, path = signed
    slots = {s.name: s for s in read_slots(path.read_bytes())}
    person = slots[PERSON_FIELD]
    # the renderer's empty field is where the signed appearance went
    assert read_slots(original)[0].box == person.box
    # ... between the signer's title and name, as drawn by the report layout
    words = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(person.page + 1), "-l", str(person.page + 1), str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    height = float(PdfReader(str(path)).pages[person.page].mediabox.height)

    def word_y(word):  # pdftotext: yMin/yMax from the top
        import re

        m = re.search(rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}<', words)
        return height - float(m.group(2)), height - float(m.group(1))

    title_bottom, _ = word_y("TỊCH")
    _, name_top = word_y("Thắm")
    assert name_top <= person.box[1] + 1 and person.box[3] <= title_bottom + 1

    # Every pixel the signatures changed lies in the person's or the organisation's box.
    before_pdf = tmp_path / "before.pdf"
    before_pdf.write_bytes(original)
    before = _page_png(before_pdf, person.page, tmp_path / "before")
    after = _page_png(path, person.page, tmp_path / "after")
    diff_box = ImageChops.difference(before, after).getbbox()
    assert diff_box is not None, "no signature appearance drawn"
    boxes = [_to_pixels(slots[n].box, height) for n in (PERSON_FIELD, ORGANISATION_FIELD)]
    union = (min(b[0] for b in boxes), min(b[1] for b in boxes),
             max(b[2] for b in boxes), max(b[3] for b in boxes))  # fmt: skip
    assert union[0] - 2 <= diff_box[0] and diff_box[2] <= union[2] + 2
    assert union[1] - 2 <= diff_box[1] and diff_box[3] <= union[3] + 2
    # the seal sits over the left third of the person's signature space
    org = slots[ORGANISATION_FIELD].box
    centre = (org[0] + org[2]) / 2
    third = person.box[0] + (person.box[2] - person.box[0]) / 6
    assert abs(centre - third) < 1
    after.save(tmp_path / "signed-page.png")


def test_attachments_signed_at_top_right_of_each_appendix(report_pdfs, office, tmp_path):
    from pypdf import PdfReader

    pdf = report_pdfs["package"].read_bytes()
    free = free_attachments(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(free) == 2  # 06b and 05a
    signer = load_p12(office.p12, PASSWORD)
    for _ in free:
        pdf = sign_pdf(pdf, signer, SignRequest("attachment", number="Số: 125/BC-UBND"), WHEN)
    assert free_attachments(pdf) == []
    out = tmp_path / "bo-in.pdf"
    out.write_bytes(pdf)
    before = tmp_path / "bo-in-chua-ky.pdf"
    before.write_bytes(report_pdfs["package"].read_bytes())
    for slot in free:
        page = reader.pages[slot.page]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        x1, y1, x2, y2 = slot.box
        assert x2 > width * 0.8 and y1 > height * 0.9  # top right corner of the page
        # the appendix's first page: the page before it belongs to another document
        a = _page_png(before, slot.page, tmp_path / f"a{slot.page}")
        b = _page_png(out, slot.page, tmp_path / f"b{slot.page}")
        diff = ImageChops.difference(a, b).getbbox()
        px = _to_pixels(slot.box, height)
        assert diff is not None
        assert px[0] - 2 <= diff[0] and diff[2] <= px[2] + 2 and diff[3] <= px[3] + 2
    with pytest.raises(SignerError, match="không còn ô ký phụ lục"):
        sign_pdf(pdf, signer, SignRequest("attachment"), WHEN)


def test_organisation_before_person_is_refused(report_pdfs, office, images):
    pdf = report_pdfs["report"].read_bytes()
    seal = images["seal"].read_bytes()
    with pytest.raises(SignerError, match="Người có thẩm quyền ký trước"):
        sign_pdf(pdf, load_p12(office.p12, PASSWORD), SignRequest("organisation", seal_png=seal))


def test_wrong_password_is_explained(director):
    with pytest.raises(SignerError, match="sai mật khẩu"):
        load_p12(director.p12, "sai")


APPROVED = Path(__file__).parent / "approved"
FIXED = datetime(2023, 11, 21, 9, 30, 5, tzinfo=VIETNAM_TIME)


def _approved(image: Image.Image, name: str, tmp_path) -> None:
    """Compare with the approved PNG (small tolerance); on failure keep new and diff."""
    path = APPROVED / name
    if not path.exists():
        APPROVED.mkdir(exist_ok=True)
        image.save(path)
        pytest.fail(f"approved image {path} created: look at it and commit it")
    approved = Image.open(path).convert("RGB")
    assert approved.size == image.size
    diff = ImageChops.difference(approved, image).convert("L")
    changed = sum(diff.point(lambda v: 1 if v > 60 else 0).histogram()[1:])
    if changed > image.size[0] * image.size[1] * 0.002:
        image.save(tmp_path / f"new-{name}")
        diff.point(lambda v: 255 if v > 60 else 0).save(tmp_path / f"diff-{name}")
        pytest.fail(f"{changed} pixels differ from {path}; see {tmp_path}")


def test_signed_pages_match_the_approved_images(report_pdfs, director, office, images, tmp_path):
    sig = images["signature"].read_bytes()
    seal = images["seal"].read_bytes()
    pdf = report_pdfs["package"].read_bytes()
    pdf = sign_pdf(
        pdf, load_p12(director.p12, PASSWORD), SignRequest("person", signature_png=sig), FIXED
    )
    org = load_p12(office.p12, PASSWORD)
    pdf = sign_pdf(pdf, org, SignRequest("organisation", seal_png=seal), FIXED)
    for _ in free_attachments(pdf):
        pdf = sign_pdf(pdf, org, SignRequest("attachment", number="Số: 125/BC-UBND"), FIXED)
    path = tmp_path / "bo-in-da-ky.pdf"
    path.write_bytes(pdf)
    person = next(s for s in read_slots(pdf) if s.name == PERSON_FIELD)
    first_appendix = min(s.page for s in read_slots(pdf) if s.role == "attachment")
    _approved(_page_png(path, person.page, tmp_path / "p"), "report-signature-page.png", tmp_path)
    _approved(_page_png(path, first_appendix, tmp_path / "a"), "appendix-first-page.png", tmp_path)


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_another_reader_sees_both_signatures_valid(signed):
    """poppler (the engine of common Linux PDF readers) reads the same two signatures."""
    _original, path = signed
    text = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert text.count("Signature Validation: Signature is Valid.") == 2
    assert "Signer Certificate Common Name: Nguyễn Văn An" in text
    assert "Total document signed" in text  # the last signature covers the whole file
