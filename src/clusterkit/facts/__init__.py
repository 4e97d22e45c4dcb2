"""The I/O half of an assessment: documents on disk, their git dates, and evidence at other revisions.

Collects the `models.facts.Facts` the scorer reads: which documents the evidence names exist, their
headings, their last change (git, else the file time). Paths never leave the evidence file's repository.
May import `load`, `models` and `errors`; never `scoring`, `render` or `cli`.
"""
