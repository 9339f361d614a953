#!/usr/bin/env bash
# Builds the peers of zsync's benchmarks into zsync-bench/peers/target/bin, offline:
#   go-echo-server, go-echo-client, go-http-server (Go standard library), tokio-echo-server,
#   tokio-spawn and hyper-http-server (Tokio and hyper 0.14 from Debian's crate packages); and
#   makes sure wrk, the HTTP bench's load, is installed.
# Installs a missing toolchain with apt-get (Go 1.23 from bookworm-backports, else golang-go;
# cargo; librust-tokio-dev, librust-hyper-dev; wrk), skips a peer whose sources and toolchain are
# unchanged since its last build, and prints one line per peer.
# A peer that cannot be built leaves no binary but a file <peer>.unbuilt saying why, which the
# benchmarks report when they skip it; the script then exits 1. Tool output goes to target/logs.
set -euo pipefail

peers="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
readonly peers
readonly target="$peers/target"
readonly bin="$target/bin"
readonly logs="$target/logs"
readonly stamps="$target/stamps"
readonly registry=/usr/share/cargo/registry
mkdir -p "$bin" "$logs" "$stamps"
failures=0

# Installs Debian packages, refreshing the package lists only when the first attempt fails.
apt_install() {
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    command -v apt-get >/dev/null || return 1
    printf 'peers: installing %s with apt-get...\n' "$*"
    {
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@" ||
            { "${sudo[@]}" apt-get update -q && DEBIAN_FRONTEND=noninteractive \
                "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@"; }
    } </dev/null >>"$logs/apt.log" 2>&1
}

# Prints an installed Go toolchain of at least 1.19 (for atomic.Bool), the newest kind first.
installed_go() {
    local go
    for go in /usr/lib/go-1.23/bin/go "$(command -v go || true)" /usr/lib/go/bin/go; do
        [[ -n $go && -x $go ]] || continue
        if [[ "$(GOTOOLCHAIN=local "$go" env GOVERSION 2>/dev/null)" =~ ^go1\.(19|[2-9][0-9])([^0-9]|$) ]]; then
            printf '%s' "$go"
            return
        fi
    done
    return 1
}

# Installs Go 1.23 from Debian's bookworm-backports, through a sources list and package lists of
# this script's own, so that the system's apt configuration and lists are left as they were.
install_backports_go() {
    local sudo=() apt
    ((EUID == 0)) || sudo=(sudo)
    command -v apt-get >/dev/null || return 1
    mkdir -p "$target/apt/lists/partial"
    printf 'deb http://deb.debian.org/debian bookworm main\ndeb http://deb.debian.org/debian bookworm-backports main\n' \
        >"$target/apt/sources.list"
    apt=(-o "Dir::Etc::SourceList=$target/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$target/apt/lists")
    printf 'peers: installing golang-1.23-go from bookworm-backports with apt-get...\n'
    {
        "${sudo[@]}" apt-get update -q "${apt[@]}" && DEBIAN_FRONTEND=noninteractive \
            "${sudo[@]}" apt-get install -y -q --no-install-recommends "${apt[@]}" -t bookworm-backports golang-1.23-go
    } </dev/null >>"$logs/apt.log" 2>&1
}

# Prints a Go toolchain: Go 1.23 from bookworm-backports when it can be installed, else any Go
# 1.19+ there is, else Debian's golang-go.
find_go() {
    [[ -x /usr/lib/go-1.23/bin/go ]] || install_backports_go >&2 || true
    installed_go || { apt_install golang-go >&2 && installed_go; }
}

# Prints a cargo, installing Debian's if there is none, and makes sure Tokio's crates are there.
find_cargo() {
    local cargo
    cargo="$(command -v cargo || true)"
    [[ -n $cargo ]] || cargo="$HOME/.cargo/bin/cargo"
    if [[ ! -x $cargo ]]; then
        apt_install cargo >&2 || return 1
        cargo=/usr/bin/cargo
    fi
    if ! compgen -G "$registry/tokio-1.*" >/dev/null || ! compgen -G "$registry/hyper-0.14.*" >/dev/null; then
        apt_install librust-tokio-dev librust-hyper-dev >&2 || return 1
    fi
    printf '%s' "$cargo"
}

