"""What comes in or goes up: data-value CSV, workbooks, templates, packages, email."""
