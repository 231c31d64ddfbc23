"""--set NAME=VALUE: every command that computes metrics refuses a bad override with the
message `abasto scores` gives, before it writes anything."""
import pytest

from metrics.cli import main

BAD = {
    "grace_days=abc": "abasto: override: setting 'grace_days' must be a whole number, got 'abc'\n",
    "trend_alpha=nan": "abasto: settings: trend_alpha must be a finite number; trend_alpha must be in (0, 1]\n",
    "weight_price=inf": "abasto: settings: weight_price must be a finite number\n",
    "colour=red": "abasto: unknown setting 'colour'\n",
    "tier_a": "abasto: --set 'tier_a': expected NAME=VALUE, e.g. --set grace_days=2\n",
}

COMMANDS = {
    "ledger": lambda out: ["ledger"],
    "shortages": lambda out: ["shortages", "headline"],
    "report supplier": lambda out: ["report", "supplier", "S1", "--out", str(out / "r.pdf")],
    "report shortages": lambda out: ["report", "shortages", "--out", str(out / "r.pdf")],
    "export charts": lambda out: ["export", "charts", "--out", str(out / "charts")],
    "export tables": lambda out: ["export", "tables", "--out", str(out / "t.xlsx")],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_bad_set_is_refused_as_scores_refuses_it(db, tmp_path, capsys, command):
    out = tmp_path / "out"
    out.mkdir()
    for bad, message in BAD.items():
        assert main(["scores", "--set", bad]) == 1
        assert capsys.readouterr().err == message
        assert main([*COMMANDS[command](out), "--set", bad]) == 1
        assert capsys.readouterr().err == message
    assert list(out.iterdir()) == []
