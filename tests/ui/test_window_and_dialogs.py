"""Main window, period dialogs, settings, completeness, first start."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QInputDialog

from tracu_desktop import __version__
from tracu_desktop.db.catalog import get_organisation, load_fields, load_units
from tracu_desktop.db.periods import get_period
from tracu_desktop.db.values import get_values


def test_navigation_lists_report_sections_and_hooks_are_disabled(window):
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels[:1] == ["Thông tin chung"]
    for expected in (
        "6. Giải quyết TTHC",
        "5. Phản ánh, kiến nghị",
        "Báo cáo",
        "Biểu mẫu",
        "Tiến độ gửi báo cáo",
        "Tổng quan",
    ):
        assert expected in labels
    # Pages are created lazily: only the one shown exists.
    assert set(window.pages) == {"f06"}
    assert "demo.sqlite3" in window.db_label.text()
    assert "Năm 2023" in window.state_label.text()


def test_about_shows_version(window, messages):
    window.act_about.trigger()
    assert messages[-1][0] == "about" and __version__ in messages[-1][1]


def test_every_page_opens(window):
    for key in ("general", "s1", "s2", "s3", "s4", "f05a", "s8", "report", "forms", "completeness"):
        assert window.show_page(key) is window.stack.currentWidget()
    report = window.pages["report"]
    assert report.labels["received_total"].text() == "22.278"
    assert report.labels["online_rate"].text() == "69,85%"


def test_new_period_with_default_dates_and_edit(window, ctx, monkeypatch):
    from tracu_desktop.ui.period_dialog import PeriodDialog

    dlg = PeriodDialog(ctx, None, window)
    dlg.year.setValue(2024)
    dlg.kind.setCurrentIndex(dlg.kind.findData("quarter"))
    dlg.index.setValue(2)
    assert dlg.code() == "2024-Q2"
    assert dlg.preview.text() == "Quý II năm 2024"
    dlg.accept()
    p = get_period(ctx.db, "2024-Q2")
    assert (p.start, p.end) == (date(2024, 3, 15), date(2024, 6, 14))

    edit = PeriodDialog(ctx, p, window)
    edit.end.setDate(edit.end.date().addDays(6))
    edit.accept()
    assert get_period(ctx.db, "2024-Q2").end == date(2024, 6, 20)
    assert "20/06/2024" in edit.preview.text()


def test_new_period_action_selects_it(window, ctx, monkeypatch):
    from tracu_desktop.ui import period_dialog

    def fake_exec(self):
        self.year.setValue(2024)
        self.kind.setCurrentIndex(self.kind.findData("half"))
        self.accept()
        return QDialog.Accepted

    monkeypatch.setattr(period_dialog.PeriodDialog, "exec", fake_exec)
    window.act_new_period.trigger()
    assert ctx.period == "2024-H1"
    assert window.period_box.currentText() == "6 tháng đầu năm 2024"


def test_unlock_requires_reason(window, ctx, monkeypatch, messages):
    from tracu_desktop.ui.period_dialog import ReasonDialog

    dlg = ReasonDialog("Mở khóa", "Lý do:", True, window)
    dlg.accept()
    assert dlg.result() != QDialog.Accepted
    assert messages[-1][1] == "Cần nêu lý do."


def test_settings_rename_and_deactivate_keep_history(window, ctx, monkeypatch):
    page = window.show_page("general")
    page.org_edits["signer_name"].setText("Nguyễn Văn A")
    page.save_org()
    assert get_organisation(ctx.db).signer_name == "Nguyễn Văn A"

    row = next(i for i, u in enumerate(page._units) if u.code == "XA_KIM_SON")
    page.units_table.setCurrentCell(row, 1)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Xã Kim Sơn Mới", True))
    )
    page.rename_unit()
    assert {u.code: u.name for u in load_units(ctx.db)}["XA_KIM_SON"] == "Xã Kim Sơn Mới"
    row = next(i for i, u in enumerate(page._units) if u.code == "XA_KIM_SON")
    page.units_table.setCurrentCell(row, 1)
    page.toggle_unit()
    assert not {u.code: u.active for u in load_units(ctx.db)}["XA_KIM_SON"]
    assert get_values(ctx.db, "2023", "XA_KIM_SON")  # figures kept
    grid = window.show_page("f06")
    assert "XA_KIM_SON" not in grid.tree.units  # hidden from entry

    fields = load_fields(ctx.db)
    frow = next(i for i, f in enumerate(page._fields) if f.code == fields[0].code)
    page.fields_table.setCurrentCell(frow, 1)
    page.toggle_field()
    assert not next(f for f in load_fields(ctx.db) if f.code == fields[0].code).active


def test_completeness_page_lists_units(window, ctx):
    page = window.show_page("completeness")
    names = [page.table.item(i, 0).text() for i in range(page.table.rowCount())]
    assert "Thị trấn Trà Cú" in names and "Phòng Tư pháp" in names
    i = names.index("Phòng Y tế")
    assert page.table.item(i, 1).text() == "Chưa có số liệu"
    assert page.table.item(i, 5).text() == "Chưa gửi"
    assert page.table.item(i, 4).text() == "16/11/2023"


def test_window_state_and_last_period_remembered(ctx, qtbot, messages, tmp_path):
    from tracu_desktop.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show_page("completeness")
    win.period_box.setCurrentIndex(win.period_box.findData("2022"))
    win.close()
    assert ctx.settings.value("last_period") == "2022"
    ctx.period = None
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert ctx.period == "2022"
    assert again.stack.currentWidget() is again.pages["completeness"]
    again.validation._timer.stop()


def test_first_start_demo_and_wizard(tmp_path, qapp, monkeypatch):
    from tracu_desktop.db.aggregate import key_figures
    from tracu_desktop.ui import first_run
    from tracu_desktop.ui.app import prepare_database

    def choose(choice):
        def _exec(self):
            self._pick(choice)
            return QDialog.Accepted

        return _exec

    monkeypatch.setattr(first_run.FirstRunDialog, "exec", choose(first_run.DEMO))
    db = prepare_database(tmp_path / "a.sqlite3")
    assert key_figures(db, "2023")["received_total"] == 22278
    db.close()

    def wizard_exec(self):
        self.level.setCurrentIndex(self.level.findData("district"))
        self.name.setText("Ủy ban nhân dân huyện Cầu Ngang")
        self.place.setText("Cầu Ngang")
        self.signer.setText("Trần Thị B")
        self.accept()
        return QDialog.Accepted

    monkeypatch.setattr(first_run.FirstRunDialog, "exec", choose(first_run.NEW))
    monkeypatch.setattr(first_run.NewOrganisationDialog, "exec", wizard_exec)
    db = prepare_database(tmp_path / "b.sqlite3")
    org = get_organisation(db)
    assert (org.name, org.place, org.signer_name) == (
        "Ủy ban nhân dân huyện Cầu Ngang",
        "Cầu Ngang",
        "Trần Thị B",
    )
    assert org.header_lower == "HUYỆN CẦU NGANG"
    assert [u.name for u in load_units(db)] == [
        "Ủy ban nhân dân huyện Cầu Ngang",
        "Cấp huyện (số liệu chung)",
    ]
    assert get_period(db, str(date.today().year)) is not None
    db.close()


def test_menu_actions_open_their_dialogs(ctx, qtbot, messages, monkeypatch):
    """Each menu action imports its dialog module on first use and calls its entry point."""
    import importlib.machinery
    import sys
    import types

    from PySide6.QtWidgets import QWidget

    from tracu_desktop.ui.main_window import MainWindow

    calls: list[str] = []

    def fake(name: str, **attrs) -> None:
        mod = types.ModuleType(name)
        mod.__spec__ = importlib.machinery.ModuleSpec(name, None)
        mod.__dict__.update(attrs)
        monkeypatch.setitem(sys.modules, name, mod)

    class ExportDialog:
        def __init__(self, c, parent):
            assert c is ctx and isinstance(parent, MainWindow)

        def exec(self):
            calls.append("export")

    class DashboardPage(QWidget):
        def __init__(self, c, parent=None):
            super().__init__(parent)
            calls.append("dashboard")

    fake("tracu_desktop.ui.export_dialog", ExportDialog=ExportDialog)
    fake("tracu_desktop.ui.print_preview", show_print_preview=lambda c, p: calls.append("preview"))
    fake("tracu_desktop.ui.help_view", show_help=lambda p: calls.append("help"))
    fake("tracu_desktop.ui.dashboard", DashboardPage=DashboardPage)

    def dialog(name):
        class Dialog:
            def __init__(self, c, parent):
                assert c is ctx and isinstance(parent, MainWindow)

            def exec(self):
                calls.append(name)

        return Dialog

    fake("tracu_desktop.ui.import_dialog", ImportDialog=dialog("import"))
    fake(
        "tracu_desktop.ui.template_dialog",
        TemplateDialog=dialog("template"),
        EmailDialog=dialog("email"),
    )
    fake("tracu_desktop.ui.package_action", save_package=lambda c, p: calls.append("package"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    for act in (
        win.act_export,
        win.act_preview,
        win.act_help,
        win.act_import,
        win.act_template,
        win.act_email,
        win.act_package,
    ):
        assert act.isEnabled()
        act.trigger()
    win.show_page("dashboard")
    assert calls == [
        "export",
        "preview",
        "help",
        "import",
        "template",
        "email",
        "package",
        "dashboard",
    ]
    win.validation._timer.stop()


def test_new_period_defaults_to_the_quarter_just_ended(ctx, qtbot):
    from datetime import date

    from tracu_desktop.ui.period_dialog import PeriodDialog, last_ended_quarter

    assert last_ended_quarter(date(2026, 12, 1)) == (2026, 3)  # Q4 runs to 14/12
    assert last_ended_quarter(date(2026, 12, 20)) == (2026, 4)
    assert last_ended_quarter(date(2027, 1, 5)) == (2026, 4)
    assert last_ended_quarter(date(2026, 4, 1)) == (2026, 1)
    dlg = PeriodDialog(ctx)
    qtbot.addWidget(dlg)
    assert (dlg.year.value(), dlg.index.value()) == last_ended_quarter(date.today())
    assert dlg.kind.currentText() == "Quý"
