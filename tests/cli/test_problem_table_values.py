"""The problem table shows enough of a value to identify it; a cut value ends in an ellipsis."""
import io

import pandas as pd

from metrics.cli.output import VALUE_WIDTH, print_problems, write_problems


def _frame(values):
    n = len(values)
    return pd.DataFrame({"severity": ["error"] * n, "file": ["partidas.csv"] * n,
                         "row": pd.array(range(3, 3 + n), dtype="Int64"),
                         "column": ["contract_id + item_code"] * n, "value": values,
                         "problem": ["duplicate key"] * n, "code": ["duplicate_key"] * n})


def test_composite_key_is_shown_whole_and_long_values_end_in_an_ellipsis(tmp_path):
    key = "IMSS-LA-050GYR047-E12-2025 / 010.000.0104.00"       # 44 characters: was cut at 40
    long = "A" * 120
    out = io.StringIO()
    print_problems(_frame([key, long]), file=out)
    lines = out.getvalue().splitlines()
    assert key in lines[1]
    assert "A" * (VALUE_WIDTH - 1) + "…" in lines[2] and "A" * VALUE_WIDTH not in lines[2]
    assert VALUE_WIDTH == 80
    path = tmp_path / "p.csv"
    write_problems(_frame([key, long]), str(path))
    text = path.read_text(encoding="utf-8-sig")
    assert key in text and long in text
