"""Every data page on a database without orders says so (with its path) instead of drawing."""
import pytest

from tests.dashboard.conftest import no_exception

PAGES = ["overview", "suppliers", "compare", "contracts", "shortages", "item", "contract", "scorecard"]


@pytest.mark.parametrize("page", PAGES)
def test_page_on_an_empty_database_names_it(open_page, empty_db, page):
    at = open_page(empty_db, page)
    no_exception(at)
    assert any(str(empty_db) in box.value for box in at.info), page
