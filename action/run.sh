#!/usr/bin/env bash
# The GitHub Action's steps (action.yml runs `run.sh install` then `run.sh lint`).
# Inputs come through the environment (INPUT_*), never spliced into a script; a
# test runs this file with a fake GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
# GITHUB_EVENT_PATH (tests/test_action.py).
#
#   install: pip-installs postlint from the action's own checkout (the ref the
#            workflow wrote in `uses:`) and writes `version=` to GITHUB_OUTPUT
#            (the cache key uses it).
#   lint:    one `postlint check` run: annotations on stdout (`--format github`),
#            the job summary and the SARIF file written from that same run
#            (`--report FORMAT=FILE`); with INPUT_CHANGED_ONLY=true only the pull
#            request's changed posts are linted (the site index still reads every
#            post of the config's content-dirs). Exits with postlint's exit code.
set -euo pipefail

output() {  # name value: a step output (values here never hold a newline)
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}

summary() {  # text: appended to the job summary when it is on
  if [ "${INPUT_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '%s\n' "$1" >>"$GITHUB_STEP_SUMMARY"
  fi
}

install() {
  python -m pip install --disable-pip-version-check --quiet "${GITHUB_ACTION_PATH:?set by the runner for a composite action}"
  local version
  version=$(postlint --version)
  output version "${version#postlint }"
}

docs_url() {
  # The rule pages at the ref the workflow pinned: .../_actions/OWNER/REPO/REF (REF may hold `/`).
  local path=${GITHUB_ACTION_PATH:-}
  case "$path" in
    */_actions/*/*/*) ;;
    *) return 0 ;;
  esac
  local rest=${path#*/_actions/}
  local owner=${rest%%/*}
  rest=${rest#*/}
  local repo=${rest%%/*}
  local ref=${rest#*/}
  printf 'https://github.com/%s/%s/blob/%s/docs/rules' "$owner" "$repo" "$ref"
}

changed_posts() {
  # The pull request's added, copied, modified and renamed Markdown files, NUL-separated.
  local event=${GITHUB_EVENT_PATH:-}
  local base=""
  if [ -n "$event" ] && [ -f "$event" ]; then
    base=$(python -c 'import json, sys; e = json.load(open(sys.argv[1], encoding="utf-8")); print(((e.get("pull_request") or {}).get("base") or {}).get("sha", ""))' "$event")
  fi
  if [ -z "$base" ]; then
    return 3  # not a pull request
  fi
  if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    git fetch --quiet --depth=1 origin "$base" >/dev/null 2>&1 || true
  fi
  git diff -z --name-only --diff-filter=ACMR --no-renames "$base" HEAD -- '*.md' '*.markdown' '*.MD'
}

lint() {
  set -f  # paths and globs go to postlint as written: it expands globs itself
  # shellcheck disable=SC2206  # split on spaces on purpose: several paths and flags
  local paths=(${INPUT_PATHS:-})
  # shellcheck disable=SC2206
  local args=(${INPUT_ARGS:-})
  set +f
  local work=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
  local summary_file
  summary_file=$(mktemp "$work/postlint-summary.XXXXXX")
  local reports=(--report "github-summary=$summary_file")
  if [ -n "${INPUT_SARIF_FILE:-}" ]; then
    reports+=(--report "sarif=$INPUT_SARIF_FILE")
    output sarif-file "$INPUT_SARIF_FILE"
  fi
  if [ -z "${POSTLINT_DOCS_URL:-}" ]; then
    POSTLINT_DOCS_URL=$(docs_url)
    if [ -n "$POSTLINT_DOCS_URL" ]; then export POSTLINT_DOCS_URL; fi
  fi

  if [ "${INPUT_CHANGED_ONLY:-false}" = "true" ]; then
    local listing status=0
    listing=$(mktemp "$work/postlint-changed.XXXXXX")
    changed_posts >"$listing" || status=$?
    if [ "$status" -eq 3 ]; then
      echo "::notice title=postlint::changed-only: not a pull request event; linting every post"
    elif [ "$status" -ne 0 ]; then
      echo "::error title=postlint::changed-only: cannot list the pull request's changed files (check out with fetch-depth: 0)"
      output exit-code 2
      return 2
    else
      local changed=()
      local file
      while IFS= read -r -d '' file; do
        if [ -f "$file" ] && within "$file" "${paths[@]}"; then changed+=("$file"); fi
      done <"$listing"
      if [ "${#changed[@]}" -eq 0 ]; then
        summary $'## postlint\n\nNo changed posts to lint in this pull request.'
        echo "postlint: no changed posts to lint"
        output exit-code 0
        return 0
      fi
      summary "_Linted the ${#changed[@]} changed post(s) of this pull request (changed-only)._"
      summary ""
      paths=(-- "${changed[@]}")
    fi
  fi

  local code=0
  postlint check --format github "${args[@]}" "${reports[@]}" "${paths[@]}" || code=$?
  if [ "$code" -ge 2 ]; then  # a usage, config or path error: the log says which
    summary $'## postlint\n\n:x: postlint stopped with exit code '"$code"$' (a usage, config or path error): see the job log.'
  elif [ -s "$summary_file" ]; then
    summary "$(cat "$summary_file")"
  fi
  rm -f "$summary_file"
  output exit-code "$code"
  return "$code"
}

within() {  # file paths...: whether file is under one of the paths (or no paths were given)
  local file=$1
  shift
  [ "$#" -eq 0 ] && return 0
  local root
  for root in "$@"; do
    root=${root%/}
    if [ "$root" = "." ] || [ -z "$root" ]; then return 0; fi
    case "$root" in *'*'* | *'?'* | *'['*) return 0 ;; esac  # a glob: postlint's own matching decides
    root=${root#./}
    if [ "$file" = "$root" ] || [ "${file#"$root"/}" != "$file" ]; then return 0; fi
  done
  return 1
}

case "${1:-}" in
  install) install ;;
  lint) lint ;;
  *) echo "usage: run.sh install|lint" >&2; exit 2 ;;
esac
