"""The Python API: Analyzer, Report, Finding and the module functions."""

from __future__ import annotations

from pathlib import Path

import pytest

import replylint
from replylint import Analyzer, Finding, Report

REPLY = "Dear valued customer, as I already said, that's not my department. Per our policy, no!!"

EN_LEXICON = """
[language]
code = "xx"
name = "Test"
native_name = "Test"

[[rule]]
id = "ticket-speak"
category = "jargon"
severity = "warning"
patterns = ["your ticket has been (actioned|dispositioned)"]
explanation = "Nobody outside the help desk talks like this."
suggestion = "Say what you did."
examples = ["Your ticket has been actioned."]
"""


@pytest.fixture(scope="module")
def en() -> Analyzer:
    return Analyzer(languages=["en"])


@pytest.fixture(scope="module")
def default() -> Analyzer:
    """Every built-in language (about a second to build, so once)."""
    return Analyzer()


class TestReport:
    def test_findings_are_findings_in_text_order(self):
        report = replylint.analyze(REPLY)
        assert isinstance(report, Report)
        assert all(isinstance(f, Finding) for f in report.findings)
        spans = [(f.start, f.end) for f in report.findings]
        assert spans == sorted(spans)
        assert [f.category for f in report.findings] == [
            "robotic_opener",
            "argumentative",
            "deflection",
            "policy_hiding",
            "argumentative",
        ]

    def test_counts_have_every_category_in_order(self):
        report = replylint.analyze(REPLY)
        assert tuple(report.counts) == replylint.CATEGORIES
        assert report.counts["argumentative"] == 2
        assert sum(report.counts.values()) == len(report.findings)

    def test_score_and_summary_properties(self):
        report = replylint.analyze(REPLY)
        assert isinstance(report.score, int) and 0 <= report.score < 90
        assert report.is_clean is False
        assert report.max_severity == "error"
        clean = replylint.analyze("Your refund was sent today.")
        assert clean.score == 90 and clean.is_clean and clean.max_severity is None
        assert clean.findings == [] and len(clean) == 0 and not clean

    def test_keeps_the_analysed_text(self):
        text = "".join(["Per our policy", ", no."])  # a new object, not an interned constant
        report = replylint.analyze(text)
        assert report.text is text

    def test_is_a_sequence_of_findings(self):
        report = replylint.analyze(REPLY)
        assert len(report) == len(report.findings) == 5
        assert list(report) == report.findings
        assert report[0] == report.findings[0]
        assert report[-1] == report.findings[-1]
        with pytest.raises(IndexError):
            report[5]
        with pytest.raises(IndexError):
            report[-6]

    def test_to_dict(self):
        report = replylint.analyze(REPLY)
        d = report.to_dict()
        assert set(d) == {"text", "score", "counts", "findings", "commitments"}
        assert d["text"] == REPLY and d["score"] == report.score and d["counts"] == report.counts
        assert d["findings"] == [f.to_dict() for f in report.findings]

    def test_equality_and_hash(self):
        a, b = replylint.analyze(REPLY), replylint.analyze(REPLY)
        assert a == b and hash(a) == hash(b)
        assert a != replylint.analyze(REPLY + " ")
        assert a != "not a report"
        assert (a == 3) is False
        assert len({a, b}) == 1

    def test_equal_reports_need_equal_texts(self, en):
        # Same (empty) findings, different texts.
        assert en.analyze("Thanks.") != en.analyze("Done.")

    def test_repr(self):
        r = repr(replylint.analyze(REPLY))
        assert r.startswith("Report(score=")
        assert "'argumentative': 2" in r and "'jargon'" not in r
        assert r.endswith(f"text={REPLY[:60] + '…'!r})")

    def test_reports_are_immutable(self):
        report = replylint.analyze(REPLY)
        with pytest.raises(AttributeError):
            report.score = 100  # type: ignore[misc]


