# Sourced by the bench scripts: install what is missing (via apt-get), then insist on it.
#   need_tools SCRIPT_NAME "command:package" ...
need_tools() {
    local script="$1"; shift
    local missing=() spec
    for spec in "$@"; do
        if [ "${spec%%:*}" = /usr/bin/time ]; then [ -x /usr/bin/time ] && continue
        else command -v "${spec%%:*}" >/dev/null 2>&1 && continue; fi
        missing+=("${spec##*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing ${missing[*]}"
        local sudo=""
        [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
        ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}") \
            >/dev/null 2>&1 || echo "$script: warning: apt-get install ${missing[*]} failed" >&2
    fi
    for spec in "$@"; do
        if [ "${spec%%:*}" = /usr/bin/time ]; then [ -x /usr/bin/time ] && continue
        else command -v "${spec%%:*}" >/dev/null 2>&1 && continue; fi
        echo "$script: ${spec%%:*} is required" >&2; exit 1
    done
}
