"""A database on a network share is refused for writing, with advice."""

from __future__ import annotations

import pytest

from tracu_desktop.cli.main import main
from tracu_desktop.db import location
from tracu_desktop.db.location import network_location
from tracu_desktop.db.lock import DatabaseLock, NetworkLocationError

MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
/dev/sdb1 /home ext4 rw,relatime 0 0
server:/export/data /mnt/so\\040lieu nfs4 rw,relatime 0 0
//nas/share /home/vp/chung cifs rw,relatime 0 0
tmpfs /home/vp/chung/tam tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/vp/tracu.sqlite3", None),
        ("/mnt/so lieu/tracu.sqlite3", "ổ mạng NFS4 server:/export/data (gắn tại /mnt/so lieu)"),
        ("/home/vp/chung/tracu.sqlite3", "ổ mạng CIFS //nas/share (gắn tại /home/vp/chung)"),
        ("/home/vp/chung/tam/tracu.sqlite3", None),  # a local mount inside the share
        ("/home/vp/chungcu/tracu.sqlite3", None),  # a prefix of the name, not of the path
    ],
)
def test_linux_mounts(path, expected):
    assert network_location(path, os_name="posix", mounts=MOUNTS) == expected


def _drive_types(remote: set[str]):
    return lambda root: 4 if root[0] in remote else 3


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\nas\chung\tracu.sqlite3", r"thư mục dùng chung trên mạng (\\nas\chung\tracu.sqlite3)"),
        ("//nas/chung/tracu.sqlite3", r"thư mục dùng chung trên mạng (\\nas\chung\tracu.sqlite3)"),
        (
            r"\\?\UNC\nas\chung\t.sqlite3",
            r"thư mục dùng chung trên mạng (\\?\UNC\nas\chung\t.sqlite3)",
        ),
        (r"Z:\tracu\tracu.sqlite3", "ổ đĩa mạng Z:"),
        (r"z:\tracu.sqlite3", "ổ đĩa mạng Z:"),
        (r"C:\Users\vp\tracu.sqlite3", None),
        (r"\\?\C:\Users\vp\tracu.sqlite3", None),
    ],
)
def test_windows_paths(path, expected):
    assert network_location(path, os_name="nt", drive_type=_drive_types({"Z"})) == expected


def test_lock_and_cli_refuse_a_network_database(demo_db_path, tmp_path, capsys, monkeypatch):
    mounts = f"/dev/sda1 / ext4 rw 0 0\n//nas/chung {demo_db_path.parent} cifs rw 0 0\n"
    real = location.network_location
    monkeypatch.setattr(
        location, "network_location", lambda p, **k: real(p, os_name="posix", mounts=mounts)
    )
    with pytest.raises(NetworkLocationError, match="không mở tệp này để ghi"):
        DatabaseLock(demo_db_path).acquire()
    code = main(["--db", str(demo_db_path), "period", "add", "2030"])
    err = capsys.readouterr().err
    assert code == 2
    assert "nằm trên ổ mạng CIFS //nas/chung" in err
    assert "Hãy chép tệp về ổ đĩa của máy này" in err and "gói số liệu" in err
    # Reading stays possible.
    assert main(["--db", str(demo_db_path), "period", "list"]) == 0
