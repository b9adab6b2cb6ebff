#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml: installs pre-commit from PyPI into a temporary
# virtual environment, makes a temporary git repository with a draft, and shows the hook
# failing on a bad draft and passing once the draft is fixed.
#
#   tests/precommit.sh                 # hook `tally-system`, with target/debug/tally on PATH
#   TALLY_HOOK=tally tests/precommit.sh  # hook `tally` (language: rust): pre-commit builds
#                                        # tally with `cargo install`, which takes minutes
#
# Exit 0: passed. Exit 77: skipped (no PyPI, no python3 venv, no git), with a message saying
# why. Anything else: failed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOOK=${TALLY_HOOK:-tally-system}
BIN_DIR=${TALLY_BIN_DIR:-$ROOT/target/debug}

skip() { echo "SKIPPED: $*"; exit 77; }

command -v git >/dev/null || skip "git is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"
if [ "$HOOK" = tally-system ] && [ ! -x "$BIN_DIR/tally" ]; then
    (cd "$ROOT" && cargo build --quiet)
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 -m venv "$WORK/venv" >/dev/null 2>&1 || skip "python3 cannot make a virtual environment (python3-venv missing?)"
if ! "$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --timeout 20 pre-commit >"$WORK/pip.log" 2>&1; then
    tail -3 "$WORK/pip.log"
    skip "pre-commit could not be installed from PyPI"
fi
export PRE_COMMIT_HOME="$WORK/cache"
export PATH="$BIN_DIR:$WORK/venv/bin:$PATH"
echo "pre-commit $(pre-commit --version | awk '{print $2}'), hook $HOOK"

mkdir "$WORK/repo"
cd "$WORK/repo"
git init --quiet
git config user.email test@example.org
git config user.name test
cat > report.md <<'MD'
# Review of implementation

Three States Parties – Chile, Peru, Ecuador and Bolivia (Plurinational State of) – reported.
MD
git add report.md

echo "--- a bad draft: the hook must fail"
set +e
pre-commit try-repo "$ROOT" "$HOOK" --files report.md 2>&1 | tee "$WORK/bad.log"
code=${PIPESTATUS[0]}
set -e
if [ "$code" -eq 0 ] || ! grep -q "error \[count-list\]" "$WORK/bad.log"; then
    echo "FAILED: the hook did not fail with the count-list finding (exit $code)"
    exit 1
fi

cat > report.md <<'MD'
# Review of implementation

Four States Parties – Chile, Peru, Ecuador and Bolivia (Plurinational State of) – reported.
MD
git add report.md
echo "--- the draft fixed: the hook must pass"
if ! pre-commit try-repo "$ROOT" "$HOOK" --files report.md; then
    echo "FAILED: the hook failed on a fixed draft"
    exit 1
fi
echo "PASSED: the $HOOK hook fails on a bad draft and passes on the fixed one"
