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
  python3 scripts/check-imports.py --layers # also every import between features, counted
  python3 scripts/check-imports.py --self-test  # the path forms it reads, checked

It also fails when a feature imports one of a later layer (LAYERS below, the one list; the
README's "How the code is laid out" names it), one line per import naming the edge.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "app", "src")
ALLOWED = os.path.join(ROOT, "scripts", "import-circles.txt")

HEAD = re.compile(r"(?<![A-Za-z0-9_:])(crate|super|self)\s*::")
IDENT = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)")

# The feature layers, lowest first (derived from the imports: `--layers` prints them): a
# feature may import one of its own layer or an earlier one. Two exceptions keep the rule about
# what depends on what, not about how a screen is put together: any file may read another
# feature's model (its `domain`/`types`: the shapes its server functions take and return and
# its pure rules; `clock/sync.rs` is the clock's), and a screen (`components/`, `pages`) may
# embed another feature's screen and call its server functions (`api.rs`). Features of one
# layer import each other's server side today (said beside them); a feature not listed here
# (a new folder) fails until it is given its layer. The README's "How the code is laid out"
# names this list.
LAYERS = [
    ["ids", "error", "codec", "text", "text_enum", "wire", "db", "outbox", "upload", "media"],
    ["ui"],
    # the guards hand out auth's typed callers; auth's workflows and live's publishing take
    # the server's state; auth sends its account messages through mail
    ["server", "auth", "live", "mail"],
    ["shell"],
    # a person's own account page (in the applicant's frame)
    ["account"],
    # the audit log reads the lines every feature below and above writes (their models only)
    ["audit"],
    ["programs"],
    ["sessions"],
    # reminders before a session, and the staff alerts the change workflows (applicants,
    # booking) send
    ["reminders"],
    ["day"],
    ["meeting_rooms"],
    # the clock runs the published day; an itinerary shows the clock's times
    ["itinerary", "clock"],
    ["applicants"],
    ["booking"],
    # an applicant waiting for a seat, and the job that gives freed seats to the lines
    ["waitlist"],
    # sessions that open at a set time
    ["release"],
    ["calendar"],
    ["timetrack"],
    # the portal's own video: its media server, signalling and setup check
    ["video"],
    ["scoring"],
    # a program's screens about its messages
    ["communications"],
    # the season at a glance, read from every feature above
    ["reports"],
    ["seed", "lib"],
]
# Single imports of a later layer, each with its reason. This list only shrinks.
EXCEPTIONS = {
    ("app/src/ui/countdown.rs", "app/src/clock/api.rs"):
        "the UI kit's countdown asks the clock's server function for the server's time",
}
MODEL = ("domain", "domain.rs", "types.rs", "sync.rs")
SCREEN = ("components", "components.rs", "pages", "pages.rs")


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


def use_paths(code, i):
    """The paths a path or use tree starting at `code[i]` names, each a list of segments (a
    glob `*` or a `self` inside braces names the module before it); and where it ends.
    `crate::a::{b::C, d::{self, E}}` gives crate/a/b/C, crate/a/d, crate/a/d/E."""
    m = IDENT.match(code, i)
    if not m:
        return [], i
    segs, i = [m.group(1)], m.end()
    while True:
        m = re.compile(r"\s*::\s*").match(code, i)
        if not m:
            break
        j = m.end()
        if code.startswith("*", j):
            return [segs], j + 1
        if code.startswith("{", j):
            out, j = [], j + 1
            while True:
                k = re.compile(r"[\s,]*").match(code, j).end()
                if k >= len(code) or code[k] == "}":
                    return out, k + 1
                if code.startswith("*", k):
                    out.append(segs)
                    j = k + 1
                    continue
                sub, j2 = use_paths(code, k)
                if j2 == k:
                    return out, k + 1
                for p in sub:
                    out.append(segs + ([] if p == ["self"] else p))
                j = j2
                m2 = re.compile(r"\s+as\s+[A-Za-z_][A-Za-z0-9_]*").match(code, j)
                if m2:
                    j = m2.end()
        m = IDENT.match(code, j)
        if not m:
            break
        segs.append(m.group(1))
        i = m.end()
    return [segs], i


