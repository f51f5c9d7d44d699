"""Report._repr_html_: the reply, escaped, with findings highlighted by category."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

import replylint
from replylint import Analyzer, _html

VOID = {"br", "hr", "img", "meta", "input", "link"}


class Page(HTMLParser):
    """Collects the tags, the marks (with title and style) and the text of the reply box."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marks: list[dict[str, str]] = []
        self.reply_text: list[str] = []
        self.in_reply = 0
        self.balanced = True
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts += 1
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "div" and "pre-wrap" in a.get("style", ""):
            self.in_reply = len(self.stack)
        if tag == "mark" and self.in_reply:
            self.marks.append({**a, "text": ""})

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False
        if self.in_reply and len(self.stack) < self.in_reply:
            self.in_reply = 0

    def handle_data(self, data):
        if self.in_reply:
            self.reply_text.append(data)
            if self.stack[-1] == "mark":
                self.marks[-1]["text"] += data


def parse(report: replylint.Report) -> Page:
    page = Page()
    page.feed(report._repr_html_())
    page.close()
    assert page.balanced and page.stack == []
    return page


REPLY = "Dear valued customer, as I already said, that's not my department. I'm so sorry about this!!"


def test_every_finding_is_a_mark_with_its_colour_and_title():
    report = replylint.analyze(REPLY)
    page = parse(report)
    assert [m["text"] for m in page.marks] == [f.text for f in report.findings]
    for mark, f in zip(page.marks, report.findings):
        assert _html.colour(f.category) in mark["style"]
        assert mark["class"] == f"replylint-{f.category}"
        assert f.rule_id in mark["title"]
        assert f.explanation in mark["title"] and f.suggestion in mark["title"]


def test_the_text_is_shown_whole_and_escaped():
    text = 'As I already said: <script>alert("x")</script> & per our policy, it\'s "final"!!'
    report = replylint.analyze(text)
    raw = report._repr_html_()
    assert "<script>" not in raw
    page = parse(report)
    assert page.scripts == 0
    assert "".join(page.reply_text) == text


def test_legend_lists_the_categories_found_with_counts():
    report = replylint.analyze(REPLY)
    raw = report._repr_html_()
    for category, n in report.counts.items():
        label = f"{category.replace('_', ' ')} × {n}"
        assert (label in raw) == (n > 0), category
    assert f"Score {report.score}" in raw


def test_categories_have_distinct_colours():
    colours = [_html.colour(c) for c in replylint.CATEGORIES]
    assert len(set(colours)) == len(colours)
    assert _html.colour("some_future_category") == _html.FALLBACK_COLOUR


def test_clean_reply():
    report = replylint.analyze("Your refund was sent today.")
    page = parse(report)
    assert page.marks == []
    assert "No findings." in report._repr_html_()


@pytest.mark.parametrize(
    "text",
    [
        "🙂 К сожалению, такова политика компании!!",
        "متأسفانه طبق قوانین شرکت امکان‌پذیر نیست!!",
        "Per our policy\nno.\n\n  as I already said",
    ],
)
def test_scripts_emoji_and_line_breaks(text):
    report = replylint.analyze(text)
    page = parse(report)
    assert "".join(page.reply_text) == text
    assert [m["text"] for m in page.marks] == [f.text for f in report.findings]


def test_overlapping_findings_are_all_in_the_title():
    # The core reports no overlapping findings today; the renderer still copes with them.
    def finding(rule_id, category, start, end):
        return SimpleNamespace(
            rule_id=rule_id, category=category, severity="warning", start=start, end=end,
            explanation=f"why {rule_id}", suggestion=f"instead of {rule_id}",
        )

    text = "that's not my department."
    outer = finding("en.outer", "deflection", 0, 24)
    inner = finding("core.glossary", "jargon", 14, 24)
    out = _html._highlighted_text(text, [outer, inner])
    page = Page()
    page.feed(f'<div style="white-space:pre-wrap">{out}</div>')
    assert "".join(page.reply_text) == text
    assert [m["text"] for m in page.marks] == ["that's not my ", "department"]
    assert "en.outer" in page.marks[0]["title"] and "core.glossary" not in page.marks[0]["title"]
    assert "en.outer" in page.marks[1]["title"] and "core.glossary" in page.marks[1]["title"]
    assert _html.colour("jargon") in page.marks[1]["style"]


def test_report_html_is_the_repr():
    report = replylint.analyze(REPLY)
    assert _html.report_html(report) == report._repr_html_()
    assert html.escape("that's", quote=True) in report._repr_html_()
