"""The exchange package sent upward: a zip with figures, metadata, documents and a manifest.

``manifest.json`` lists every other member with its SHA-256; a package whose members
differ from the manifest (altered, added, removed) is refused. Reading checks the
package's size and every member's unpacked size from the zip directory first, then
hashes members in chunks (enforcing the sizes while reading), keeping only the
metadata and the figures in memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

PACKAGE_KIND = "tracu-desktop-package"
PACKAGE_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"  # optional detached CMS signature of the manifest
METADATA = "metadata.json"
FIGURES = "figures.csv"
PACKAGE_SUFFIX = ".tracu.zip"


class PackageError(ValueError):
    """The package cannot be used; the message (Vietnamese) says why."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_package(
    members: Mapping[str, bytes], sign: Callable[[bytes], bytes] | None = None
) -> bytes:
    """Zip ``members`` plus a manifest of their checksums (signed by ``sign`` if given)."""
    manifest = {
        "kind": PACKAGE_KIND,
        "version": PACKAGE_VERSION,
        "files": {name: sha256(data) for name, data in sorted(members.items())},
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        zf.writestr(MANIFEST, manifest_bytes)
        if sign is not None:
            zf.writestr(SIGNATURE, sign(manifest_bytes))
        for name, data in sorted(members.items()):
            zf.writestr(name, data)
    return buf.getvalue()


@dataclass(frozen=True)
class Package:
    metadata: dict
    figures_csv: str
    members: tuple[str, ...]
    manifest: bytes = b""
    signature: bytes | None = None  # the manifest's detached CMS signature, if signed


MAX_PACKAGE_BYTES = 50 * 1024 * 1024  # the package file itself
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all members together, unpacked
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 50 * 1024 * 1024  # one document, unpacked
MAX_JSON_BYTES = 1024 * 1024  # manifest.json, metadata.json
MAX_FIGURES_BYTES = 50 * 1024 * 1024  # figures.csv, as for ``values import``
_CHUNK = 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def is_package_file(path: Path) -> bool:
    """A zip holding the package's manifest, whatever the file is called."""
    try:
        with open(path, "rb") as fh:
            if fh.read(2) != b"PK":
                return False
        with zipfile.ZipFile(path) as zf:
            return MANIFEST in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_package_file(path: Path | str) -> Package:
    """Open and verify a package file without loading it whole."""
    p = Path(path)
    label = f"Gói số liệu {p.name}"
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise PackageError(f"Không tìm thấy tệp {p}.") from None
    except OSError as exc:
        raise PackageError(f"Không đọc được tệp {p.name}: {exc.strerror}.") from None
    if size > MAX_PACKAGE_BYTES:
        raise PackageError(
            f"{label} quá lớn ({_mb(size)}; tối đa {_mb(MAX_PACKAGE_BYTES)}): gói chỉ gồm số "
            "liệu và vài biểu mẫu, không thể lớn như vậy. Không nhập gói này."
        )
    try:
        with open(p, "rb") as fh:
            return _read(fh, label)
    except OSError as exc:
        raise PackageError(f"Không đọc được tệp {p.name}: {exc.strerror}.") from None


def read_package(data: bytes, name: str = "") -> Package:
    """Open and verify a package given as bytes; raises :class:`PackageError`."""
    label = f"Gói số liệu {name}".strip()
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError(f"{label} quá lớn (tối đa {_mb(MAX_PACKAGE_BYTES)}).")
    return _read(io.BytesIO(data), label)


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, cap: int, keep: bool):
    """(SHA-256, content or None) of one member, read in chunks; never more than the
    size the zip directory declares, nor than ``cap``."""
    h = hashlib.sha256()
    parts: list[bytes] = []
    read = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                read += len(chunk)
                if read > min(info.file_size, cap):
                    raise PackageError(
                        f"{label}: tệp {info.filename} lớn hơn khai báo trong gói (gói bị sửa)."
                    )
                h.update(chunk)
                if keep:
                    parts.append(chunk)
    except NotImplementedError:
        raise PackageError(
            f"{label}: tệp {info.filename} dùng kiểu nén không được hỗ trợ "
            f"(mã {info.compress_type})."
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return None, None
    return h.hexdigest(), (b"".join(parts) if keep else None)


def _json(data: bytes | None, label: str, member: str) -> dict:
    try:
        value = json.loads((data or b"").decode("utf-8"))
    except UnicodeDecodeError:
        raise PackageError(f"{label}: {member} không phải văn bản UTF-8 (tệp bị hỏng).") from None
    except json.JSONDecodeError as exc:
        raise PackageError(
            f"{label}: {member} bị hỏng (không đúng định dạng JSON ở dòng {exc.lineno}, "
            f"cột {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(value, dict):
        raise PackageError(f"{label}: {member} bị hỏng (không phải một bảng thông tin JSON).")
    return value


def _read(fh: BinaryIO, label: str) -> Package:
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, ValueError):
        raise PackageError(f"{label} bị hỏng (không giải nén được).") from None
    with zf:
        infolist = zf.infolist()
        infos = {i.filename: i for i in infolist}
        if MANIFEST not in infos:
            raise PackageError(
                f"{label} không có bảng kê (manifest.json): đây không phải gói số liệu do "
                "chương trình lập, hoặc gói đã bị giải nén rồi nén lại. Hãy đề nghị đơn vị gửi lại."
            )
        if len(infolist) > MAX_MEMBERS:
            raise PackageError(f"{label} có quá nhiều tệp ({len(infolist)}; tối đa {MAX_MEMBERS}).")
        if sum(i.file_size for i in infolist) > MAX_UNPACKED_BYTES:
            raise PackageError(
                f"{label} có nội dung giải nén quá lớn (hơn {_mb(MAX_UNPACKED_BYTES)}), không đọc."
            )
        for info in infolist:
            cap = _cap(info.filename)
            if info.file_size > cap or ".." in info.filename.split("/"):
                raise PackageError(
                    f"{label} chứa tệp không hợp lệ: {info.filename} "
                    f"({_mb(info.file_size)} khi giải nén, tối đa {_mb(cap)})."
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise PackageError(
                    f"{label}: tệp {info.filename} dùng kiểu nén không được hỗ trợ "
                    f"(mã {info.compress_type}). Hãy đề nghị đơn vị lập lại gói bằng chương trình."
                )
        _digest, raw = _member(zf, infos[MANIFEST], label, MAX_JSON_BYTES, keep=True)
        manifest_bytes = raw or b""
        signature = None
        if SIGNATURE in infos:
            _digest, signature = _member(zf, infos[SIGNATURE], label, MAX_JSON_BYTES, keep=True)
        manifest = _json(manifest_bytes, label, MANIFEST)
        files = manifest.get("files")
        if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
            raise PackageError(f"{label}: bảng kê bị hỏng (thiếu danh sách tệp).")
        listed: dict[str, str] = dict(files)
        if manifest.get("kind") != PACKAGE_KIND:
            raise PackageError(f"{label} không phải gói số liệu của chương trình.")
        present = set(infos) - {MANIFEST, SIGNATURE}
        extra = sorted(present - set(listed))
        missing = sorted(set(listed) - present)
        altered = []
        contents: dict[str, bytes] = {}
        for member in sorted(present & set(listed)):
            keep = member in (METADATA, FIGURES)
            digest, content = _member(zf, infos[member], label, _cap(member), keep)
            if digest is None or digest != listed[member]:
                altered.append(member)
            if content is not None:
                contents[member] = content
    if altered or extra or missing:
        parts = []
        if altered:
            parts.append("tệp bị sửa: " + ", ".join(altered))
        if extra:
            parts.append("tệp lạ được thêm: " + ", ".join(extra))
        if missing:
            parts.append("thiếu tệp: " + ", ".join(missing))
        raise PackageError(
            f"{label} đã bị thay đổi sau khi lập ({'; '.join(parts)}). Không nhập gói này; "
            "hãy đề nghị đơn vị gửi lại."
        )
    if METADATA not in contents or FIGURES not in contents:
        raise PackageError(f"{label} thiếu {METADATA} hoặc {FIGURES}.")
    metadata = _json(contents[METADATA], label, METADATA)
    try:
        figures = contents[FIGURES].decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackageError(
            f"{label}: {FIGURES} không phải văn bản UTF-8 (byte lạ ở vị trí {exc.start})."
        ) from None
    return Package(metadata, figures, tuple(sorted(listed)), manifest_bytes, signature)


def _cap(member: str) -> int:
    if member in (MANIFEST, METADATA):
        return MAX_JSON_BYTES
    if member == FIGURES:
        return MAX_FIGURES_BYTES
    return MAX_MEMBER_BYTES
