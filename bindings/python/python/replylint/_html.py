"""HTML rendering of a :class:`replylint.Report` for Jupyter (``Report._repr_html_``).

Presentation only: which finding is where comes from the report; this module escapes the
text, colours each span by category and adds a legend and a table of the findings.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ._replylint import Finding, Report

#: Background colour of each category's highlight: warm colours for problems, greens and
#: blues for positive signals.
COLOURS: dict[str, str] = {
    "jargon": "#fde68a",
    "robotic_opener": "#ddd6fe",
    "deflection": "#fed7aa",
    "policy_hiding": "#fbcfe8",
    "argumentative": "#fca5a5",
    "apathy": "#cbd5e1",
    "false_promise": "#fef08a",
    "non_apology": "#fda4af",
    "empathy": "#bbf7d0",
    "apology": "#99f6e4",
    "ownership": "#bae6fd",
    "follow_up": "#d9f99d",
}
#: For a category this version does not know yet.
FALLBACK_COLOUR = "#e5e7eb"


def colour(category: str) -> str:
    """The highlight colour of ``category``."""
    return COLOURS.get(category, FALLBACK_COLOUR)


def _label(category: str) -> str:
    return category.replace("_", " ")


def _title(finding: Finding) -> str:
    return (
        f"{finding.rule_id} ({_label(finding.category)}, {finding.severity})\n"
        f"{finding.explanation}\n"
        f"Instead: {finding.suggestion}"
    )


def _highlighted_text(text: str, findings: list[Finding]) -> str:
    """The text, escaped, with every finding in a ``<mark>``. Where findings overlap, the
    innermost one gives the colour and the title lists them all."""
    spans = [f for f in findings if f.start < f.end]
    cuts = sorted({0, len(text)} | {f.start for f in spans} | {f.end for f in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        active = [f for f in spans if f.start <= a and b <= f.end]
        if not active:
            out.append(piece)
            continue
        inner = min(active, key=lambda f: f.end - f.start)
        title = html.escape("\n\n".join(_title(f) for f in active), quote=True).replace("\n", "&#10;")
        out.append(
            f'<mark class="replylint-{html.escape(inner.category, quote=True)}" '
            f'style="background:{colour(inner.category)};padding:0 1px;border-radius:3px;color:inherit" '
            f'title="{title}">{piece}</mark>'
        )
    return "".join(out)


def _legend(report: Report) -> str:
    present = [(c, n) for c, n in report.counts.items() if n]
    if not present:
        return '<span style="opacity:.7">No findings.</span>'
    return " ".join(
        f'<span style="background:{colour(c)};padding:1px 6px;border-radius:3px;'
        f'margin-right:4px;white-space:nowrap">{html.escape(_label(c))} × {n}</span>'
        for c, n in present
    )


def _table(findings: list[Finding]) -> str:
    if not findings:
        return ""
    rows = "".join(
        "<tr>"
        f'<td style="text-align:left"><span style="background:{colour(f.category)};'
        f'padding:0 4px;border-radius:3px">{html.escape(_label(f.category))}</span></td>'
        f'<td style="text-align:left">{html.escape(f.severity)}</td>'
        f'<td style="text-align:left" dir="auto">{html.escape(f.text)}</td>'
        f'<td style="text-align:left" dir="auto">{html.escape(f.suggestion)}</td>'
        f'<td style="text-align:left"><code>{html.escape(f.rule_id)}</code></td>'
        "</tr>"
        for f in findings
    )
    head = "".join(
        f'<th style="text-align:left">{h}</th>'
        for h in ("category", "severity", "phrase", "instead", "rule")
    )
    return (
        '<details style="margin-top:.4em"><summary>Findings</summary>'
        f'<table style="font-size:90%"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        "</details>"
    )


def report_html(report: Report) -> str:
    """The report as an HTML fragment: score, the reply with highlighted findings (hover for
    the explanation and suggestion), a legend of the categories found, and a table."""
    findings = report.findings
    problems = sum(1 for f in findings if not f.is_positive)
    return (
        '<div class="replylint-report" style="font-family:system-ui,sans-serif;line-height:1.6">'
        f'<div style="margin-bottom:.3em"><b>Score {report.score}</b>/100 · '
        f"{problems} problem{'s' if problems != 1 else ''}, "
        f"{len(findings) - problems} positive signal{'s' if len(findings) - problems != 1 else ''}</div>"
        '<div dir="auto" style="white-space:pre-wrap;padding:.5em .7em;border:1px solid #d1d5db;'
        f'border-radius:6px">{_highlighted_text(report.text, findings)}</div>'
        f'<div style="margin-top:.4em;font-size:90%">{_legend(report)}</div>'
        f"{_table(findings)}"
        "</div>"
    )
