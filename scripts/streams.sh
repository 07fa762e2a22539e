# Sourced by ./tandem: finds standard streams the caller closed (`tandem run s.py <&-`),
# reopens each on /dev/null, so that the JVM cannot give its own files those numbers (it
# would read its lib/modules as stdin), and names them in TANDEM_CLOSED_STREAMS (e.g. 0,1)
# for the script to see None there, as under CPython. (The stderr test prints its error to
# stderr only when stderr is closed, that is nowhere.)
tandem_reopen_closed_streams() {
  local closed=""
  { : 3<&0; } 2>/dev/null || { exec 0</dev/null; closed="0"; }
  { : 3>&1; } 2>/dev/null || { exec 1>/dev/null; closed="${closed:+$closed,}1"; }
  { : 3>&2; } || { exec 2>/dev/null; closed="${closed:+$closed,}2"; }
  export TANDEM_CLOSED_STREAMS="$closed"
}
