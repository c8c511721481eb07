"""How much the app reads from any one file, and how deep and how large what it parses may be.

Lesson packages, keys and submissions come from other people. A file that is a FIFO, a device,
or a link to one (`/dev/zero`, `/dev/urandom`) would make a plain `read()` block forever or grow
memory without bound; a JSON number of 5,000 digits, `NaN`, or a YAML alias bomb would crash or
hang a parser, or silently turn a grade into `NaN`. Every loader goes through
`formats.document.read_bytes` and the parsers in `json_source` and `lesson_package` with these
caps, and docs/formats.md states them. Each is far above anything a real lesson needs.
"""

from __future__ import annotations

MiB = 1024 * 1024

#: Any file the app reads, unless a smaller cap below applies.
MAX_FILE_BYTES = 64 * MiB
#: A lesson's article (a long feature is ~100 KB; the speed issue tests a 1 MB article).
MAX_ARTICLE_BYTES = 8 * MiB
#: lesson.md: instructions, hints, debrief and teacher notes.
MAX_LESSON_BYTES = 2 * MiB
#: key.json, submissions, taxonomies, W3C annotation files (100,000 marks is ~25 MB).
MAX_JSON_BYTES = 48 * MiB
#: Digits in one JSON integer (offsets and counts need 10 at most; Python refuses > 4,300).
MAX_INTEGER_DIGITS = 32
#: Nesting of the YAML metadata block (JSON: what Python's parser takes, ~1,000 levels; deeper
#: is reported as "nested too deeply").
MAX_NESTING = 64
#: Nodes in the YAML metadata block after aliases are expanded (a real one has ~30).
MAX_YAML_NODES = 10_000
