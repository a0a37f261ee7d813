#!/usr/bin/env bash
# Debian packages the platform needs at run time (a CJK font for PDF tickets) and in tests (pdftotext, to read a PDF
# ticket's text back). Sourced by run.sh and test.sh; installs only what is missing, and refreshes the package lists
# only when a first install attempt fails.

apt_ensure() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: $*" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 "$@" >&2 ||
    { $sudo apt-get update -qq -o DPkg::Lock::Timeout=600 >&2 &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 "$@" >&2; }
}

# Noto Sans CJK: PDF tickets embed it, so a zh-CN tenant's tickets print in Chinese (Tickets/Rendering/TicketFonts.cs).
ensure_ticket_fonts() {
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || apt_ensure fonts-noto-cjk
}

# pdftotext (poppler-utils): the ticket tests extract a PDF's text to find what it prints.
ensure_pdf_tools() {
  command -v pdftotext >/dev/null || apt_ensure poppler-utils
}

# prometheus and promtool (one Debian package): the alert rules are checked with promtool, and a test scrapes the
# platform with a real Prometheus.
ensure_prometheus() {
  command -v prometheus >/dev/null && command -v promtool >/dev/null || apt_ensure prometheus
}

# redis-server: the cross-node limit tests start their own (SharedState/), and scripts/cluster.sh runs one for the nodes.
ensure_redis() {
  [ -x /usr/bin/redis-server ] || apt_ensure redis-server
}
