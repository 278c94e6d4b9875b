"""Whether a database file lies on a network file system, where SQLite must not write.

SQLite's WAL mode needs shared memory that network file systems do not provide, and
their file locks are unreliable: two offices writing one file on a share can corrupt
it. Windows: UNC paths (``\\\\server\\share``) and mapped network drives; Linux and
macOS: NFS, SMB/CIFS and similar mounts, read from ``/proc/mounts``. The mount table,
the drive-type query and the OS name can be injected for tests.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs", "9p",
     "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "fuse.rclone", "lustre", "gpfs"}
)  # fmt: skip
DRIVE_REMOTE = 4  # GetDriveTypeW


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _unescape(field: str) -> str:
    """Mount points in /proc/mounts escape space, tab, newline and backslash as octal."""
    for code, ch in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, ch)
    return field


def _mount_of(path: str, mounts: str) -> tuple[str, str, str] | None:
    """(mount point, file system type, source) of the mount holding ``path``."""
    best: tuple[str, str, str] | None = None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        source, point, fstype = parts[0], _unescape(parts[1]), parts[2]
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fstype, source)
    return best


def network_location(
    path: Path | str,
    *,
    os_name: str | None = None,
    mounts: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """A Vietnamese description of the network place holding ``path``, or ``None``."""
    name = os_name or os.name
    text = os.fspath(path)
    if name == "nt":
        win = text.replace("/", "\\")
        if win.upper().startswith("\\\\?\\UNC\\"):
            return f"thư mục dùng chung trên mạng ({win})"
        if win.startswith("\\\\") and not win.startswith(("\\\\?\\", "\\\\.\\")):
            return f"thư mục dùng chung trên mạng ({win})"
        drive = win.removeprefix("\\\\?\\")[:2]
        if len(drive) == 2 and drive[1] == ":" and drive[0].isalpha():
            query = drive_type or _windows_drive_type
            try:
                remote = query(drive.upper() + "\\") == DRIVE_REMOTE
            except OSError:
                remote = False
            if remote:
                return f"ổ đĩa mạng {drive.upper()}"
        return None
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    real = os.path.realpath(os.path.abspath(text))
    hit = _mount_of(real, mounts)
    if hit is not None and hit[1].lower() in NETWORK_FS:
        point, fstype, source = hit
        return f"ổ mạng {fstype.upper()} {source} (gắn tại {point})"
    return None


def network_refusal(db_path: Path | str, where: str) -> str:
    return (
        f"Tệp dữ liệu {db_path} nằm trên {where}. Cơ sở dữ liệu không ghi an toàn qua mạng "
        "(khóa tệp trên mạng không tin cậy, hai máy cùng ghi có thể làm hỏng số liệu), nên "
        "chương trình không mở tệp này để ghi. Hãy chép tệp về ổ đĩa của máy này rồi mở bản "
        "chép; để chuyển số liệu giữa các máy, dùng gói số liệu (lệnh package, rồi import ở "
        "máy nhận)."
    )
