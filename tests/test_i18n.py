"""Reports in other languages: complete, current catalogues; German summaries with no English left;
locale formats; pack wording files beside the packs; --lang and cluster.language."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from clusterkit.packs.files import bundled_pack_paths
from clusterkit.packs.loader import load_pack
from clusterkit.packs.wording import wording_path
from clusterkit.render import RenderOptions, render
from clusterkit.render.i18n import Formats
from clusterkit.resources import locale_dir
from conftest import EXAMPLE_NAMES, EXAMPLES, ROOT
from scoring_support import assess_example

LOCALE = locale_dir()


def catalogue(language: str):  # type: ignore[no-untyped-def]
    with (LOCALE / language / "LC_MESSAGES" / "clusterkit.po").open("rb") as stream:
        return read_po(stream, locale=language)


def untranslated(language: str) -> list[object]:
    return [
        m.id
        for m in catalogue(language)
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    ]


def test_every_message_has_a_german_translation() -> None:
    template = {m.id for m in read_po((LOCALE / "clusterkit.pot").open("rb")) if m.id}
    german = {m.id for m in catalogue("de") if m.id}
    assert template <= german, sorted(map(str, template - german))
    assert not untranslated("de")


def test_the_catalogue_template_has_every_message_of_the_templates(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import i18n

    fresh = tmp_path / "fresh.pot"
    i18n.extract(fresh)
    ids = {m.id for m in read_po(fresh.open("rb")) if m.id}
    committed = {m.id for m in read_po((LOCALE / "clusterkit.pot").open("rb")) if m.id}
    assert ids == committed, "run python scripts/i18n.py all and commit the result"


@pytest.mark.parametrize("language", ["de", "fr"])
def test_each_compiled_catalogue_is_its_po_compiled(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(language), use_fuzzy=True)
    shipped = (LOCALE / language / "LC_MESSAGES" / "clusterkit.mo").read_bytes()
    assert shipped == compiled.getvalue(), "run python scripts/i18n.py compile"


def test_french_translates_every_message_of_the_summary() -> None:
    from babel.messages.extract import extract_from_file

    used = set()
    for name in ("_summary.html.j2", "_summary.md.j2"):
        for _, message, _, _ in extract_from_file(
            "jinja2",
            ROOT / "templates" / name,
            keywords={"_": None, "ngettext": (1, 2)},
            options={"extensions": "jinja2.ext.i18n", "trimmed": "true"},
        ):
            if message:
                used.add(tuple(message) if isinstance(message, list | tuple) else message)
    french = {m.id: m for m in catalogue("fr") if m.id}
    assert used and used <= set(french), sorted(map(str, used - set(french)))
    assert not [m for m in used if m in untranslated("fr")]


class Text(HTMLParser):
    """The text nodes of an HTML page, skipping <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.nodes.append(text)


def text_nodes(page: str) -> list[str]:
    parser = Text()
    parser.feed(page)
    return parser.nodes


def summary(name: str, language: str) -> str:
    return render(
        assess_example(name, language=language),
        "html",
        RenderOptions(summary=True, language=language),
    )


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_summary_has_no_english_sentence_left(name: str, language: str) -> None:
    a = assess_example(name)
    given = {a.cluster.name, a.cluster.field, a.cluster.region, a.cluster.website}
    german = " ".join(text_nodes(summary(name, language)))
    english = [
        node
        for node in text_nodes(summary(name, "en"))
        if node not in given and len(re.findall(r"[A-Za-z]{2,}", node)) >= 2
    ]
    assert len(english) > 20, "the English summary is made of sentences"
    left = [node for node in english if node in german]
    assert not left, left


def test_german_numbers_dates_and_pack_titles() -> None:
    text = " ".join(text_nodes(summary("agrifood-midlands", "de")))
    assert "1. Oktober 2026" in text
    assert "Exzellenzwert 61,2 % (189,75 von 310 Punkten); Gold verlangt 80 %." in text
    assert "Exzellenz des Clustermanagements, Vorbewertung nach Gold" in text
    assert "4.1.3 Umsetzungsplan: Maßnahmen haben ein Budget" in text
    assert '<html lang="de">' in summary("agrifood-midlands", "de")


