"""The scorer: pure functions from evidence, facts, packs and a date to an Assessment.

Rules (`evaluation`, `documents`, `context`), level verdicts (`levels`), the roadmap, the service
portfolio, the cluster's profile, and the `check` verdict. No file, clock, git or network access: every
input is an argument, so the same input gives the same bytes. May import `models`, `results` and
`errors`; never `load`, `facts`, `packs`, `render` or `cli`.
"""
