"""Packages: size caps, streamed checksums, the CSV rules for their figures, clear
messages for broken parts, recognised by content rather than by name."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.interchange.test_package import commune_db, district  # noqa: F401  (fixtures)
from tools.hostile_files import build_package
from tracu_desktop.cli.main import main
from tracu_desktop.db.values import get_values
from tracu_desktop.interchange import exchange
from tracu_desktop.interchange.csv_io import import_values_csv
from tracu_desktop.interchange.exchange import PackageError, read_package_file
from tracu_desktop.interchange.exchange import build_package as pack
from tracu_desktop.interchange.package import write_package
from tracu_desktop.interchange.workbook_import import import_files

ROOT = Path(__file__).resolve().parents[2]


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != exchange.MANIFEST}


def _repack(path: Path, *, figures: str | None = None, metadata: dict | None = None) -> Path:
    """The package rebuilt (with a correct manifest) after changing its content."""
    members = _members(path)
    if figures is not None:
        members[exchange.FIGURES] = figures.encode("utf-8")
    if metadata is not None:
        members[exchange.METADATA] = json.dumps(metadata, ensure_ascii=False).encode("utf-8")
    path.write_bytes(pack(members))
    return path


@pytest.fixture
def package(commune_db, tmp_path) -> Path:  # noqa: F811
    return write_package(commune_db, "2023", tmp_path / "xa.tracu.zip").path


def _problems(db, path: Path) -> str:
    before = get_values(db, "2023")
    plan, done = import_files(db, [path])
    assert not plan.ok and done == [] and get_values(db, "2023") == before
    return "\n".join(str(p) for p in plan.problems)


def _first_figure_line(path: Path) -> tuple[list[str], int]:
    lines = _members(path)[exchange.FIGURES].decode("utf-8-sig").splitlines()
    row = next(i for i, line in enumerate(lines) if ",X_HO_TICH," in line or ",HT," in line)
    return lines, row


# --- item 2: caps and streamed hashing ------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM")
def test_big_members_are_hashed_in_bounded_memory(tmp_path):
    f = build_package(tmp_path / "to.tracu.zip", member_mb=40, members=3)
    assert f.stat().st_size < 1024 * 1024
    proc = subprocess.run(
        [sys.executable, "-m", "tools.hostile_files", "peak", "package", str(f)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    peak, outcome = proc.stdout.splitlines()[:2]
    assert outcome == "read: 5 members"
    assert float(peak) < 80, f"peak {peak} MB"


def test_package_over_the_size_cap(package, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_PACKAGE_BYTES", 1000)
    with pytest.raises(PackageError, match="quá lớn .* tối đa 0 MB"):
        read_package_file(package)


def test_member_over_its_cap_is_refused_before_reading(package, monkeypatch):
    members = _members(package)
    members["documents/06b.pdf"] = b"%PDF" + b"0" * 3_000_000
    package.write_bytes(pack(members))

    def never(*_a, **_k):
        raise AssertionError("a member over its cap must not be read")

    monkeypatch.setattr(exchange, "MAX_MEMBER_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(exchange, "_member", never)
    with pytest.raises(PackageError, match="documents/06b.pdf .3 MB khi giải nén, tối đa 2 MB"):
        read_package_file(package)


def test_member_larger_than_declared_is_refused(package):
    """A directory that understates a member's size must not let more be read."""
    data = bytearray(package.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(exchange.FIGURES)
    # Patch the uncompressed size in the central directory entry of figures.csv.
    name = exchange.FIGURES.encode()
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[at + 24 : at + 28] = (info.file_size // 2).to_bytes(4, "little")
    package.write_bytes(bytes(data))
    with pytest.raises(PackageError):
        read_package_file(package)


# --- item 7: the same rules and messages as values import -----------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("-5", "Số âm (“-5”) không hợp lệ"),
        ("", "Giá trị trống: ghi 0 nếu số liệu bằng không."),
        ("1_000", "“1_000” không phải là số nguyên hợp lệ"),
        (str(10**15), "quá lớn (tối đa 1.000.000.000.000)"),
        ('"12,5"', "không phải là số nguyên"),
    ],
)
def test_package_figures_follow_the_csv_rules(district, package, tmp_path, value, words):  # noqa: F811
    lines, i = _first_figure_line(package)
    cells = lines[i].split(",")
    cells[-1] = value
    lines[i] = ",".join(cells)
    text = _problems(district, _repack(package, figures="\n".join(lines) + "\n"))
    expected = f"Dòng {i + 1}, cột value: "
    assert f"xa.tracu.zip (figures.csv): {expected}" in text and words in text
    # The same row in a CSV for ``values import`` gives the same message.
    csv = tmp_path / "cung_dong.csv"
    csv.write_text(f"{lines[0]}\n{lines[i]}\n", encoding="utf-8")
    outcome = import_values_csv(district, csv, dry_run=True)
    value_errors = [e.message for e in outcome.errors if e.column == "value"]
    assert value_errors == [text.split("cột value: ", 1)[1]]


