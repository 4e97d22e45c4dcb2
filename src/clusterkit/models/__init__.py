"""All data the core passes around: the evidence file, criteria packs and their rules, facts, vocabularies.

Pydantic models of the two input files (`evidence` and its sections, `pack`, `extension`, `rules`), the
facts gathered about documents (`facts`), closed vocabularies and the portfolio's value tables (`vocab`),
and the field-path helpers rules are checked with. Models validate themselves and know nothing of files,
YAML, git or the terminal. May import `errors` only.
"""
