"""The narrative report (Báo cáo): model, placeholders, template and composition (pure Python)."""