def path_text(text):
    """The path as written (up to its end, one line), for messages."""
    _, end = use_paths(text, 0)
    return " ".join(text[:end].split())


def self_test():
    """The forms of path the graph reads, checked by hand: `--self-test`."""
    cases = {
        "use super::*;": [["super"]],
        "use super::{a, b::C};": [["super", "a"], ["super", "b", "C"]],
        "use crate::a::{b::C, d};": [["crate", "a", "b", "C"], ["crate", "a", "d"]],
        "use crate::a::{self, b::{C, D as E}, f::*};": [
            ["crate", "a"], ["crate", "a", "b", "C"], ["crate", "a", "b", "D"], ["crate", "a", "f"]
        ],
        "crate::x::y::z(1)": [["crate", "x", "y", "z"]],
        "use super::super::types::{\n    A,\n    B,\n};": [
            ["super", "super", "types", "A"], ["super", "super", "types", "B"]
        ],
    }
    bad = 0
    for code, want in cases.items():
        got = use_paths(code, HEAD.search(code).start())[0]
        if got != want:
            bad += 1
            print(f"self-test: {code!r}: {got} (want {want})")
    print(f"self-test: {len(cases) - bad} of {len(cases)} forms read right")
    return 1 if bad else 0


def edges():
    mods = modules()
    graph = {f: {} for f in mods.values()}
    for key, f in mods.items():
        code = strip(open(f, encoding="utf-8").read())
        # `super` of a file `a/b.rs` (module a::b) is module `a`; of `a/b/mod.rs` also `a`.
        parent = list(key[:-1])
        paths = []
        for m in HEAD.finditer(code):
            text = code[m.start() : m.start() + 200]
            for path in use_paths(code, m.start())[0]:
                paths.append((path[0], path[1:], path_text(text)))
        for head, parts, text in paths:
            base = {"crate": [], "super": parent, "self": list(key)}[head]
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


def part(f):
    """A file's feature (its folder under app/src, or its name) and the rest of its path."""
    rel = os.path.relpath(f, SRC).split(os.sep)
    return (rel[0][:-3] if rel[0].endswith(".rs") else rel[0]), rel[1:]


def layering(graph, show):
    """Each import of a feature in a later layer, as lines; with `show`, every edge between
    features (how many imports, one of them)."""
    layer = {feat: n for n, names in enumerate(LAYERS) for feat in names}
    out, between = [], {}
    for f, targets in sorted(graph.items()):
        a, rest_a = part(f)
        for t, text in sorted(targets.items()):
            b, rest_b = part(t)
            if a == b:
                continue
            between.setdefault((a, b), []).append((f, text))
            for feat in (a, b):
                if feat not in layer:
                    out.append(f"error: {feat} is in no layer: give it one in LAYERS (scripts/check-imports.py)")
                    layer[feat] = -1
            if layer[b] <= layer[a] or layer[a] < 0 or layer[b] < 0:
                continue
            if rest_b and rest_b[0] in MODEL:
                continue
            if rest_a and rest_b and rest_a[0] in SCREEN and rest_b[0] in SCREEN + ("api.rs",):
                continue
            if (os.path.relpath(f, ROOT), os.path.relpath(t, ROOT)) in EXCEPTIONS:
                continue
            out.append(
                f"error: {a} (layer {layer[a] + 1}) imports {b} (layer {layer[b] + 1}, later): "
                f"{os.path.relpath(f, ROOT)} -> {os.path.relpath(t, ROOT)} ({text})"
            )
    if show:
        print("imports between features (count, one of them):")
        for (a, b), found in sorted(between.items()):
            f, text = found[0]
            print(f"  {a} -> {b}: {len(found)}  e.g. {os.path.relpath(f, ROOT)} ({text})")
    return out


def main():
    if "--self-test" in sys.argv:
        return self_test()
    graph = edges()
    wrong = layering(graph, "--layers" in sys.argv)
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
    for line in wrong:
        print(line)
    print(f"feature layers: {len(LAYERS)}; imports of a later layer: {len(wrong)}")
    return 1 if new or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
