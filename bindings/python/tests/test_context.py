"""The context options and results in Python: customer ranges in code points, commitments,
and the options that turn each context check on or off (docs/context.md)."""

from __future__ import annotations

import pickle

import pytest

import replylint


def test_customer_ranges_are_string_indices():
    prefix = "🙂 You wrote: "
    quoted = "rules are rules."
    text = prefix + quoted + " I've refunded you."
    analyzer = replylint.Analyzer(languages=["en"])
    assert any(f.category == "policy_hiding" for f in analyzer.analyze(text).findings)
    marked = analyzer.analyze(text, customer=[(len(prefix), len(prefix) + len(quoted))])
    assert not any(f.category == "policy_hiding" for f in marked.findings)


def test_commitments_have_code_point_spans():
    text = "Hi 🙂. I'll refund you within 2 business days, guaranteed."
    report = replylint.Analyzer(languages=["en"]).analyze(text)
    (c,) = report.commitments
    assert text[c["start"] : c["end"]] == c["text"]
    assert (c["deadline"], c["deadline_hours"], c["guaranteed"]) == ("2 business days", 48, True)
    assert report.to_dict()["commitments"] == report.commitments


@pytest.mark.parametrize(
    "kwargs, text, rule",
    [
        ({"sla_hours": 24}, "We'll ship it within 3 business days.", "core.over-sla"),
        ({"absence_rules": True}, "Sorry about the delay. The courier is slow.", "core.no-next-step"),
    ],
)
def test_opt_in_rules(kwargs, text, rule):
    assert rule not in [f.rule_id for f in replylint.Analyzer().analyze(text)]
    assert rule in [f.rule_id for f in replylint.Analyzer(**kwargs).analyze(text)]


def test_quote_skipping_and_opener_similarity_turn_off():
    quoted = "You wrote “it's company policy”."
    assert not replylint.Analyzer().analyze(quoted)
    assert replylint.Analyzer(skip_quoted=False).analyze(quoted)
    opener = "Thank you for contacting Globex. Your refund is on its way."
    assert replylint.Analyzer().analyze(opener)
    assert not replylint.Analyzer(opener_similarity=0.0).analyze(opener)


def test_a_bad_threshold_is_a_value_error():
    with pytest.raises(ValueError, match="opener_similarity"):
        replylint.Analyzer(opener_similarity=1.5)


def test_context_options_pickle():
    analyzer = replylint.Analyzer(skip_quoted=False, sla_hours=48, opener_similarity=0.9, absence_rules=True)
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer
    assert "sla_hours=48" in repr(analyzer)
