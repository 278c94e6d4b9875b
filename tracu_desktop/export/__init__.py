"""Renderers of forms and reports (Excel, PDF, Word).

Heavy libraries (openpyxl, reportlab, python-docx) are imported inside the functions
that use them, so start-up stays fast. Renderers take a spec and rows, write through
:mod:`tracu_desktop.infra.fileio` (temporary name, then rename) and never import Qt.
"""