# A digest of the files under the given directories and of the toolchain's version.
digest() {
    local version="$1"
    shift
    { printf '%s\n' "$version"; find "$@" -type f \( -name '*.go' -o -name go.mod -o -name '*.rs' \
        -o -name Cargo.toml -o -name config.toml \) -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1
}

# build NAME DIGEST COMMAND...: runs COMMAND (which writes bin/NAME) unless NAME is up to date.
build() {
    local name="$1" digest="$2" started=$SECONDS
    shift 2
    if [[ -x $bin/$name && -f $stamps/$name && "$(cat "$stamps/$name")" == "$digest" ]]; then
        printf 'peers: %-18s up to date\n' "$name"
        return
    fi
    rm -f "$bin/$name" "$bin/$name.unbuilt" "$stamps/$name"
    if "$@" >"$logs/$name.log" 2>&1 && [[ -x $bin/$name ]]; then
        printf '%s\n' "$digest" >"$stamps/$name"
        printf 'peers: %-18s built in %d s\n' "$name" $((SECONDS - started))
    else
        unbuilt "$name" "its build failed; the build's output is in $logs/$name.log"
        tail -n 20 "$logs/$name.log" >&2
    fi
}

unbuilt() {
    printf 'not built: %s\n' "$2" >"$bin/$1.unbuilt"
    printf 'peers: %-18s NOT BUILT: %s\n' "$1" "$2" >&2
    failures=$((failures + 1))
}

go_build() {
    (cd "$peers/go" && GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod "$go" build -trimpath -o "$bin/$1" "./$2")
}

cargo_build() {
    # The lock file is Cargo's record of whichever crate versions Debian has installed: never reused.
    (cd "$peers/rust/$2" && rm -f Cargo.lock && CARGO_TARGET_DIR="$target/cargo" "$cargo" build --release --quiet &&
        cp "$target/cargo/release/$2" "$bin/$1")
}

if go="$(find_go)"; then
    go_digest="$(digest "$("$go" version)" "$peers/go")"
    build go-echo-server "$go_digest" go_build go-echo-server echo-server
    build go-echo-client "$go_digest" go_build go-echo-client echo-client
    build go-http-server "$go_digest" go_build go-http-server http-server
else
    why="no Go 1.19+ toolchain, and 'apt-get install golang-go' failed (see $logs/apt.log)"
    unbuilt go-echo-server "$why"
    unbuilt go-echo-client "$why"
    unbuilt go-http-server "$why"
fi

if cargo="$(find_cargo)"; then
    rust_digest="$(digest "$("$cargo" --version)" "$peers/rust")"
    build tokio-echo-server "$rust_digest" cargo_build tokio-echo-server echo-server
    build tokio-spawn "$rust_digest" cargo_build tokio-spawn spawn
    build hyper-http-server "$rust_digest" cargo_build hyper-http-server hyper-server
else
    why="no cargo or no Tokio and hyper crates, and 'apt-get install cargo librust-tokio-dev librust-hyper-dev' failed"
    why="$why (see $logs/apt.log)"
    unbuilt tokio-echo-server "$why"
    unbuilt tokio-spawn "$why"
    unbuilt hyper-http-server "$why"
fi

# wrk is installed, not built: a link to it in bin is what the HTTP bench runs.
rm -f "$bin/wrk" "$bin/wrk.unbuilt"
if command -v wrk >/dev/null || apt_install wrk; then
    ln -s "$(command -v wrk)" "$bin/wrk"
    printf 'peers: %-18s %s\n' wrk "$(command -v wrk)"
else
    unbuilt wrk "wrk is not installed, and 'apt-get install wrk' failed (see $logs/apt.log)"
fi

if ((failures > 0)); then
    printf 'peers: %d peer(s) not built; the benchmarks skip them and say why\n' "$failures" >&2
    exit 1
fi
