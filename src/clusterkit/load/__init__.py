"""Reading input files: the strict YAML loader, its limits and problems, and validation into models.

Owns turning bytes into positioned data (`yamlfile.load_file` gives a `YamlDocument` whose every key and
value has its line and column) and pydantic's errors into plain-language `Problem`s at those positions
(`validation`), and mapping an assessment's field paths back to where they are written (`positions`).
May import `errors`, `models` and `results`; never `packs`, `facts`, `scoring`, `render` or `cli`.
"""
