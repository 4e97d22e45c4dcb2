"""JUnit XML for CI test reports: one test suite per pack, one test case per check and per target level.

Mapping: ``met`` passes; ``unmet`` and ``partial`` are failures (type ``unmet`` or ``partial``, the message
the check's reason, the text its fix); ``unknown`` is *skipped* (type ``unknown``): the check could not
run for want of evidence, which is what skipped means to a test report, and counting it as a failure
would fail a report whose level is reached. ``not_applicable`` is skipped too. The case
``target level`` of each requested pack fails when the level is not reached, so the report fails exactly
when ``clusterkit check --fail-on level`` does. The improvement plan, when the evidence has one, is a suite
``plan`` with a case per item: overdue fails (type ``overdue``), dropped and unassessed are skipped, the
rest pass, so that suite fails exactly when ``--fail-on overdue`` does. No timestamps or durations: the same assessment gives the
same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from clusterkit.render import RenderOptions
from clusterkit.results.assessment import Assessment, CheckResult, PackAssessment

FAILURES = frozenset({"unmet", "partial"})
SKIPPED = frozenset({"unknown", "not_applicable"})


def _case(suite: ET.Element, classname: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": classname, "name": name, "time": "0"})


def _check_case(suite: ET.Element, classname: str, check: CheckResult) -> None:
    case = _case(suite, classname, f"{check.id}: {check.title}")
    detail = "\n".join(
        part
        for part in (
            f"observed: {check.observed}" if check.observed is not None else "",
            f"expected: {check.expected}" if check.expected else "",
            f"fix: {check.fix}" if check.fix else "",
        )
        if part
    )
    if check.status in FAILURES:
        element = ET.SubElement(case, "failure", {"message": check.reason, "type": check.status})
        element.text = detail
    elif check.status in SKIPPED:
        element = ET.SubElement(case, "skipped", {"message": check.reason, "type": check.status})
        element.text = detail or None


def _level_case(suite: ET.Element, pack: PackAssessment) -> None:
    level = next(item for item in pack.levels if item.id == pack.target_level)
    case = _case(suite, f"{pack.pack}.levels", f"target level {level.id}: {level.title}")
    if not level.reached:
        element = ET.SubElement(
            case, "failure", {"message": f"{level.title} is not reached", "type": "level"}
        )
        element.text = "\n".join(level.reasons)


def _suite(root: ET.Element, pack: PackAssessment) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", {"name": pack.pack})
    if pack.requested:
        _level_case(suite, pack)
    for area in pack.areas:
        for indicator in area.indicators:
            for check in indicator.checks:
                _check_case(suite, f"{pack.pack}.{indicator.id}", check)
    return suite


def _plan_suite(root: ET.Element, assessment: Assessment) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", {"name": "plan"})
    for item in assessment.plan:
        case = _case(suite, "plan", f"item {item.item}: {item.title}")
        detail = f"owner: {item.owner}\ndue: {item.due}\nstatus: {item.status}"
        detail += f"\nnote: {item.note}" if item.note else ""
        message = f"{item.describe()}: {item.state}"
        if item.state == "overdue":
            element = ET.SubElement(case, "failure", {"message": message, "type": "overdue"})
            element.text = detail
        elif item.state in ("dropped", "unassessed"):
            element = ET.SubElement(case, "skipped", {"message": message, "type": item.state})
            element.text = detail
    return suite


def _count(suite: ET.Element) -> dict[str, str]:
    cases = suite.findall("testcase")
    return {
        "tests": str(len(cases)),
        "failures": str(sum(1 for case in cases if case.find("failure") is not None)),
        "errors": "0",
        "skipped": str(sum(1 for case in cases if case.find("skipped") is not None)),
        "time": "0",
    }


def render(assessment: Assessment, options: RenderOptions) -> str:
    """The report as an indented XML document with a declaration, ending in a newline."""
    root = ET.Element("testsuites", {"name": f"clusterkit {assessment.evidence_file}"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suites = [_suite(root, pack) for pack in assessment.packs]
    if assessment.plan:
        suites.append(_plan_suite(root, assessment))
    for suite in suites:
        counts = _count(suite)
        for key, value in counts.items():
            suite.set(key, value)
            if key in totals:
                totals[key] += int(value)
    for key, total in totals.items():
        root.set(key, str(total))
    root.set("time", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
