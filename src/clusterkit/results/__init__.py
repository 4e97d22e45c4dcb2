"""What the core produces and every renderer reads: the Assessment, the comparison of two, number formats.

Pure data and pure functions of it. `assessment` is the one JSON shape of every output; `comparison` turns
two assessments into a diff; `numbers` is the one place a score or value becomes text (`fmt_score` rounds
down, so 79.96 % never reads as 80 %). May import `models` and `errors` only.
"""
