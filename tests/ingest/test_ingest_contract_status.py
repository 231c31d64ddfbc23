"""A contract's status: 'cancelado' is a termination, never a rescission (which counts
against the supplier), as CompraNet's and OCDS's readers already read it."""
import pytest

from metrics.ingest import contract
from tests.ingest.ingest_helpers import import_edited, rows_of


@pytest.mark.parametrize("text", ["Cancelado", "cancelada", "CANCELLED", "canceled"])
def test_cancelled_contract_is_terminated(base_copy, tmp_path, text):
    def edit(header, rows):
        rows[0][header.index("status")] = text
        return rows[:1]
    import_edited(base_copy, tmp_path / "c", "contracts", edit)
    assert rows_of(base_copy, "SELECT status FROM contracts WHERE contract_id = 'C1'") == [
        ("terminated",)]


def test_rescinded_spellings_are_only_rescission_words():
    spellings = {r[1] for r in contract.enum_rows() if r[0] == "status" and r[2] == "rescinded"}
    assert spellings == {"rescinded", "rescindido", "rescindida", "rescision"}
