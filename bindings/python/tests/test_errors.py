"""Errors reach Python as exceptions that say what to fix; nothing crashes."""

from __future__ import annotations

import pytest

import replylint
from replylint import Analyzer


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: replylint.analyze(3), "analyze() expected str, got int"),
        (lambda: replylint.analyze(None), "analyze() expected str, got NoneType"),
        (lambda: replylint.analyze(b"bytes"), "analyze() expected str, got bytes"),
        (lambda: Analyzer([]).analyze(1.5), "analyze() expected str, got float"),
        (lambda: replylint.analyze_many("one text"), "analyze_many() expected an iterable of str (use analyze() for one text), got str"),
        (lambda: replylint.analyze_many(42), "analyze_many() expected an iterable of str, got int"),
        (lambda: Analyzer([]).analyze_many(["ok", None]), "analyze_many() expected an iterable of str, got NoneType at position 1"),
        (lambda: Analyzer(languages="en"), "Analyzer() argument 'languages' expected a list of str (write ['en']), got str"),
        (lambda: Analyzer(languages=["en", 7]), "Analyzer() argument 'languages' expected a list of str, got int at position 1"),
        (lambda: Analyzer(languages=3), "Analyzer() argument 'languages' expected a list of str, got int"),
        (lambda: Analyzer(disabled_rules="core.shouting"), "Analyzer() argument 'disabled_rules' expected a list of str"),
        (lambda: Analyzer(jargon="RMA"), "Analyzer() argument 'jargon' expected a list of terms or a dict"),
        (lambda: Analyzer(jargon=[("RMA", "a", "b")]), "got tuple at position 0"),
        (lambda: Analyzer(jargon=[("RMA", 3)]), "got tuple at position 0"),
        (lambda: Analyzer(jargon={3: "x"}), "expected str keys, got int"),
        (lambda: Analyzer(jargon={"RMA": 3}), "a str or None as the replacement of \"RMA\", got int"),
        (lambda: Analyzer(min_severity=2), "Analyzer() argument 'min_severity' expected 'info', 'warning', 'error' or None, got int"),
        (lambda: Analyzer(lexicons="[language]"), "Analyzer() argument 'lexicons' expected a list of TOML texts"),
        (lambda: Analyzer(lexicons=[3]), "got int at position 0"),
        (lambda: replylint.builtin_patterns("en"), "builtin_patterns() argument 'languages' expected a list of str"),
    ],
)
def test_wrong_types_are_type_errors(call, message):
    with pytest.raises(TypeError) as info:
        call()
    assert message in str(info.value)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"languages": ["xx"]}, "unknown language code `xx`; available: "),
        ({"min_severity": "critical"}, "unknown severity `critical`; expected info, warning or error"),
        ({"disabled_rules": ["en.no-such-rule"]}, "unknown rule id `en.no-such-rule`"),
        ({"jargon": ["!!!"]}, "glossary term `!!!`: has no letters or digits"),
        ({"jargon": ["x" * 101]}, "is 101 characters long"),
        ({"jargon": ["x" * 10_000]}, "is 10000 characters long"),
        ({"lexicons": ["[language]\ncode = 1"]}, "lexicons[0]:"),
        ({"lexicons": ["not toml at all = ="]}, "lexicons[0]:1:"),
    ],
)
def test_bad_configuration_is_a_value_error_with_the_core_message(kwargs, message):
    with pytest.raises(ValueError) as info:
        Analyzer(**kwargs)
    assert message in str(info.value)
    assert type(info.value) is ValueError


def _lexicon(patterns: str) -> str:
    return f"""
[language]
code = "xx"
name = "Test"
native_name = "Test"

[[rule]]
id = "r"
category = "jargon"
severity = "warning"
patterns = [{patterns}]
explanation = "Why."
suggestion = "Instead."
examples = ["an example"]
"""


@pytest.mark.parametrize(
    "lexicons, message",
    [
        ([_lexicon('"' + "(a|b|c|d) " * 6 + '"')], "expands to more than 1024 literals; split it into several patterns"),
        # Used to overflow the stack and kill the interpreter.
        ([_lexicon('"' + "(" * 10_000 + "a" + ")" * 10_000 + '"')], "groups nest more than 32 deep"),
        ([_lexicon('""')], "has no letters or digits"),
        ([_lexicon('"?!"')], "pattern `?!`: `?!` has no letters or digits"),
        ([_lexicon('"a b"'), _lexicon('"c d"')], "rule id `xx.r` is defined by two lexicons"),
        ([_lexicon('"a b"') + _lexicon('"c d"').split("\n\n")[1]], "this rule id is used twice"),
    ],
)
def test_limits_of_user_lexicons_are_value_errors(lexicons, message):
    with pytest.raises(ValueError) as info:
        Analyzer(languages=[], lexicons=lexicons)
    assert message in str(info.value)


def test_missing_lexicon_file(tmp_path):
    missing = tmp_path / "missing.toml"
    with pytest.raises(ValueError, match="cannot read lexicon file"):
        Analyzer(lexicons=[missing])


def test_bad_rule_in_a_lexicon_names_the_rule():
    lexicon = """
[language]
code = "xx"
name = "Test"
native_name = "Test"

[[rule]]
id = "broken"
category = "no_such_category"
severity = "warning"
patterns = ["abc"]
explanation = "e"
suggestion = "s"
examples = ["abc"]
"""
    with pytest.raises(ValueError, match=r"lexicons\[0\]:\d+: rule `(xx\.)?broken`"):
        Analyzer(languages=[], lexicons=[lexicon])


def test_lone_surrogates_are_a_unicode_error_not_a_crash():
    # Not valid Unicode, so not representable in Rust; UnicodeEncodeError is a ValueError.
    with pytest.raises(ValueError):
        replylint.analyze("abc \ud800 def")
    with pytest.raises(UnicodeEncodeError):
        replylint.analyze_many(["fine", "\udcff"])


@pytest.mark.parametrize(
    "text",
    ["", "\x00", "\x00" * 1000, "\ufeff" * 10, "\u200c\u200d" * 50, "!" * 100_000, "A " * 50_000, "\r\n\t" * 1000, "\U0010ffff"],
)
def test_odd_input_never_fails(text):
    for f in replylint.analyze(text):
        assert text[f.start : f.end] == f.text
