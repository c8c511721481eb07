#!/usr/bin/env bash
# The pictures in docs/screenshots/ at the two laptop sizes a school has (1366x768, 1024x768):
# the first lesson being marked by a careful reader, and the same work checked. Drawn offscreen,
# in a throwaway settings home so that nothing of yours is read or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
app=.venv/bin/literacy-app
work=tests/lessons/readings/bakhmut-op-ed/reader-phrase.json
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export QT_QPA_PLATFORM=offscreen LITERACY_APP_HOME="$home"
for size in 1366x768 1024x768; do
  "$app" open "$work" --lesson bakhmut-op-ed --size "$size" \
    --screenshot "docs/screenshots/marking-$size.png"
  "$app" open "$work" --lesson bakhmut-op-ed --size "$size" --review \
    --screenshot "docs/screenshots/review-$size.png"
done
# The self-study windows: library, hints, drill and progress.
.venv/bin/python scripts/study_screenshots.py docs/screenshots
.venv/bin/python scripts/progress_screenshot.py docs/screenshots/progress.png
# The printable reports: a student's feedback, the handout, the class report.
.venv/bin/python scripts/report_screenshots.py docs/screenshots
.venv/bin/python scripts/class_report_screenshots.py docs/screenshots
# The app in Spanish (the catalogue as committed: run `make translations` first after merging
# translations): the lesson window, its results panel after a check, then the library, a drill,
# the progress, the class review and instructor mode.
LITERACY_APP_LANGUAGE=es "$app" open "$work" --lesson bakhmut-op-ed --size 1366x768 \
  --screenshot docs/screenshots/es-main.png
LITERACY_APP_LANGUAGE=es "$app" open "$work" --lesson bakhmut-op-ed --size 1366x768 --review \
  --screenshot docs/screenshots/es-review.png
LITERACY_APP_LANGUAGE=es .venv/bin/python scripts/language_screenshots.py docs/screenshots
