"""survey import: a real-shaped export to the figures computed by hand; bad exports at their row and column."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from clusterkit.errors import InputError
from clusterkit.facts.survey_files import read_table
from clusterkit.pipeline import import_survey, load_evidence
from clusterkit.scoring.survey import SurveyRun
from conftest import EXAMPLES, CliResult

SURVEYS = Path(__file__).resolve().parent / "data" / "surveys"
EXPORT = SURVEYS / "members-2026.csv"
MAPPING = SURVEYS / "members-2026.map.yaml"
RUN = SurveyRun(file_name="members-2026.csv", imported=dt.date(2026, 4, 2), invited=120)

Cli = Callable[..., CliResult]


def test_the_fixture_is_what_the_acceptance_asks_for() -> None:
    data = EXPORT.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark"
    table = read_table(EXPORT)
    assert len(table.rows) >= 60
    assert any("\n" in cell for row in table.rows for cell in row.cells), "a quoted line break"
    assert table.header[0] == "Response ID", "the BOM is not part of the first column's name"
    assert b'";"' in data.splitlines()[0], "fields separated by ;"


def test_export_imports_to_the_figures_worked_out_by_hand() -> None:
    survey = import_survey(EXPORT, MAPPING, RUN)
    # 64 rows, one per respondent, 120 invited.
    assert survey.respondents == 64
    assert survey.response_rate == pytest.approx(64 / 120)
    # Overall: 20 fives and 28 fours of 62 answers (2 blank) are satisfied (4 or 5): 48/62 = 0.77419…,
    # stored rounded down.
    assert survey.satisfied_share == 0.7741
    # Pay: 25 Yes (mapped to 5) of 60 answers: 0.41666…
    assert survey.willing_to_pay_share == 0.4166
    # Recommend: 30 fives and 20 fours of 64: 0.78125 -> 0.7812.
    assert survey.recommend_share == 0.7812
    fair, seminars = survey.services or []
    # Trade fairs: 18×5 + 12×4 + 6×3 + 4×1 = 160 over 40 answers: 4.0; pay 22 Yes of 36: 0.6111.
    assert (fair.service, fair.answers, fair.mean) == (
        "Organisation of trade fair missions",
        40,
        4.0,
    )
    assert (fair.pay_answers, fair.willing_to_pay_share) == (36, 0.6111)
    # Seminars: 10×3 + 20×2 + 6×1 = 76 over 36: 2.111… -> 2.11; no pay question.
    assert (seminars.service, seminars.answers, seminars.mean) == ("Seminar / training", 36, 2.11)
    assert seminars.pay_answers is None and seminars.willing_to_pay_share is None
    # The date is the latest submission; the source records file, import date and n.
    assert survey.date == dt.date(2026, 3, 28)
    assert survey.source is not None
    assert (survey.source.file, survey.source.imported, survey.source.rows) == (
        "members-2026.csv",
        dt.date(2026, 4, 2),
        64,
    )
    assert survey.source.satisfied_from == 4


def test_free_text_is_never_copied(cli: Cli) -> None:
    result = cli("survey", "import", EXPORT, "--map", MAPPING, "--today", "2026-04-02")
    assert result.code == 0, result
    for text in ("Hamburg", "matchmaking", "none", "Anything else"):
        assert text not in result.stdout


def test_printed_summary_is_an_entry_to_paste(cli: Cli) -> None:
    result = cli(
        "survey", "import", EXPORT, "--map", MAPPING, "--invited", "120", "--today", "2026-04-02"
    )
    assert result.code == 0, result
    entry = yaml.safe_load(result.stdout)["satisfaction_surveys"][0]
    assert entry["date"] == dt.date(2026, 3, 28)
    assert entry["satisfied_share"] == 0.7741
    assert entry["source"] == {
        "file": "members-2026.csv",
        "imported": dt.date(2026, 4, 2),
        "rows": 64,
        "satisfied_from": 4,
    }
    assert "response_rate" not in entry, "worked out from invited and respondents, never stored"


def test_date_option_wins_and_without_a_date_the_import_asks_for_one(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli("survey", "import", EXPORT, "--map", MAPPING, "--date", "2026-03-31")
    assert result.code == 0, result
    assert "date: 2026-03-31" in result.stdout
    export = tmp_path / "no-dates.csv"
    export.write_text("overall_satisfaction\n4\n5\n", encoding="utf-8")
    result = cli("survey", "import", export)
    assert result.code == 2, result
    assert "--date" in result.stderr


def _agrifood(tmp_path: Path) -> Path:
    folder = tmp_path / "agrifood"
    shutil.copytree(EXAMPLES / "agrifood-midlands", folder)
    return folder / "cluster.yaml"


def test_into_writes_the_summary_and_keeps_every_other_line(cli: Cli, tmp_path: Path) -> None:
    evidence = _agrifood(tmp_path)
    before = evidence.read_text(encoding="utf-8")
    args = ("survey", "import", EXPORT, "--map", MAPPING, "--invited", "120")
    result = cli(*args, "--into", evidence, "--today", "2026-04-02")
    assert result.code == 0, result
    after = evidence.read_text(encoding="utf-8")
    added = after.splitlines()
    for line in before.splitlines():
        assert line in added, f"lost: {line!r}"
    assert len(added) > len(before.splitlines())
    latest = load_evidence(evidence).evidence.latest_survey
    assert latest is not None
    assert (latest.date, latest.respondents, latest.satisfied_share) == (
        dt.date(2026, 3, 28),
        64,
        0.7741,
    )
    assert latest.source is not None and latest.source.file == "members-2026.csv"


def test_reimport_of_the_same_survey_replaces_its_figures_and_keeps_what_a_person_wrote(
    cli: Cli, tmp_path: Path
) -> None:
    evidence = _agrifood(tmp_path)
    text = evidence.read_text(encoding="utf-8").replace(
        "    actions: [Newsletter raised from two to four issues a year]\n",
        "    actions: [Newsletter raised from two to four issues a year]\n"
        "  - date: 2026-03-28\n    report: docs/survey-2023.md\n    actions: [Fewer and shorter trade fair trips]\n",
    )  # the last entry of the list, right above the next section's heading comment
    assert "date: 2026-03-28" in text
    evidence.write_text(text, encoding="utf-8")
    for invited in ("100", "120"):  # twice: the second replaces the first
        result = cli(
            "survey", "import", EXPORT, "--map", MAPPING, "--invited", invited, "--into", evidence
        )
        assert result.code == 0, result
    kept = evidence.read_text(encoding="utf-8").splitlines()
    for line in text.splitlines():  # the section comments after the list too
        assert line in kept, f"lost: {line!r}"
    surveys = load_evidence(evidence).evidence.satisfaction_surveys or []
    assert [survey.date for survey in surveys] == [dt.date(2023, 11, 30), dt.date(2026, 3, 28)]
    imported = surveys[1]
    assert (imported.invited, imported.respondents) == (120, 64)
    assert imported.actions == ["Fewer and shorter trade fair trips"]
    assert imported.report == "docs/survey-2023.md"


HEADER = "overall_satisfaction;service: Seminar / training;comments\n"


@pytest.mark.parametrize(
    ("body", "line", "column", "code"),
    [
        # wrong column count: row 3 (line 3) has a fourth field
        ("4;5;ok\n3;2;fine;extra\n", 3, 4, "wrong-width"),
        # too few fields: the first missing one is column 3
        ("4;5;ok\n3;2\n", 3, 3, "wrong-width"),
        # non-numeric Likert: line 4, since the quoted comment of row 2 spans two lines
        ('4;5;"two\nlines"\nvery good;2;\n', 4, 1, "invalid-answer"),
        ("4;6;\n", 2, 2, "invalid-answer"),
    ],
    ids=["too-many-fields", "too-few-fields", "not-a-number", "out-of-scale"],
)
def test_malformed_export_is_an_error_at_its_row_and_column_and_the_evidence_is_untouched(
    cli: Cli, tmp_path: Path, body: str, line: int, column: int, code: str
) -> None:
    evidence = _agrifood(tmp_path)
    before = evidence.read_bytes()
    export = tmp_path / "bad.csv"
    export.write_text(HEADER + body, encoding="utf-8")
    result = cli("survey", "import", export, "--into", evidence, "--date", "2026-03-01")
    assert result.code == 2, result
    assert f"{export}:{line}:{column}: error:" in result.stderr, result
    assert f"[{code}]" in result.stderr
    assert "Traceback" not in result.stderr
    assert evidence.read_bytes() == before


def test_unknown_question_is_an_error_at_the_header(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "bad.csv"
    export.write_text("overall_satisfaction,How was lunch?\n4,5\n", encoding="utf-8")
    result = cli("survey", "import", export, "--date", "2026-03-01")
    assert result.code == 2, result
    assert f"{export}:1:2: error: unknown question `How was lunch?`" in result.stderr
    assert "--map" in result.stderr


def test_mapping_file_errors_are_at_their_line_and_column(cli: Cli, tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    text = MAPPING.read_text(encoding="utf-8")
    mapping.write_text(text.replace("respondent: Response ID", "respondant: Response ID"), "utf-8")
    result = cli("survey", "import", EXPORT, "--map", mapping)
    assert result.code == 2, result
    assert f"{mapping}:3:1: error: respondant: unknown field `respondant`" in result.stderr
    assert "did you mean `respondent`?" in result.stderr


def test_a_mapped_column_missing_from_the_export_is_an_error_in_the_mapping(
    cli: Cli, tmp_path: Path
) -> None:
    mapping = tmp_path / "map.yaml"
    text = MAPPING.read_text(encoding="utf-8")
    mapping.write_text(text.replace("the seminars and", "the seminar and"), "utf-8")
    result = cli("survey", "import", EXPORT, "--map", mapping, "--date", "2026-03-01")
    assert result.code == 2, result
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "seminars and" in row)
    assert f"{mapping}:{line}:13: error: column `How do you rate the seminar and" in result.stderr
    # ...and the export's column it should have named is then unknown, at the header.
    assert f"{EXPORT}:1:8: error: unknown question" in result.stderr


def test_into_refuses_a_service_the_evidence_does_not_have(cli: Cli, tmp_path: Path) -> None:
    evidence = _agrifood(tmp_path)
    before = evidence.read_bytes()
    mapping = tmp_path / "map.yaml"
    text = MAPPING.read_text(encoding="utf-8")
    mapping.write_text(
        text.replace("- service: Seminar / training", "- service: Seminar/trainings"), "utf-8"
    )
    result = cli("survey", "import", EXPORT, "--map", mapping, "--into", evidence)
    assert result.code == 2, result
    assert "service `Seminar/trainings` is not in the evidence file's services" in result.stderr
    assert "did you mean `Seminar / training`?" in result.stderr
    assert evidence.read_bytes() == before


def test_comma_separated_export_with_quoted_commas(tmp_path: Path) -> None:
    export = tmp_path / "comma.csv"
    export.write_text(
        'submitted,overall_satisfaction,comments\n2026-02-01,5,"good, thanks"\n2026-02-03,2,\n',
        encoding="utf-8",
    )
    survey = import_survey(
        export, None, SurveyRun(file_name="comma.csv", imported=dt.date(2026, 3, 1))
    )
    assert (survey.date, survey.respondents, survey.satisfied_share) == (
        dt.date(2026, 2, 3),
        2,
        0.5,
    )


def test_an_export_that_is_not_utf8_is_refused_with_a_hint(tmp_path: Path) -> None:
    export = tmp_path / "latin1.csv"
    export.write_bytes("overall_satisfaction;comments\n4;Grüße\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_table(export)
    assert caught.value.problems[0].code == "not-utf8"
    assert "UTF-8" in caught.value.problems[0].hint


def test_invited_fewer_than_respondents_is_refused(cli: Cli) -> None:
    result = cli("survey", "import", EXPORT, "--map", MAPPING, "--invited", "50")
    assert result.code == 2, result
    assert "--invited 50 is fewer than the 64 respondents" in result.stderr


def test_template_filled_with_invented_answers_imports_without_a_mapping(
    cli: Cli, tmp_path: Path
) -> None:
    evidence = _agrifood(tmp_path)
    questionnaire = cli("survey", "template", evidence)
    assert questionnaire.code == 0, questionnaire
    assert "How much do you value Seminar / training?" in questionnaire.stdout
    header = cli("survey", "template", evidence, "--format", "csv")
    assert header.code == 0, header
    assert header.stdout in questionnaire.stdout, "the questionnaire shows the header it imports by"
    columns = header.stdout.rstrip("\n").split(",")
    # Invented answers: every respondent rates every service 4 and pays for none; three respondents.
    rows = []
    for number, overall in enumerate(("5", "4", "2"), start=1):
        answers = dict.fromkeys(columns, "")
        answers.update(respondent=str(number), submitted=f"2026-05-0{number}", comments="free text")
        answers.update(overall_satisfaction=overall, willingness_to_pay="3", would_recommend="5")
        for name in columns:
            if name.startswith("service: "):
                answers[name] = "4"
            elif name.startswith("pay: "):
                answers[name] = "1"
        rows.append(",".join(f'"{answers[name]}"' for name in columns))
    export = tmp_path / "answers.csv"
    export.write_text(header.stdout + "\n".join(rows) + "\n", encoding="utf-8")
    result = cli("survey", "import", export, "--into", evidence, "--invited", "41")
    assert result.code == 0, result
    latest = load_evidence(evidence).evidence.latest_survey
    assert latest is not None
    assert (latest.date, latest.respondents, latest.invited) == (dt.date(2026, 5, 3), 3, 41)
    assert latest.satisfied_share == 0.6666  # 2 of 3, rounded down
    assert latest.willing_to_pay_share == 0.0
    assert latest.recommend_share == 1.0
    names = [service.name for service in load_evidence(evidence).evidence.services or ()]
    assert [rating.service for rating in latest.services or ()] == names
    assert {(r.answers, r.mean, r.willing_to_pay_share) for r in latest.services or ()} == {
        (3, 4.0, 0.0)
    }


def test_output_file_gets_the_summary_and_never_replaces_the_export(
    cli: Cli, tmp_path: Path
) -> None:
    export = tmp_path / "answers.csv"
    shutil.copy(EXPORT, export)
    target = tmp_path / "summary.yaml"
    result = cli("survey", "import", export, "--map", MAPPING, "-o", target)
    assert result.code == 0, result
    assert yaml.safe_load(target.read_text("utf-8"))["satisfaction_surveys"][0]["respondents"] == 64
    before = export.read_bytes()
    result = cli("survey", "import", export, "--map", MAPPING, "-o", export)
    assert result.code == 2, result
    assert "cannot write" in result.stderr and "input of this run" in result.stderr
    assert export.read_bytes() == before


def test_into_and_output_together_are_refused(cli: Cli, tmp_path: Path) -> None:
    evidence = _agrifood(tmp_path)
    result = cli(
        "survey", "import", EXPORT, "--map", MAPPING, "--into", evidence, "-o", tmp_path / "x"
    )
    assert result.code == 2, result
    assert "not both" in result.stderr


def test_template_for_a_file_without_services_asks_the_standard_questions(
    cli: Cli, tmp_path: Path
) -> None:
    evidence = tmp_path / "cluster.yaml"
    evidence.write_text(
        "schema_version: 1\ncluster: {name: New Cluster, country: DE}\nparticipants: {committed: 3}\n",
        "utf-8",
    )
    result = cli("survey", "template", evidence, "--format", "csv")
    assert result.code == 0, result
    expected = (
        "respondent,submitted,overall_satisfaction,willingness_to_pay,would_recommend,comments\n"
    )
    assert result.stdout == expected
    questionnaire = cli("survey", "template", evidence)
    assert "# Member survey: New Cluster" in questionnaire.stdout
    assert "## The services" not in questionnaire.stdout


def test_reimport_of_the_last_survey_keeps_the_heading_of_the_next_section(
    cli: Cli, tmp_path: Path
) -> None:
    # The first import appends the survey as the list's last entry; the second replaces its figures.
    # ruamel hangs the comment block after the list on that entry, so the writer must keep it.
    evidence = _agrifood(tmp_path)
    before = evidence.read_text(encoding="utf-8").splitlines()
    for invited in ("100", "120"):
        result = cli(
            "survey", "import", EXPORT, "--map", MAPPING, "--invited", invited, "--into", evidence
        )
        assert result.code == 0, result
    after = evidence.read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line in before] == before, "every line kept, in order"
    assert after.count("    invited: 120") == 1 and "    invited: 100" not in after
