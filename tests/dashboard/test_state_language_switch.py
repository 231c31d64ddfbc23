"""The language switch re-sets translated widgets' values without changing them."""
from types import SimpleNamespace

from dashboard import state


class _Sidebar:
    def segmented_control(self, *args, **kwargs):
        return None


def test_switch_keeps_single_values_and_lists(monkeypatch):
    session = {"_lang_shown": "es", "lang": "en", "single_code": "medicine",
               "multi_codes": ["medicine", "vaccine"], "empty_codes": []}
    fake = SimpleNamespace(session_state=session, sidebar=_Sidebar(), query_params={})
    monkeypatch.setattr(state, "st", fake)
    monkeypatch.setattr(state, "TRANSLATED_KEYS", {"single_code", "multi_codes", "empty_codes"})
    assert state.language_switch() == "en"
    assert session["single_code"] == "medicine"
    assert session["multi_codes"] == ["medicine", "vaccine"]
    assert session["empty_codes"] == [] and session["_lang_shown"] == "en"
