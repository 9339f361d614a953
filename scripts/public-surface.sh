#!/usr/bin/env bash
# Builds zsync-core (no tests, nothing installed) and prints its public surface per exported
# package: public types and their public/protected members. Pass --list to print every type and
# member instead (diff two runs to see what changed). Run from anywhere in a checkout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java" -version 2>&1 | grep -q 'version "2[5-9]'; then
    for candidate in /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*2[6-9]*/bin/java; do
        [ -x "$candidate" ] && java="$candidate" && break
    done
fi
if [ "${SKIP_BUILD:-}" != 1 ]; then
    (cd "$root" && mvn -B -ntp -q package -DskipTests -pl zsync-core -am)
fi
exec "$java" "$root/scripts/PublicSurface.java" "$@" "$root/zsync-core/target/classes"
