"""Fixtures of the collecting tests."""

from __future__ import annotations

from datetime import date

import pytest

from tracu_desktop.db.periods import add_period


@pytest.fixture
def district_db(fresh_db):
    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    return fresh_db