class TestFinding:
    def test_attributes(self):
        f = replylint.analyze("Sorry, it’s company policy.").findings[-1]
        assert f.rule_id == "en.company-policy"
        assert f.category == "policy_hiding"
        assert f.severity in replylint.SEVERITIES
        assert f.language == "en"
        assert f.explanation and f.suggestion
        assert f.is_positive is False
        assert "Sorry, it’s company policy."[f.start : f.end] == f.text

    def test_to_dict(self):
        f = replylint.analyze(REPLY).findings[0]
        assert f.to_dict() == {
            "rule_id": f.rule_id,
            "category": f.category,
            "severity": f.severity,
            "language": f.language,
            "text": f.text,
            "start": f.start,
            "end": f.end,
            "explanation": f.explanation,
            "suggestion": f.suggestion,
        }

    def test_repr(self):
        f = replylint.analyze(REPLY).findings[0]
        assert repr(f) == (
            "Finding(rule_id='en.dear-valued-customer', category='robotic_opener', "
            "severity='warning', text='Dear valued customer', start=0, end=20)"
        )

    def test_equality_and_hash(self):
        a = replylint.analyze(REPLY).findings
        b = replylint.analyze(REPLY).findings
        assert a == b
        assert {hash(f) for f in a} == {hash(f) for f in b}
        assert a[0] != a[1]
        assert a[0] != "x"
        assert len(set(a + b)) == len(a)

    def test_positive_signals(self):
        report = replylint.analyze("I'm so sorry about this. I'll personally check back with you tomorrow.")
        positive = [f for f in report.findings if f.is_positive]
        assert positive
        assert all(f.category in replylint.POSITIVE_CATEGORIES for f in positive)
        assert all(f.severity == "info" for f in positive)


class TestSpans:
    @pytest.mark.parametrize(
        "text",
        [
            "🙂🙂 Per our policy, no.",
            "👨‍👩‍👧 as I already said!!",
            "Привет! К сожалению, такова политика компании.",
            "e\u0301e\u0301 Dear valued customer, DO NOT REPLY TO THIS!!",
            "𝒜𝒷𝒸 🙂 it's company policy?!",
        ],
    )
    def test_spans_are_python_string_indices(self, text: str):
        report = replylint.analyze(text)
        assert report.findings
        for f in report.findings:
            assert text[f.start : f.end] == f.text


class TestAnalyzer:
    def test_default_languages(self, default):
        assert default.languages[0] == "en"
        assert set(default.languages) >= {"en", "ru"}

    def test_languages(self, en):
        assert en.languages == ["en"]
        assert Analyzer(languages=("en", "ru")).languages == ["en", "ru"]
        assert Analyzer(languages=[]).languages == []
        assert Analyzer(languages=[]).analyze("Per our policy, no.").findings == []

    def test_analyze_matches_module_analyze(self, default):
        assert default.analyze(REPLY) == replylint.analyze(REPLY)

    def test_min_severity(self, en):
        errors_only = Analyzer(languages=["en"], min_severity="error")
        report = errors_only.analyze(REPLY)
        assert errors_only.min_severity == "error"
        assert en.min_severity == "info"
        assert report.findings
        assert all(f.severity == "error" for f in report.findings if not f.is_positive)

    def test_disabled_rules(self):
        ids = {f.rule_id for f in Analyzer(["en"], disabled_rules=["en.company-policy"]).analyze(REPLY)}
        assert "en.company-policy" not in ids and "en.not-my-department" in ids

    @pytest.mark.parametrize(
        "jargon",
        [
            [("RMA", "return label"), "L2 queue"],
            [["RMA", "return label"], ("L2 queue", None)],
            {"RMA": "return label", "L2 queue": None},
            (t for t in [("RMA", "return label"), "L2 queue"]),
        ],
    )
    def test_jargon_forms(self, jargon):
        report = Analyzer(languages=[], jargon=jargon).analyze("Print the RMA; your case is in the L2 queue.")
        glossary = [f for f in report.findings if f.rule_id == "core.glossary"]
        assert [f.text for f in glossary] == ["RMA", "L2 queue"]
        assert "return label" in glossary[0].suggestion
        assert all(f.category == "jargon" for f in glossary)

    def test_lexicon_text_and_file(self, tmp_path: Path):
        text = "Your ticket has been actioned."
        by_text = Analyzer(languages=[], lexicons=[EN_LEXICON])
        assert [f.rule_id for f in by_text.analyze(text)] == ["xx.ticket-speak"]
        path = tmp_path / "acme.toml"
        path.write_text(EN_LEXICON, encoding="utf-8")
        by_file = Analyzer(languages=[], lexicons=[path])
        assert by_file.analyze(text) == by_text.analyze(text)
        assert by_file.languages == ["xx"]

    def test_repr(self, en, default):
        assert repr(default) == "Analyzer()"
        assert repr(en) == "Analyzer(languages=['en'])"
        a = Analyzer(["en"], {"RMA": "return label"}, ["core.shouting"], "warning")
        assert repr(a) == (
            "Analyzer(languages=['en'], jargon=[('RMA', 'return label')], "
            "disabled_rules=['core.shouting'], min_severity='warning')"
        )

    def test_equality_is_configuration(self, en, default):
        assert en == Analyzer(languages=("en",))
        assert en != default
        assert en != Analyzer(languages=["en"], min_severity="warning")
        assert hash(Analyzer([], jargon=["RMA"])) == hash(Analyzer([], jargon=[("RMA", None)]))
        assert en != "analyzer"

    def test_accepts_str_subclasses(self, en):
        class Reply(str):
            pass

        assert en.analyze(Reply("Per our policy, no.")).findings[0].rule_id == "en.company-policy"


