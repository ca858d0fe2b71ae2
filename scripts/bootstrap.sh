#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu machine for Tagsight's demo and tests, offline but for the Debian and npm
# registries: installs the Debian packages that are missing, then `npm ci` in the root (portable: no source
# builds) and in test/integration, the harness package (code-server: native builds; its own lock and .npmrc).
#   chromium     headless browser that opens code-server's workbench (integration tests, demo check, icons)
#   libkrb5-dev  code-server's `kerberos` dependency compiles from source
#   ripgrep      test/integration/ripgrep-seed hands Debian's rg to @vscode/ripgrep, which would download it from GitHub
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(chromium libkrb5-dev ripgrep)
missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "bootstrap: Debian packages present: ${PACKAGES[*]}"
fi

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error(`bootstrap: Node.js >= 20.19 is needed, found ${process.version}`); process.exit(1); }'

echo "bootstrap: npm ci"
npm ci
# Its own folder, so that its .npmrc (unsafe-perm, yes, install-links) applies to it alone.
echo "bootstrap: npm ci in test/integration (the code-server harness)"
(cd test/integration && npm ci)
