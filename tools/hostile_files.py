"""Files built to sit just under the readers' limits: small zipped, big unpacked.

Used by the memory-bounded tests and by ``bench/bench_hostile.py``; also runnable as
``python -m tools.hostile_files peak KIND FILE`` to read a file in a fresh process and
print that process's peak resident memory (MB), so a test can measure it alone.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _content_types() -> str:
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SML}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SML}.sharedStrings+xml"/>'
        "</Types>"
    )


def _strings_xml(count: int, length: int) -> bytes:
    pad = "x" * max(0, length - 3)
    body = "".join(f"<si><t>{i % 300:03d}{pad}</t></si>" for i in range(count))
    return f'<sst {_NS} count="{count}" uniqueCount="{count}">{body}</sst>'.encode()


def _sheet_chunks(rows: int, cols: int, strings: int, padding_bytes: int):
    """The sheet XML in pieces; ``padding_bytes`` go into ignored attributes (under 1 MB
    each) so the part unpacks big without breaking any per-token limit."""
    from tracu_desktop.interchange.sheet_reader import column_letter

    yield f'<?xml version="1.0"?><worksheet {_NS}><sheetData>'.encode()
    letters = [column_letter(c) for c in range(1, cols + 1)]  # one per column
    pad_row = 900 * 1024
    pads = padding_bytes // pad_row
    for r in range(1, rows + 1):
        extra = ""
        if pads and r % max(1, rows // pads) == 0:
            extra = f' x="{"A" * pad_row}"'
            pads -= 1
        # Positions implied by order (no r="A1"): the same cost to read, smaller zipped.
        cells = [f'<c t="s"><v>{c % max(strings, 1)}</v></c>' for c in range(len(letters))]
        yield f'<row r="{r}"{extra}>{"".join(cells)}</row>'.encode()
    while pads > 0:  # padding left over: empty rows inside the row limit
        yield f'<row r="{rows}" x="{"A" * pad_row}"/>'.encode()
        pads -= 1
    yield b"</sheetData></worksheet>"


def build_workbook(
    path: Path,
    *,
    rows: int = 5000,
    cols: int = 38,
    strings: int = 190_000,
    string_length: int = 50,
    padding_mb: int = 165,
) -> Path:
    """A valid .xlsx with ``rows`` × ``cols`` shared-string cells and padding."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _content_types())
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook {_NS} {_RNS}><sheets><sheet name="Bieu06" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        zf.writestr("xl/sharedStrings.xml", _strings_xml(strings, string_length))
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for chunk in _sheet_chunks(rows, cols, strings, padding_mb * 1024 * 1024):
                fh.write(chunk)
    return path


def build_package(path: Path, *, member_mb: int = 45, members: int = 4) -> Path:
    """A well-formed package (manifest checksums right) whose documents unpack big."""
    import json

    from tracu_desktop.interchange.exchange import FIGURES, METADATA, PACKAGE_KIND, PACKAGE_VERSION
    from tracu_desktop.interchange.exchange import build_package as pack

    meta = {"kind": PACKAGE_KIND, "version": PACKAGE_VERSION, "period": {"code": "2023"}}
    blob = b" " * (member_mb * 1024 * 1024)
    content = {
        METADATA: json.dumps(meta).encode(),
        FIGURES: b"period,unit,field,indicator,value\r\n",
        **{f"documents/tai_lieu_{i}.pdf": blob for i in range(members)},
    }
    path.write_bytes(pack(content))
    return path


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux: VmHWM)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read(kind: str, path: Path) -> str:
    if kind == "workbook":
        from tracu_desktop.interchange.sheet_reader import WorkbookError, read_workbook

        try:
            sheets = read_workbook(path)
        except WorkbookError as exc:
            return f"refused: {exc}"
        return f"read: {sum(len(s.rows) for s in sheets)} rows"
    from tracu_desktop.interchange.exchange import PackageError, read_package_file

    try:
        pkg = read_package_file(path)
    except PackageError as exc:
        return f"refused: {exc}"
    return f"read: {len(pkg.members)} members"


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "peak":
        outcome = _read(sys.argv[2], Path(sys.argv[3]))
        print(f"{peak_rss_mb():.1f}")
        print(outcome)
    else:
        sys.exit("usage: python -m tools.hostile_files peak workbook|package FILE")
