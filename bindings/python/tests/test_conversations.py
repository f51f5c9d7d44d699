"""Conversations, turns and scorecards from Python: types, times, errors, pandas."""

from __future__ import annotations

import datetime

import pytest

import replylint

TURNS = [
    {"role": "customer", "text": "This is ridiculous, my parcel is a week late.", "time": "2026-03-02T09:00:00Z"},
    {"role": "agent", "agent": "sam", "text": "Dear valued customer, rules are rules.", "time": "2026-03-02T11:00:00Z"},
]


def test_a_conversation_report_has_every_part():
    report = replylint.Analyzer().analyze_conversation(TURNS, "T-1")
    assert report.id == "T-1"
    rules = [f.rule_id for f in report.findings]
    assert "conversation.no-empathy-after-complaint" in rules
    assert "conversation.slow-first-response" in rules
    slow = next(f for f in report.findings if f.rule_id == "conversation.slow-first-response")
    assert (slow.turn, slow.agent, slow.detail, slow.severity) == (1, "sam", "7200", "warning")
    assert report.first_response_secs == report.longest_wait_secs == 7200
    assert report.wait_secs == [None, 7200]
    assert report.reports[0] is None
    agent_report = report.reports[1]
    assert agent_report is not None and agent_report.text == TURNS[1]["text"]
    assert [f.category for f in report.complaints[0]] == ["complaint"]
    assert report.complaints[1] == []
    assert report.score is not None and 0 <= report.score < agent_report.score


def test_complaints_never_appear_in_reply_reports():
    assert all(f.category != "complaint" for f in replylint.analyze("This is ridiculous!").findings)
    assert "complaint" not in replylint.CATEGORIES


@pytest.mark.parametrize(
    "time",
    [1772442000, 1772442000.9, "2026-03-02T09:00:00Z", "2026-03-02 12:00:00+03:00",
     datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.timezone.utc)],
)
def test_times_are_read_in_every_form(time):
    assert replylint.Turn("customer", "Hi", time=time).time == 1772442000


def test_bad_turns_raise_with_what_to_fix():
    with pytest.raises(ValueError, match="unknown role `bot`; expected agent or customer"):
        replylint.Turn("bot", "Hi")
    with pytest.raises(ValueError, match="time `noon`"):
        replylint.Turn("agent", "Hi", time="noon")
    with pytest.raises(TypeError, match="argument 'text' expected str, got int"):
        replylint.Turn("agent", 3)
    with pytest.raises(TypeError, match="got int at position 1"):
        replylint.Analyzer().analyze_conversation([TURNS[0], 5])
    with pytest.raises(TypeError, match="has no 'text'"):
        replylint.Analyzer().analyze_conversation([{"role": "agent"}])


def test_scorecards_sum_up_per_agent():
    analyzer = replylint.Analyzer()
    reports = [
        analyzer.analyze_conversation(TURNS, "T-1"),
        analyzer.analyze_conversation(
            [replylint.Turn("customer", "Where is my refund?", time=0),
             replylint.Turn("agent", "I'm sorry for the delay. I'll email you by 5 pm.", agent="ana", time=600)],
            "T-2",
        ),
    ]
    cards = replylint.scorecards(reports)
    assert [c.agent for c in cards] == ["ana", "sam"]
    ana, sam = cards
    assert ana.first_response == (1, 600, 600)
    assert sam.conversation_findings["conversation.no-empathy-after-complaint"] == 1
    assert sam.mean_score < ana.mean_score
    assert set(sam.per_100_replies) == set(replylint.CATEGORIES)
    worst = sam.worst[0]
    assert (worst["conversation"], worst["turn"]) == ("T-1", 1)
    assert all(worst["text"][f.start : f.end] == f.text for f in worst["findings"])


def test_pandas_scorecards_match_the_core():
    pd = pytest.importorskip("pandas")
    from replylint.pandas import SCORECARD_COLUMNS, scorecards

    frame = pd.DataFrame(
        {
            "ticket": ["T-1", "T-2", "T-1", "T-2"],
            "who": ["customer", "customer", "agent", "agent"],
            "agent": [None, None, "sam", "ana"],
            "body": [TURNS[0]["text"], "Where is my refund?", TURNS[1]["text"],
                     "I'm sorry for the delay. I'll email you by 5 pm."],
            "at": pd.to_datetime(["2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z",
                                  "2026-03-02T11:00:00Z", "2026-03-02T10:10:00Z"]),
        }
    )
    cards = scorecards(frame, "ticket", "who", "agent", "body", "at")
    assert list(cards.columns) == list(SCORECARD_COLUMNS)
    assert list(cards.index) == ["ana", "sam"]
    assert cards.loc["sam", "first_response_median_secs"] == 7200.0
    assert cards.loc["ana", "first_response_median_secs"] == 600.0
    assert cards.loc["sam", "worst_text"] == TURNS[1]["text"]
    without_times = scorecards(frame, "ticket", "who", "agent", "body")
    assert without_times["wait_median_secs"].isna().all()
    with pytest.raises(KeyError, match="no column 'nope'"):
        scorecards(frame, "ticket", "who", "agent", "nope")
