"""`abasto … --help` reads the same everywhere: every command's line is "Spanish sentence /
english one", every option's help starts in lower case (as argparse's own "show this help
message and exit"); an acronym such as PNG or PDF may lead either."""
import argparse

from metrics.cli import build_parser


def _parsers(parser: argparse.ArgumentParser, path: str = "abasto"):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{path} {name}")


def _command_lines(parser: argparse.ArgumentParser):
    for path, p in _parsers(parser):
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    yield f"{path} {choice.dest}", choice.help


def test_option_help_starts_in_lower_case():
    capitalised = []
    for path, p in _parsers(build_parser()):
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction) or action.help in (None, argparse.SUPPRESS):
                continue
            first = action.help.split()[0]
            if first[0].isupper() and not first.isupper():
                capitalised.append(f"{path} {'/'.join(action.option_strings) or action.dest}: {action.help}")
    assert capitalised == []


def test_scope_filter_help_reads_like_the_other_options():
    sub = dict(_parsers(build_parser()))["abasto scores"]
    helps = {a.dest: a.help for a in sub._actions}
    assert helps["item_group"] == "item group filter (repeat or comma-separate)"
    assert helps["date_from"] == "first due date (YYYY-MM-DD or DD/MM/YYYY)"


def test_every_command_line_is_spanish_then_english():
    lines = dict(_command_lines(build_parser()))
    assert {"abasto import", "abasto export", "abasto export ocds", "abasto report supplier"} <= set(lines)
    odd = {}
    for command, text in lines.items():
        es, sep, en = text.partition(" / ")
        first = en.split()[0] if en else ""
        if not (sep and es[:1].isupper() and (first[:1].islower() or first.isupper())):   # or PDF, …
            odd[command] = text
    assert odd == {}
    assert lines["abasto import"].startswith("Importa archivos CSV/XLSX/Parquet o carpetas")
