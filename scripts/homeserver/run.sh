#!/usr/bin/env bash
# `npm run test:homeserver` (after the build): installs Synapse once (install.sh), then runs the
# real-homeserver suite against it. Exit status: the suite's, or install.sh's (75 when the Debian
# mirror cannot be reached: the suite did not run).
set -uo pipefail
cd "$(dirname "$0")/../.."

CACHE="${SPECGEN_SYNAPSE_CACHE:-/var/cache/specgen-synapse}"
export SPECGEN_SYNAPSE_CACHE="$CACHE"

started=$(date +%s)
bash scripts/homeserver/install.sh
status=$?
if [ "$status" != 0 ]; then
  exit "$status"
fi
echo "# homeserver install step: $(( $(date +%s) - started )) s"

export SPECGEN_SYNAPSE_ROOT="$CACHE/root"
# Names this run's instance folders (and so their command lines), so the sweep below ends only ours.
export SPECGEN_SYNAPSE_RUN="$$"
started=$(date +%s)
node --test --test-reporter=spec dist/test/homeserver/synapse.test.js
status=$?
echo "# homeserver tests: $(( $(date +%s) - started )) s, exit status $status"

# The suite stops its Synapses itself, also on failure or a signal. A test process killed outright
# cannot: then a process in our chroot whose command line names this run's folder is one of ours.
for proc in /proc/[0-9]*; do
  if [ "$(readlink "$proc/root" 2>/dev/null)" = "$SPECGEN_SYNAPSE_ROOT" ] &&
     tr '\0' ' ' < "$proc/cmdline" 2>/dev/null | grep -q -- "/tmp/specgen-hs-$SPECGEN_SYNAPSE_RUN-"; then
    echo "# stopping leftover Synapse process ${proc#/proc/}" >&2
    kill -9 "${proc#/proc/}" 2>/dev/null
  fi
done
# Their folders (config, database, log) too: the suite removes them itself unless killed outright.
rm -rf "$SPECGEN_SYNAPSE_ROOT/tmp/specgen-hs-$SPECGEN_SYNAPSE_RUN-"*
exit "$status"
