#!/usr/bin/env bash
# Builds the DocC catalog of every public library module with the toolchain's `docc`, from the symbol graphs of the
# debug build, and fails on any warning (a broken symbol link, a missing article, a bad code listing).
#
#     bash scripts/docs.sh            # builds into .build-docs/<Module>.doccarchive
#
# No plugin is added to Package.swift, so nothing lands in the dependency graph of a package that uses VillageQR.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(EMVQR VietnameseText VietQR Provenance QRImaging QRPrint FileIO)
out=.build-docs
docc=$(command -v docc || true)
if [[ -z $docc ]]; then
    docc="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
fi

# Public symbols only, with extension blocks, as a user of the library sees them. SwiftPM also tries the synthesized
# test-runner modules and fails on them (they are not importable); that failure, and only that one, is expected.
# The flags are scripts/test.sh's, so after the tests this reuses their build (about 30 s) instead of rebuilding.
graphs="$(dirname "$(swift build --show-bin-path)")/symbolgraph"
rm -rf "$graphs"
dump_log=$(mktemp)
trap 'rm -f "$dump_log"' EXIT
if ! swift package -Xswiftc -warnings-as-errors dump-symbol-graph --minimum-access-level public --emit-extension-block-symbols >"$dump_log" 2>&1; then
    if grep -E '^error:' "$dump_log" | grep -Ev "for 'VillageQRPackage(Discovered)?Tests'" | grep -q .; then
        cat "$dump_log" >&2
        exit 1
    fi
fi

rm -rf "$out"
mkdir -p "$out"
status=0
for module in "${modules[@]}"; do
    mkdir -p "$out/graphs/$module"
    # The module's own graph and its extensions to other modules' types (Module@Other.symbols.json).
    cp "$graphs/$module.symbols.json" "$out/graphs/$module/"
    cp "$graphs/$module"@*.symbols.json "$out/graphs/$module/" 2>/dev/null || true
    log="$out/$module.log"
    if ! "$docc" convert "Sources/$module/Docs.docc" \
        --fallback-display-name "$module" --fallback-bundle-identifier "org.villageqr.$module" \
        --additional-symbol-graph-dir "$out/graphs/$module" \
        --output-path "$out/$module.doccarchive" \
        --warnings-as-errors >"$log" 2>&1; then
        status=1
    fi
    if grep -Eq '(warning|error):' "$log"; then
        status=1
        echo "== $module" >&2
        cat "$log" >&2
    else
        echo "$module: no warnings"
    fi
done
exit "$status"
