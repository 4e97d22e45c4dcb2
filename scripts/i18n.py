"""The gettext catalogues of the reports: extract the messages, update each language, compile.

    python scripts/i18n.py extract   # templates -> src/clusterkit/locale/clusterkit.pot
    python scripts/i18n.py update    # .pot -> each <lang>/LC_MESSAGES/clusterkit.po (new msgids empty)
    python scripts/i18n.py compile   # .po -> .mo, the files the package reads
    python scripts/i18n.py all       # the three, in order

The .mo files are committed and shipped in the wheel (they sit inside the package); a test checks that
each is what compiling its .po gives, and that the .pot has every message of the templates. Babel's
pybabel does the work; this script only fixes the paths and keeps the output free of dates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "clusterkit" / "locale"
POT = LOCALE / "clusterkit.pot"
DOMAIN = "clusterkit"
TRANSLATED = ("de", "fr")


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(target: Path = POT) -> None:
    # --omit-header: no creation date, so the same templates give the same file.
    pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-o",
        str(target),
        "--omit-header",
        "--no-location",
        "--sort-output",
        "-k",
        "_",
        "-k",
        "gettext",
        "-k",
        "ngettext:1,2",
        str(ROOT / "templates"),
        str(ROOT / "src" / "clusterkit" / "render"),
    )


def update() -> None:
    """Merge the template into each language's catalogue: new messages empty, dropped ones removed.

    Done with Babel's API rather than `pybabel update`, which stamps the current time into the header
    and rewraps every line: the same templates must give the same files.
    """
    with POT.open("rb") as stream:
        template = read_po(stream)
    for language in TRANSLATED:
        po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po.open("rb") as stream:
            catalogue = read_po(stream, locale=language)
        created = catalogue.creation_date  # the template has no header, so no date of its own
        catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalogue.creation_date = created
        catalogue.obsolete.clear()
        with po.open("wb") as stream:
            write_po(stream, catalogue, width=100, no_location=True, sort_output=True)


def compile_all() -> None:
    pybabel("compile", "-d", str(LOCALE), "-D", DOMAIN, "--use-fuzzy")


def main(argv: list[str]) -> int:
    steps = {"extract": [extract], "update": [update], "compile": [compile_all]}
    steps["all"] = [extract, update, compile_all]
    if len(argv) != 1 or argv[0] not in steps:
        print(__doc__, file=sys.stderr)
        return 2
    for step in steps[argv[0]]:
        step()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
