#!/usr/bin/env bash
# Makes the README's report screenshots (docs/report-<modality>.png): runs each modality's demo as a user would, then
# opens the report it printed in headless Chromium (Debian's chromium package) and trims the page's empty bottom.
# Usage: docs/screenshots.sh [OUTPUT]   (default OUTPUT: ./latentspark-out)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/latentspark-out}"
for modality in images neural text; do
  page="$("$root/latentspark" demo "$modality" --output "$out" | sed -n 's/^  report: *//p')"
  shot="$root/docs/report-$modality.png"
  # The flags this machine's Chromium needs headless as root with no network; a tall window holds the whole page.
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$(mktemp -d)" \
    --window-size=1100,8000 --screenshot="$shot" "file://$page" 2>/dev/null
  java "$root/docs/TrimScreenshot.java" "$shot"
  echo "$modality: $page -> $shot"
done