@pytest.mark.parametrize(
    ("language", "score", "day"),
    [
        ("en", "61.2 %", "1 October 2026"),
        ("de", "61,2 %", "1. Oktober 2026"),
        ("fr", "61,2 %", "1 octobre 2026"),
    ],
)
def test_scores_and_dates_follow_the_language(language: str, score: str, day: str) -> None:
    import datetime as dt

    formats = Formats(language)
    assert formats.score(0.61249) == score, "rounded down, never up"
    assert formats.score(0.8) == score.split(" ", maxsplit=1)[0][:0] + "80 %"
    assert formats.date(dt.date(2026, 10, 1)) == day


def _numbers() -> list[float]:
    """Numbers a report may format: whole, halves at every rounding place, negative, large, tiny."""
    import random

    generated = random.Random(17)
    found = [0.0, -0.0, 1.0, 2.5, 0.5, 1.5, 0.05, 0.15, 0.0005, 0.0015, 0.0025, 999.9995, 1e15]
    found += [-0.0004, -1.5, -1234.5678, 1000.0, 999999.9999, 0.1 + 0.2, 36.5, 189.75, 310]
    for _ in range(400):
        digits = generated.randint(0, 8)
        found.append(round(generated.uniform(-1, 1) * 10**digits, generated.randint(0, 6)))
        found.append(generated.randint(0, 10**digits) / generated.choice([1, 2, 4, 8, 1000]))
    return found


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_numbers_scores_and_dates_are_babels_strings(language: str) -> None:
    # English is written without Babel (its locale data was 10 to 20 ms of a report): the strings of
    # every language must stay those Babel writes for the language's locale.
    import datetime as dt
    from decimal import Decimal

    from babel.dates import format_date
    from babel.numbers import format_decimal

    from clusterkit.render.i18n import FORMAT_LOCALES
    from clusterkit.render.languages import LANGUAGES

    assert language in LANGUAGES and set(LANGUAGES) == {"en", "de", "fr"}
    locale = FORMAT_LOCALES.get(language, language)
    formats = Formats(language)
    for value in _numbers():
        assert formats.number(value) == format_decimal(value, "#,##0.###", locale=locale), value
        score = value / 1000 if value >= 0 else None
        if score is not None:
            floored = (Decimal(str(score)) * 1000).to_integral_value(rounding="ROUND_FLOOR") / 10
            expected = format_decimal(floored, "#,##0.#", locale=locale) + " %"
            assert formats.score(score) == expected, score
    day = dt.date(1999, 12, 25)
    while day < dt.date(2031, 1, 1):
        assert formats.date(day) == format_date(day, "long", locale=locale), day
        day += dt.timedelta(days=23)
    for day in (dt.date(1, 1, 1), dt.date(999, 2, 28), dt.date(2026, 10, 1), dt.date(9999, 12, 31)):
        assert formats.date(day) == format_date(day, "long", locale=locale), day


@pytest.mark.parametrize(("language", "babel"), [("en", False), ("de", True)])
def test_only_a_report_in_another_language_imports_babel(language: str, babel: bool) -> None:
    evidence = str(EXAMPLES / "nordic-maritime" / "cluster.yaml")
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from clusterkit.pipeline import load_evidence, run\n"
        "from clusterkit.render import RenderOptions, render\n"
        f"loaded = load_evidence(Path({evidence!r}), 'cluster.yaml')\n"
        f"text = render(run(loaded, language={language!r}), 'html', RenderOptions(language={language!r}))\n"
        "print('BABEL', 'babel' in sys.modules, len(text) > 10_000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert f"BABEL {babel} True" in done.stdout, done.stderr


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize("pack_id", sorted(bundled_pack_paths()))
def test_every_bundled_pack_has_every_title_translated(pack_id: str, language: str) -> None:
    english = load_pack(pack_id)
    path = wording_path(english.path, pack_id, language)
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert words["pack"] == pack_id and words["language"] == language and words["title"]
    for area in english.pack.areas:
        assert words["areas"][area.id]["title"]
        for indicator in area.indicators:
            entry = words["indicators"][indicator.id]
            assert entry["title"] != indicator.title or indicator.title.isupper()
            assert set(entry["checks"]) == {check.id for check in indicator.checks}
    assert set(words["levels"]) == {level.id for level in english.pack.levels}


