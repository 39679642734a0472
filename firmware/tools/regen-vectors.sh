#!/bin/sh
# Regenerate every committed generated artefact from the host build:
#   src/generated/zm_lstm_weights.h    (tools/gen_lstm_weights.c, fixed seed)
#   test-vectors/lstm_parity.json      (tools/lstm_vectors.c)
#   test-vectors/golden_S01_excerpt.json (tools/zm_replay on test-data/)
#   test-vectors/golden_S01.json       (tools/zm_replay on the full S01, when available)
# Run only after an intentional change; the tests compare against these files.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build-host"
s01="${ZM_SHARED_S01:-$here/../../shared/data/stress_predict/raw/S01}"
src_note="Stress-Predict dataset (Iqbal et al., Sensors 2022, 22(21):8135; MIT licence)"

cmake -S "$here" -B "$build" >/dev/null
cmake --build "$build" --target gen_lstm_weights >/dev/null
"$build/gen_lstm_weights" > "$here/src/generated/zm_lstm_weights.h"
cmake --build "$build" >/dev/null
"$build/lstm_vectors" > "$here/test-vectors/lstm_parity.json"
"$build/zm_replay" --source "$src_note, subject S01, excerpt in firmware/test-data/stress_predict_S01_excerpt: first 20 min of HR/EDA/IBI, first 5 min of ACC" \
    --out "$here/test-vectors/golden_S01_excerpt.json" "$here/test-data/stress_predict_S01_excerpt"
if [ -f "$s01/HR.csv" ]; then
    "$build/zm_replay" --source "$src_note, subject S01, full raw recording (raw/S01: HR, EDA, IBI, ACC)" \
        --out "$here/test-vectors/golden_S01.json" "$s01"
else
    echo "note: $s01 not found; golden_S01.json left unchanged" >&2
fi
echo "regenerated; review the diff before committing"
