"""Criteria packs: find them (bundled ids or paths), load them, apply `extends`, check the pack graph.

Everything about a pack that is decided before scoring happens here, with positions in the pack files:
a pack that validates here is one the scorer can assess, including the level prerequisites across packs
(unknown packs or levels, and cycles, are input errors at the line that names them). May import `load`,
`models`, `errors` and `resources`; never `facts`, `scoring`, `render` or `cli`.
"""
