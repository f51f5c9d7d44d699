# Helpers shared by bindings/wasm/scripts/build and scripts/test-wasm (sourced, not run).

step() { printf '\n== %s\n' "$*"; }

# Installs the Debian packages given that are not installed yet (apt-get update first, once).
# CI runs as root; elsewhere sudo is used.
apt_install() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "error: missing ${missing[*]}, and there is no apt-get to install them with" >&2
    return 1
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  step "installing Debian packages: ${missing[*]}"
  if [ -z "${REPLYLINT_APT_UPDATED:-}" ]; then
    "${sudo[@]}" apt-get update -qq
    export REPLYLINT_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}
