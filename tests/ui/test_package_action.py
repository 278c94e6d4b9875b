import zipfile

from PySide6.QtWidgets import QFileDialog


def test_save_package_writes_zip_with_manifest(ctx, qtbot, messages, monkeypatch, tmp_path):
    from tracu_desktop.ui.package_action import save_package

    target = tmp_path / "out" / "TraCu_2023.tracu.zip"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    op = save_package(ctx, None)
    qtbot.waitUntil(lambda: not op.running, timeout=60000)  # written on a worker
    assert op.result.path == target
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
    assert "manifest.json" in names and "figures.csv" in names
    kind, text = messages[-1]
    assert kind == "question" and "Đã lưu gói số liệu" in text and "giá trị" in text
    assert "Ký số gói số liệu" in text  # offered, declined here


def test_save_package_cancelled_writes_nothing(ctx, messages, monkeypatch, tmp_path):
    from tracu_desktop.ui.package_action import save_package

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert save_package(ctx, None) is None
    assert messages == []
