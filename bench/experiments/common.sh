# Sourced by the experiment scripts (they set $root first): a client of their own, and each loss form's flags.

# Builds the scan client into DIR unless it is there (a running piece keeps its binaries while ./scan rebuilds), and
# notes the commit it was built from in DIR/commit.
experiment_client() {
  [ -f "$1/scan.dll" ] && return 0
  dotnet build "$root/src/Scan.Client/Scan.Client.csproj" -c Release -o "$1" -nologo -v quiet -clp:ErrorsOnly >&2
  git -C "$root" describe --always --dirty > "$1/commit"
}

# One libtorch thread per job, a client of its own in DIR (built when missing), scan() to run it; prints the commit
# the client was built from (the checkout's may be newer).
experiment_scan() {
  export SCAN_THREADS="${SCAN_THREADS:-1}" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
  experiment_client "$1"
  scan_client="$1"
  scan() { dotnet "$scan_client/scan.dll" "$@"; }
  echo "scan built at commit $(cat "$1/commit" 2>/dev/null || echo "unknown (built before clients recorded it)"), checkout at $(git -C "$root" rev-parse --short HEAD)" >&2
}

# The flags of a confidence-loss form: original (Ĉ/α + 1 − Ĉ, the authors' code and the default), eq9 (αĈ + 1 − Ĉ,
# the paper as printed) or prior (Eq. 9 measured against the training set's mean image, the first round's default).
loss_flags() {
  case "$1" in
    original) echo "--confidence-weight original --confidence-reference none" ;;
    eq9)      echo "--confidence-weight eq9 --confidence-reference none" ;;
    prior)    echo "--confidence-weight eq9 --confidence-reference mean" ;;
    *) echo "unknown loss form $1" >&2; return 2 ;;
  esac
}
