#!/usr/bin/env bash
# Installs the external programs the report tests drive, idempotently:
#   - Microsoft's SARIF Multitool (npm package @microsoft/sarif-multitool, a self-contained Linux binary), used by
#     SarifValidationTest to validate the SARIF report;
#   - Debian's Chromium (headless) and a small CJK font, used by HtmlBrowserTest to run and screenshot the HTML
#     report.
# The tests fail when these are missing and CI is set, and are skipped otherwise.
#
# Usage: tools/install-test-tools.sh            (as root: Debian packages + /opt/nestcheck-tools)
#        PREFIX=/some/dir tools/install-test-tools.sh
# Environment:
#   PREFIX                           where tools go (default /opt/nestcheck-tools as root, ~/.nestcheck-tools else);
#                                    the tests look in both defaults, or set NESTCHECK_SARIF_MULTITOOL
#   NESTCHECK_SARIF_MULTITOOL_VERSION  the multitool version (default 5.7.0)
set -euo pipefail

version="${NESTCHECK_SARIF_MULTITOOL_VERSION:-5.7.0}"
if [ "$(id -u)" = "0" ]; then
  prefix="${PREFIX:-/opt/nestcheck-tools}"
else
  prefix="${PREFIX:-$HOME/.nestcheck-tools}"
fi
export DEBIAN_FRONTEND=noninteractive

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q "ok installed" || need_apt+=(fonts-wqy-microhei)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "install-test-tools: need root to install: ${need_apt[*]} (run: sudo $0)" >&2
    exit 1
  fi
  echo "install-test-tools: installing ${need_apt[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# The multitool: the npm package picks the platform package (@microsoft/sarif-multitool-linux) that ships the binary.
sarif_dir="$prefix/sarif"
installed="$(node -e "try{console.log(require('$sarif_dir/node_modules/@microsoft/sarif-multitool/package.json').version)}catch(e){}" 2>/dev/null || true)"
if [ "$installed" != "$version" ]; then
  echo "install-test-tools: installing @microsoft/sarif-multitool@$version into $sarif_dir"
  mkdir -p "$sarif_dir"
  npm install --prefix "$sarif_dir" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >/dev/null
fi
# npm may skip the package's postinstall (chmod) script; make sure the binary is executable
bin="$(ls -d "$sarif_dir"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null | head -n 1 || true)"
if [ -z "$bin" ]; then
  echo "install-test-tools: the multitool binary is missing below $sarif_dir/node_modules/@microsoft" >&2
  exit 1
fi
chmod +x "$bin"

echo "install-test-tools: $("$bin" --version 2>&1 | head -n 1) at $bin"
echo "install-test-tools: $(chromium --version 2>/dev/null) at $(command -v chromium)"
