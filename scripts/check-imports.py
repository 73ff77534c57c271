#!/usr/bin/env python3
"""The import circle check of `make test`.

Builds the graph of which source file of the `app` crate names which other (every `crate::…`
and `super::…` path in code, `use` lines and inline paths alike; comments and test modules left
out), finds its circles (strongly connected components of more than one file), and fails when a
file is in a circle that `scripts/import-circles.txt` does not list. That file lists the files
still in a circle today; it only shrinks: a file that has left every circle is reported, to be
taken off the list.

  python3 scripts/check-imports.py          # the check
  python3 scripts/check-imports.py --show   # every circle, with one import per edge
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "app", "src")
ALLOWED = os.path.join(ROOT, "scripts", "import-circles.txt")

PATH = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+|::\{)")
GROUP = re.compile(r"\b(crate|super)::((?:[A-Za-z_][A-Za-z0-9_]*::)*)\{([^{}]*)\}", re.S)


def modules():
    """Module path (tuple) -> file, for every .rs file under app/src."""
    found = {}
    for dirpath, _, files in os.walk(SRC):
        for name in files:
            if not name.endswith(".rs"):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, SRC)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib"):
                rel = rel[:-1]
            found[tuple(rel)] = full
    return found


def strip(text):
    """The code without comments, string literals and `#[cfg(test)] mod tests { … }` blocks."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i : m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def resolve(base, parts, mods):
    """The longest module prefix of `base + parts` that is a file."""
    full = list(base) + parts
    while full:
        if tuple(full) in mods:
            return mods[tuple(full)]
        full.pop()
    return None


def edges():
    mods = modules()
    graph = {f: {} for f in mods.values()}
    for key, f in mods.items():
        code = strip(open(f, encoding="utf-8").read())
        # `super` of a file `a/b.rs` (module a::b) is module `a`; of `a/b/mod.rs` also `a`.
        parent = list(key[:-1])
        paths = []
        for m in GROUP.finditer(code):
            head, prefix, inner = m.group(1), m.group(2), m.group(3)
            pre = [p for p in prefix.split("::") if p]
            for item in inner.split(","):
                item = item.strip().split(" as ")[0].strip()
                if item and item != "self":
                    paths.append((head, pre + item.split("::"), m.group(0)))
                elif item == "self":
                    paths.append((head, pre, m.group(0)))
        for m in PATH.finditer(code):
            if m.group(2) == "::{":
                continue
            paths.append((m.group(1), [p for p in m.group(2).split("::") if p], m.group(0)))
        for head, parts, text in paths:
            base = [] if head == "crate" else parent
            while parts and parts[0] == "super":
                parts = parts[1:]
                base = base[:-1]
            target = resolve(base, parts, mods)
            if target and target != f:
                graph[f].setdefault(target, text.replace("\n", " "))
    return graph


def circles(graph):
    """Tarjan's strongly connected components of more than one node."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    graph = edges()
    found = circles(graph)
    rel = lambda f: os.path.relpath(f, ROOT)
    in_circle = {rel(f) for comp in found for f in comp}
    allowed = set()
    if os.path.exists(ALLOWED):
        for line in open(ALLOWED, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                allowed.add(line)
    sizes = ", ".join(str(len(c)) for c in found) or "none"
    print(f"import circles in app/src: {len(found)} (files in each: {sizes}); {len(in_circle)} files in a circle")
    if "--show" in sys.argv:
        for comp in found:
            members = set(comp)
            print(f"\ncircle of {len(comp)} files:")
            for f in comp:
                for t, text in sorted(graph[f].items()):
                    if t in members:
                        print(f"  {rel(f)} -> {rel(t)}   ({text})")
    new = sorted(in_circle - allowed)
    gone = sorted(allowed - in_circle)
    if gone:
        print("no longer in a circle (take them off scripts/import-circles.txt):")
        for f in gone:
            print(f"  {f}")
    if new:
        print("error: files newly in an import circle (a feature importing one that imports it back):")
        for f in new:
            print(f"  {f}")
        print("run `python3 scripts/check-imports.py --show` to see each import of the circle")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
