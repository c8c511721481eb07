"""What the app writes for people and scripts to read: grade and class-review reports.

One place for every rendering (terminal table, JSON, spreadsheet-safe CSV) so that `grade`,
`review` and the class review window's export write the same columns in the same units with
the same protection against formulas. Qt-free; commands and windows only choose what to call.

    cells.py      text a spreadsheet cannot run, numbers it cannot take for dates, one CSV writer
    table.py      fixed-width terminal tables
    gradebook.py  the gradebook columns `grade` and `review` share
    grade.py      `grade`: table, JSON, CSV
    review.py     `review`: table, JSON, CSV (gradebook, items, hot spots)
    emit.py       to stdout or a file (atomically), never failing on a stray surrogate
"""
