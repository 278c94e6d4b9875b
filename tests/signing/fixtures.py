"""Fixtures of the signing tests (a test PKI, images, rendered reports); shared with tests/ui."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.signing.pki import Issued, Pki, make_ca


@pytest.fixture(scope="session")
def pki(tmp_path_factory) -> Pki:
    return make_ca(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def director(pki, tmp_path_factory) -> Issued:
    return pki.issue(
        tmp_path_factory.mktemp("director"), "Nguyễn Văn An", "UBND huyện Trà Cú", "director"
    )


@pytest.fixture(scope="session")
def office(pki, tmp_path_factory) -> Issued:
    return pki.issue(
        tmp_path_factory.mktemp("office"), "UBND huyện Trà Cú", "UBND huyện Trà Cú", "office"
    )


def _signature_png(path: Path) -> Path:
    img = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.line(
        [(40, 180), (160, 60), (260, 170), (380, 50), (560, 150)], fill=(20, 40, 160, 255), width=9
    )
    img.save(path)
    return path


def _seal_png(path: Path) -> Path:
    img = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([8, 8, 392, 392], outline=(220, 0, 0, 255), width=14)
    d.ellipse([70, 70, 330, 330], outline=(220, 0, 0, 255), width=8)
    d.regular_polygon((200, 200, 60), 5, fill=(220, 0, 0, 255))
    img.save(path, dpi=(282, 282))  # 400 px at 282 dpi: 36 mm, the seal's real size
    return path


@pytest.fixture(scope="session")
def images(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("images")
    return {
        "signature": _signature_png(folder / "chu-ky.png"),
        "seal": _seal_png(folder / "dau.png"),
    }


@pytest.fixture(scope="session")
def report_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The demo database's report and print package (rendered once)."""
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.demo import create_demo
    from tracu_desktop.export.report_export import export_report

    folder = tmp_path_factory.mktemp("reports")
    db_path = folder / "demo.sqlite3"
    db = open_database(db_path)
    create_demo(db)
    out = {
        "report": export_report(db, "2023", "pdf", folder / "report.pdf"),
        "package": export_report(db, "2023", "package", folder / "package.pdf"),
    }
    db.close()
    out["db"] = db_path
    return out


def have_softhsm() -> bool:
    return shutil.which("softhsm2-util") is not None and Path(SOFTHSM_LIB).is_file()


SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
