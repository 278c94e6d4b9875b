"""The exchange package sent upward: a zip with figures, metadata, documents and a manifest.

``manifest.json`` lists every other member with its SHA-256; a package whose members
differ from the manifest (altered, added, removed) is refused. Pure: works on bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass

PACKAGE_KIND = "tracu-desktop-package"
PACKAGE_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"  # optional detached CMS signature of the manifest
METADATA = "metadata.json"
FIGURES = "figures.csv"
PACKAGE_SUFFIX = ".tracu.zip"
MAX_MEMBER_BYTES = 100 * 1024 * 1024


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


def read_package(data: bytes, name: str = "") -> Package:
    """Open and verify a package; raises :class:`PackageError` when anything is off."""
    label = f"Gói số liệu {name}".strip()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError(f"{label} bị hỏng (không giải nén được).") from None
    with zf:
        infos = {i.filename: i for i in zf.infolist()}
        if MANIFEST not in infos:
            raise PackageError(f"{label} không có bảng kê (manifest.json).")
        for info in infos.values():
            if info.file_size > MAX_MEMBER_BYTES or ".." in info.filename.split("/"):
                raise PackageError(f"{label} chứa tệp không hợp lệ: {info.filename}.")
        try:
            manifest_bytes = zf.read(MANIFEST)
            signature = zf.read(SIGNATURE) if SIGNATURE in infos else None
            manifest = json.loads(manifest_bytes.decode("utf-8"))
            listed: dict[str, str] = dict(manifest["files"])
        except (ValueError, KeyError, TypeError):
            raise PackageError(f"{label}: bảng kê bị hỏng.") from None
        if manifest.get("kind") != PACKAGE_KIND:
            raise PackageError(f"{label} không phải gói số liệu của chương trình.")
        present = set(infos) - {MANIFEST, SIGNATURE}
        extra = sorted(present - set(listed))
        missing = sorted(set(listed) - present)
        altered = []
        contents: dict[str, bytes] = {}
        for member in sorted(present & set(listed)):
            try:
                content = zf.read(member)
            except (zipfile.BadZipFile, OSError):
                altered.append(member)
                continue
            if sha256(content) != listed[member]:
                altered.append(member)
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
    try:
        metadata = json.loads(contents[METADATA].decode("utf-8"))
        figures = contents[FIGURES].decode("utf-8-sig")
    except (ValueError, UnicodeDecodeError):
        raise PackageError(f"{label}: nội dung không đọc được.") from None
    return Package(metadata, figures, tuple(sorted(listed)), manifest_bytes, signature)
