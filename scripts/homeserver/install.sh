#!/usr/bin/env bash
# Installs a real Synapse for `npm run test:homeserver`, once: Debian packages matrix-synapse for sid only
# (it needs a newer Python and libc than the host has), so we build a sid chroot with mmdebstrap into a cache
# folder and reuse it on later runs. The chroot counts as installed only when its marker file exists, so an
# interrupted build is started over rather than half-used.
#
# Exit status: 0 installed (or already there); 75 (EX_TEMPFAIL) the Debian mirror cannot be reached, so the
# tests cannot run on this machine; anything else is a real failure.
set -euo pipefail

CACHE="${SPECGEN_SYNAPSE_CACHE:-/var/cache/specgen-synapse}"
ROOT="$CACHE/root"
MARKER="$CACHE/complete"
MIRROR="${SPECGEN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
MIRROR_UNREACHABLE=75

loud() {
  printf '\n%s\n' "########################################################################" >&2
  printf '## %s\n' "$@" >&2
  printf '%s\n\n' "########################################################################" >&2
}

if [ -f "$MARKER" ] && [ -x "$ROOT/usr/bin/python3" ]; then
  echo "synapse chroot already installed: $ROOT ($(cat "$MARKER"))"
  exit 0
fi

# Node is there whenever npm is; curl may not be on a fresh machine.
mirror_reachable() {
  node -e '
    fetch(process.argv[1], { method: "HEAD", signal: AbortSignal.timeout(30000) })
      .then((res) => process.exit(res.ok ? 0 : 1), (err) => {
        console.error(String(err.cause ?? err));
        process.exit(1);
      });
  ' "$MIRROR/dists/sid/Release"
}

mirror_unreachable() {
  loud "HOMESERVER TESTS NOT RUN: the Debian mirror $MIRROR cannot be reached," \
       "so Synapse cannot be installed. Exiting with status $MIRROR_UNREACHABLE."
  exit "$MIRROR_UNREACHABLE"
}

# A mirror we cannot reach is a distinct outcome from a broken build: say so and use a status of its own.
mirror_reachable || mirror_unreachable

if [ "$(id -u)" != 0 ]; then
  loud "test:homeserver must run as root: it builds and enters a chroot (mmdebstrap, chroot)."
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! command -v mmdebstrap >/dev/null; then
  apt-get update
  apt-get install -y --no-install-recommends mmdebstrap
fi

started=$(date +%s)
rm -rf "$ROOT" "$MARKER"
mkdir -p "$CACHE"
# sid's Release file can look expired to a machine whose clock or mirror snapshot lags: do not let apt refuse it.
# python3-authlib is only suggested by matrix-synapse, but its OIDC login and delegated-auth code import it.
if ! mmdebstrap --variant=essential \
  --aptopt='Acquire::Check-Valid-Until "false"' \
  --aptopt='Acquire::Check-Date "false"' \
  --include=matrix-synapse,python3-authlib,ca-certificates \
  sid "$ROOT" "$MIRROR"; then
  rm -rf "$ROOT"
  # The mirror going away during the build is the same outcome as not reaching it at all.
  mirror_reachable || mirror_unreachable
  loud "HOMESERVER: building the Synapse chroot failed (see mmdebstrap's output above)."
  exit 1
fi

version=$(chroot "$ROOT" python3 -c 'import synapse; print(synapse.__version__)')
echo "synapse $version, installed in $(( $(date +%s) - started )) s" > "$MARKER"
echo "synapse chroot installed: $ROOT ($(cat "$MARKER"))"
