#!/usr/bin/env python3
"""Extracts the ```swift blocks of Markdown pages for scripts/check-snippets.sh.

Usage: extract-snippets.py ROOT OUT_DIR PAGE...
Writes OUT_DIR/Sources/<target>/main.swift for each compiled block and prints the target names. A block's
info string says what to do with it:
  swift                      compile it (a block without an `import` line gets `import Kusari`)
  swift continued            append it to the previous compiled block of the same page
  swift excerpt PATH         do not compile; check that its code lines appear, in order, in PATH (a file
                             that is compiled elsewhere), comments and spacing aside
  swift no-compile           neither (a deliberate fragment)
Exits with status 1, naming page and line, when an excerpt no longer matches its file.
"""
import os
import re
import sys


def code_line(line):
    """A line without its // comment and with collapsed spacing; '' for blank or comment-only lines."""
    line = re.sub(r"\s+//.*$|^\s*//.*$", "", line)
    return " ".join(line.split())


def check_excerpt(root, page, line_number, body, path):
    full = os.path.join(root, path)
    if not os.path.isfile(full):
        return f"{page}:{line_number}: excerpt names {path}, which does not exist"
    with open(full, encoding="utf-8") as f:
        source = [code_line(l) for l in f]
    source = [l for l in source if l]
    position = 0
    for offset, raw in enumerate(body):
        wanted = code_line(raw)
        if not wanted:
            continue
        try:
            position = source.index(wanted, position) + 1
        except ValueError:
            return (f"{page}:{line_number + 1 + offset}: this excerpt line is not in {path} (in order): "
                    f"{raw.strip()}")
    return None


def main():
    root, out, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
    errors = []
    for page in pages:
        slug = re.sub(r"[^A-Za-z0-9]", "_", page[:-3] if page.endswith(".md") else page)
        with open(os.path.join(root, page), encoding="utf-8") as f:
            lines = f.read().split("\n")
        blocks = []          # [target, text]
        i = 0
        while i < len(lines):
            m = re.match(r"^```swift\s*(.*)$", lines[i])
            if not m:
                i += 1
                continue
            info = m.group(1).split()
            start = i + 1
            j = start
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            body = lines[start:j]
            i = j + 1
            kind = info[0] if info else ""
            location = f'#sourceLocation(file: "{os.path.join(root, page)}", line: {start + 1})\n'
            text = location + "\n".join(body) + "\n"
            if kind == "no-compile":
                continue
            if kind == "excerpt":
                if len(info) < 2:
                    errors.append(f"{page}:{start}: 'swift excerpt' needs the path of the file it quotes")
                    continue
                error = check_excerpt(root, page, start, body, info[1])
                if error:
                    errors.append(error)
                continue
            if kind == "continued" and blocks:
                blocks[-1][1] += text
                continue
            if kind not in ("", "continued"):
                errors.append(f"{page}:{start}: unknown block kind 'swift {kind}'")
                continue
            blocks.append([f"S_{slug}_{len(blocks) + 1}", text])
        for target, text in blocks:
            if not re.search(r"^(@testable )?import ", text, re.MULTILINE):
                text = "import Kusari\n" + text
            directory = os.path.join(out, "Sources", target)
            os.makedirs(directory, exist_ok=True)
            with open(os.path.join(directory, "main.swift"), "w", encoding="utf-8") as f:
                f.write(text)
            print(target)
    for error in errors:
        print("check-snippets: " + error, file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
