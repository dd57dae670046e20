#!/usr/bin/env python3
"""Lists the public symbols of Kusari's modules that have no `///` doc comment.

Usage: scripts/undocumented-symbols.py SYMBOL_GRAPH_DIR...

Reads the symbol graphs that `swift package generate-documentation` extracts (one directory per module,
`<Module>.symbols.json` plus `<Module>@<Other>.symbols.json` for extensions of other modules' types) and
prints `file:line: kind name` for every public or open symbol declared in this repository's `Sources/`
without a doc comment. Symbols the compiler synthesises (no source location) and members that implement a
documented protocol requirement or override a documented superclass member (DocC shows the inherited
comment) are not listed, nor enum cases declared together on one line (`case min, max`). Exits 1 when
anything is listed, 0 otherwise.
"""
import json
import os
import sys


def symbols_without_docs(path):
    graph = json.load(open(path))
    symbols = {s["identifier"]["precise"]: s for s in graph.get("symbols", [])}
    # A member that satisfies a requirement or overrides a member inherits that symbol's comment in DocC.
    inherits = set()
    # `case min, max` on one line is one declaration: its comment (or its enum's) covers every case.
    case_lines = {}
    for s in graph.get("symbols", []):
        if s["kind"]["identifier"] == "swift.enum.case" and "location" in s:
            key = (s["location"]["uri"], s["location"]["position"]["line"])
            case_lines[key] = case_lines.get(key, 0) + 1
    for rel in graph.get("relationships", []):
        if rel["kind"] in ("requirementOf", "defaultImplementationOf", "overrides"):
            inherits.add(rel["source"])
    for precise, s in symbols.items():
        if s.get("accessLevel") not in ("public", "open"):
            continue
        location = s.get("location")
        if location is None or "/Sources/" not in location.get("uri", ""):
            continue
        if s.get("docComment", {}).get("lines"):
            continue
        if precise in inherits and s["kind"]["identifier"] != "swift.protocol.requirement":
            continue
        if case_lines.get((location["uri"], location["position"]["line"]), 0) > 1:
            continue
        uri = location["uri"].removeprefix("file://")
        relative = uri[uri.index("/Sources/") + 1:]
        line = location["position"]["line"] + 1
        yield relative, line, s["kind"]["displayName"], ".".join(s["pathComponents"])


def main(directories):
    found = set()
    for directory in directories:
        for name in sorted(os.listdir(directory)):
            if name.endswith(".symbols.json"):
                found.update(symbols_without_docs(os.path.join(directory, name)))
    for relative, line, kind, name in sorted(found):
        print(f"{relative}:{line}: undocumented public {kind.lower()} {name}")
    if found:
        print(f"{len(found)} public symbol(s) without a doc comment", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