def copy_pack_with_wording(tmp_path: Path, wording: str) -> Path:
    folder = tmp_path / "packs"
    (folder / "locales" / "de").mkdir(parents=True)
    shutil.copy(bundled_pack_paths()["eccp-validation"], folder / "eccp-validation.yaml")
    (folder / "locales" / "de" / "eccp-validation.yaml").write_text(wording, encoding="utf-8")
    return folder / "eccp-validation.yaml"


def test_a_custom_pack_takes_its_wording_from_beside_it(cli, tmp_path: Path) -> None:
    pack = copy_pack_with_wording(
        tmp_path, "pack: eccp-validation\nlanguage: de\ntitle: Unsere Schwelle\n"
    )
    evidence = EXAMPLES / "agrifood-midlands" / "cluster.yaml"
    result = cli("report", evidence, "-c", pack, "--lang", "de", "--summary")
    assert result.code == 0, result
    assert "### Unsere Schwelle" in result.stdout


def test_a_wording_file_naming_an_unknown_id_is_an_error_at_its_line(cli, tmp_path: Path) -> None:
    pack = copy_pack_with_wording(
        tmp_path,
        "pack: eccp-validation\nlanguage: de\nindicators:\n  E.9:\n    title: Gibt es nicht\n",
    )
    result = cli(
        "report", EXAMPLES / "agrifood-midlands" / "cluster.yaml", "-c", pack, "--lang", "de"
    )
    assert result.code == 2, result
    assert (
        "eccp-validation.yaml:4:3: error: indicators.E.9: `E.9` is not an id of pack `eccp-validation`"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_lang_must_be_a_language_with_a_translation(cli) -> None:
    result = cli("report", EXAMPLES / "agrifood-midlands" / "cluster.yaml", "--lang", "xx")
    assert result.code == 2, result
    assert "available: en, de, fr" in result.stderr


def with_language(tmp_path: Path, language: str) -> Path:
    folder = tmp_path / "agrifood-midlands"
    shutil.copytree(EXAMPLES / "agrifood-midlands", folder)
    evidence = folder / "cluster.yaml"
    text = evidence.read_text(encoding="utf-8")
    # The example may declare a language already (agrifood-midlands: de); replace it, else add one.
    if re.search(r"(?m)^  language: \S+", text):
        text = re.sub(r"(?m)^  language: \S+", f"  language: {language}", text, count=1)
    else:
        text = re.sub(r"(?m)^cluster:\n", f"cluster:\n  language: {language}\n", text, count=1)
    evidence.write_text(text, encoding="utf-8")
    return evidence


def test_cluster_language_chooses_the_report_language(cli, tmp_path: Path) -> None:
    result = cli("report", with_language(tmp_path, "de"), "--summary")
    assert result.code == 0, result
    assert "## Zusammenfassung" in result.stdout and "1\\. Oktober 2026" not in result.stdout
    overridden = cli("report", with_language(tmp_path / "b", "de"), "--summary", "--lang", "en")
    assert "## Summary" in overridden.stdout


def test_a_language_without_a_translation_writes_english_and_says_so(cli, tmp_path: Path) -> None:
    result = cli("report", with_language(tmp_path, "da"), "--summary")
    assert result.code == 0, result
    assert "## Summary" in result.stdout
    assert "no report translation for cluster.language `da`" in result.stderr


@pytest.mark.parametrize("value", ["DE", "dk", "deu"])
def test_cluster_language_is_an_iso_639_1_code_in_lower_case(
    cli, tmp_path: Path, value: str
) -> None:
    result = cli("validate", with_language(tmp_path, value))
    assert result.code == 2, result
    assert "cluster.language" in result.stderr


def test_the_i18n_script_runs_as_documented(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "nonsense"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "extract" in done.stderr