class TestAnalyzeMany:
    TEXTS = [REPLY, "", "Thanks, done!", "Per our policy, no.", "🙂 as I already said!!"]

    def test_same_reports_as_analyze_in_order(self, en):
        assert en.analyze_many(self.TEXTS) == [en.analyze(t) for t in self.TEXTS]
        assert replylint.analyze_many(self.TEXTS) == [replylint.analyze(t) for t in self.TEXTS]

    def test_any_iterable(self, en):
        expected = en.analyze_many(self.TEXTS)
        assert en.analyze_many(tuple(self.TEXTS)) == expected
        assert en.analyze_many(t for t in self.TEXTS) == expected
        assert en.analyze_many(iter(self.TEXTS)) == expected
        assert en.analyze_many([]) == []

    def test_a_big_batch(self, en):
        texts = [f"Reply {i}: " + self.TEXTS[i % len(self.TEXTS)] for i in range(20_000)]
        reports = en.analyze_many(texts)
        assert len(reports) == len(texts)
        assert all(r.text is t for r, t in zip(reports, texts))
        assert reports[::997] == [en.analyze(t) for t in texts[::997]]

    def test_a_large_text(self, en):
        text = ("Per our policy, no. " + "x" * 100 + "\n") * 30_000  # about 3.6 MB
        report = en.analyze(text)
        assert len(report) == 30_000
        assert all(text[f.start : f.end] == f.text for f in report.findings[::1000])


class TestBuiltinPatterns:
    def test_patterns(self):
        patterns = replylint.builtin_patterns(["en"])
        assert patterns and all(lang == "en" for lang, _, _ in patterns)
        assert ("en", "en.company-policy", "company policy") in patterns or any(
            rule == "en.company-policy" for _, rule, _ in patterns
        )
        assert all(literal == literal.lower() for _, _, literal in patterns)

    def test_all_languages_by_default(self, default):
        assert {lang for lang, _, _ in replylint.builtin_patterns()} == set(default.languages)

    def test_unknown_language(self):
        with pytest.raises(ValueError, match="unknown language code `xx`"):
            replylint.builtin_patterns(["xx"])


def test_module_metadata():
    assert replylint.__version__.count(".") == 2
    assert len(replylint.CATEGORIES) == 12
    assert replylint.POSITIVE_CATEGORIES == {"empathy", "apology", "ownership", "follow_up"}
    assert replylint.SEVERITIES == ("info", "warning", "error")
    assert Report.__module__ == Finding.__module__ == Analyzer.__module__ == "replylint"


def test_everything_public_is_documented():
    for obj in (replylint, Analyzer, Report, Finding, replylint.analyze, replylint.analyze_many):
        assert obj.__doc__, obj
    for cls in (Analyzer, Report, Finding):
        for name in dir(cls):
            if name.startswith("__"):
                continue
            assert getattr(cls, name).__doc__, f"{cls.__name__}.{name}"
