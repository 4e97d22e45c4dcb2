"""A comparison for CI: GitHub Actions workflow commands and JUnit XML, pure functions to str.

GitHub: each regression is an ``::error``, each indicator lost a ``::warning``, each indicator won a
``::notice``, then one ``::notice`` with the verdicts. The comparison carries no positions (an indicator
lost may have many causes across the file), so the commands annotate the run, not a line.

JUnit: one test suite per pack compared, a test case per indicator that changed status (a lost one
fails, a won or changed one passes) and one case ``no regression`` per pack that fails when a level of
the pack is no longer reached or its score fell. The suite ``clusterkit diff`` holds the overall case.
No timestamps: the same comparison gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from clusterkit.render import RenderOptions
from clusterkit.render.github import command
from clusterkit.results.comparison import AssessmentDiff, IndicatorChange, NewEvidence

TITLE = "clusterkit diff"


def _change_text(change: IndicatorChange) -> str:
    minimum = " (minimum requirement)" if change.minimum_requirement else ""
    checks = "".join(
        f"; {check.id}: seen {check.observed_old or 'not given'} → {check.observed_new or 'not given'}"
        for check in change.checks
    )
    return (
        f"{change.id} {change.title}{minimum}: {change.old.replace('_', ' ')} → "
        f"{change.new.replace('_', ' ')} ({change.points_old:g} → {change.points_new:g} points){checks}"
    )


def github(diff: AssessmentDiff | NewEvidence, options: RenderOptions) -> str:
    """Workflow commands: regressions as errors, indicators lost as warnings, won as notices."""
    if isinstance(diff, NewEvidence):
        return (
            command("notice", f"{diff.message}: the file is new, nothing to compare", title=TITLE)
            + "\n"
        )
    lines = [command("error", text, title=f"{TITLE}: regression") for text in diff.regressions]
    for pack in diff.packs:
        lines += [
            command("warning", _change_text(c), title=f"{pack.pack}: lost") for c in pack.lost
        ]
        lines += [command("notice", _change_text(c), title=f"{pack.pack}: won") for c in pack.won]
    verdict = "no regression" if not diff.regressions else f"{len(diff.regressions)} regression(s)"
    lines.append(command("notice", f"{diff.old.label} → {diff.new.label}: {verdict}", title=TITLE))
    return "\n".join(lines) + "\n"


def _case(suite: ET.Element, classname: str, name: str, failure: str | None = None) -> None:
    case = ET.SubElement(suite, "testcase", {"classname": classname, "name": name, "time": "0"})
    if failure is not None:
        ET.SubElement(case, "failure", {"type": "regression", "message": failure})


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", {"name": name})


def junit(diff: AssessmentDiff | NewEvidence, options: RenderOptions) -> str:
    """The comparison as an indented XML document with a declaration, ending in a newline."""
    root = ET.Element("testsuites", {"name": TITLE})
    overall = _suite(root, TITLE)
    if isinstance(diff, NewEvidence):
        _case(overall, TITLE, f"{diff.message}: the file is new")
    else:
        regressions = "; ".join(diff.regressions) or None
        _case(overall, TITLE, "no regression", regressions)
        for pack in diff.packs:
            suite = _suite(root, pack.pack)
            mine = [text for text in diff.regressions if text.startswith(f"{pack.pack}: ")]
            _case(suite, pack.pack, "no regression", "; ".join(mine) or None)
            for change in (*pack.lost, *pack.won, *pack.changed):
                failure = _change_text(change) if change.direction == "lost" else None
                _case(suite, f"{pack.pack}.{change.id}", f"{change.id}: {change.title}", failure)
    totals = {"tests": 0, "failures": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        failures = sum(1 for case in cases if case.find("failure") is not None)
        suite.attrib.update(
            tests=str(len(cases)), failures=str(failures), errors="0", skipped="0", time="0"
        )
        totals["tests"] += len(cases)
        totals["failures"] += failures
    root.attrib.update({key: str(value) for key, value in totals.items()}, errors="0", time="0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