def test_grouped_thousands_are_read_as_in_csv(district, package):  # noqa: F811
    lines, i = _first_figure_line(package)
    cells = lines[i].split(",")
    field, indicator = cells[2], cells[3]
    cells[-1] = '"1.234"'
    lines[i] = ",".join(cells)
    plan, _ = import_files(district, [_repack(package, figures="\n".join(lines) + "\n")])
    assert plan.ok, [str(p) for p in plan.problems]
    assert field == "HT"
    assert any(c.new == 1234 and c.key.indicator == indicator for c in plan.changes)


def test_period_column_is_checked(district, package):  # noqa: F811
    lines, i = _first_figure_line(package)
    lines[i] = "2024" + lines[i][4:]
    text = _problems(district, _repack(package, figures="\n".join(lines) + "\n"))
    assert f"Dòng {i + 1}, cột period: Kỳ 2024 khác kỳ của gói (2023)." in text


def test_package_without_a_period_is_refused(district, package):  # noqa: F811
    meta = json.loads(_members(package)[exchange.METADATA])
    del meta["period"]
    text = _problems(district, _repack(package, metadata=meta))
    assert "không ghi kỳ báo cáo (metadata.json thiếu period.code)" in text


def test_sum_past_the_limit_is_a_message(district, package):  # noqa: F811
    """Two rows of one field and indicator (two units of the sender) add up too much."""
    lines, i = _first_figure_line(package)
    cells = lines[i].split(",")
    cells[-1] = str(10**12)
    other = list(cells)
    other[1] = "UBND_KHAC"
    lines[i] = ",".join(cells)
    lines.insert(i + 1, ",".join(other))
    text = _problems(district, _repack(package, figures="\n".join(lines) + "\n"))
    assert "quá lớn (2.000.000.000.000; tối đa 1.000.000.000.000)" in text


# --- item 8: what actually happened ---------------------------------------------------


def test_malformed_metadata_names_the_part_and_place(district, package):  # noqa: F811
    members = _members(package)
    members[exchange.METADATA] = b'{"kind": "tracu-desktop-package",\n "period": {"code": 2023'
    package.write_bytes(pack(members))
    text = _problems(district, package)
    assert "metadata.json bị hỏng (không đúng định dạng JSON ở dòng 2" in text


def test_metadata_of_the_wrong_shape(district, package):  # noqa: F811
    members = _members(package)
    members[exchange.METADATA] = b"[1, 2, 3]"
    package.write_bytes(pack(members))
    assert "metadata.json bị hỏng (không phải một bảng thông tin JSON)" in _problems(
        district, package
    )


def test_zip_without_a_manifest_is_called_so(district, package, tmp_path):  # noqa: F811
    bare = tmp_path / "goi.zip"
    with zipfile.ZipFile(bare, "w") as zf:
        for name, data in _members(package).items():
            zf.writestr(name, data)
    text = _problems(district, bare)
    assert "Gói số liệu goi.zip không có bảng kê (manifest.json)" in text
    assert "Excel" not in text


def test_package_recognised_by_content_not_name(commune_db, district, tmp_path, capsys):  # noqa: F811
    db_path = str(commune_db.path)
    assert main(["--db", db_path, "package", "--period", "2023", "-o", str(tmp_path / "up.pkg"),
                 "--no-documents"]) == 0  # fmt: skip
    district_path = str(district.path)
    district.close()
    assert main(["--db", district_path, "import", str(tmp_path / "up.pkg")]) == 0, (
        capsys.readouterr().err
    )


def test_unsupported_compression_in_a_package(district, package):  # noqa: F811
    members = _members(package)
    with zipfile.ZipFile(package) as zf:
        manifest = zf.read(exchange.MANIFEST)
    with zipfile.ZipFile(package, "w") as zf:
        zf.writestr(exchange.MANIFEST, manifest)
        for name, data in members.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_BZIP2)
    assert "dùng kiểu nén không được hỗ trợ (mã 12)" in _problems(district, package)
