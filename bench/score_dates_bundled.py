#!/usr/bin/env python3
"""Scores concord's dates on the bundled sheets against the blind DATE gold.

The gold (bench/dates-gold/bundled/<sheet file name>.tsv) has one row per TIMEX3: the line
as `nl -ba` numbers it, the exact text, type and value; a range is one row with the value
START/END; a `# document-date:` header gives the date the sheet states (or `none`). Rows of
one line are in text order, so the n-th row with a given text is its n-th occurrence there.

The system side is `concord dates --format json` over the same sheets, and the document date
is the one `concord dates` prints in each sheet's header line: the tool finds it itself (no
--reference-date).

Matching, per sheet, one-to-one, as TempEval-3 and ../shared/benchmarks/*/score.py do:
  strict   same line, same start and end (characters of the original line)
  relaxed  same line, overlapping spans; exact pairs first, then by largest overlap
A range is split into its two ends on both sides (one item per end, the span of the whole
expression), and an end is matched only with the same end or with a single date, as the TBAQ
scoring sees a range as two dates. Reported: strict P/R/F1, relaxed P/R/F1, value accuracy
over relaxed pairs, value F1 = relaxed F1 x value accuracy; per sheet, and the document date
found against the gold's.

Usage: bench/score_dates_bundled.py [--bin target/release/concord] [--gold DIR]
                                    [--corpus corpus] [--types DATE] [--errors N] [--json]
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile


def load_gold(path):
    """Returns (document date or None, [(line, text, type, value, notes)])."""
    doc_date = None
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("#"):
                m = re.match(r"#\s*document-date:\s*(\S+)", line)
                if m and m.group(1) != "none":
                    doc_date = m.group(1)
                continue
            if not line.strip():
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            r = dict(zip(header, cols))
            rows.append((int(r["line"]), r["text"], r["type"], r["value"].strip(), r.get("notes", "")))
    return doc_date, rows


def locate(lines, rows):
    """Character spans of gold rows in their lines. Rows of a line are in text order: each is
    looked for after the previous row's start, never overlapping a span already placed (the
    "1997" after "27 May 1997" is the later one)."""
    out = []
    placed = {}
    for line, text, typ, value, notes in rows:
        src = lines[line - 1] if 0 < line <= len(lines) else ""
        spans = placed.setdefault(line, [])
        after = spans[-1][0] if spans else 0

        def free(i):
            return all(i + len(text) <= s or e <= i for s, e in spans)

        found = -1
        for origin in (after, 0):
            i = src.find(text, origin)
            while i >= 0 and not free(i):
                i = src.find(text, i + 1)
            if i >= 0:
                found = i
                break
        if found < 0:
            print(f"gold text not found: line {line} {text!r}", file=sys.stderr)
            continue
        spans.append((found, found + len(text)))
        out.append((line, found, found + len(text), text, typ, value))
    return out


def ends(items):
    """Splits each (line, start, end, text, type, value) into one item per range end."""
    out = []
    for line, s, e, text, typ, value in items:
        if "/" in value and not value.startswith("P"):
            a, b = value.split("/", 1)
            out.append((line, s, e, text, typ, a, "start"))
            out.append((line, s, e, text, typ, b, "end"))
        else:
            out.append((line, s, e, text, typ, value, "single"))
    return out


def match(gold, system):
    """One-to-one relaxed pairs (gold index, system index), exact spans first."""
    def ok(g, s):
        return g[0] == s[0] and g[1] < s[2] and s[1] < g[2] and (g[6] == s[6] or "single" in (g[6], s[6]))

    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if ok(g, s):
                exact = g[1] == s[1] and g[2] == s[2]
                same_part = g[6] == s[6]
                overlap = min(g[2], s[2]) - max(g[1], s[1])
                cands.append((not exact, not same_part, -overlap, g[1], i, j))
    cands.sort()
    gi, sj, pairs = set(), set(), []
    for *_, i, j in cands:
        if i in gi or j in sj:
            continue
        gi.add(i)
        sj.add(j)
        pairs.append((i, j))
    return pairs


def prf(tp, ns, ng):
    p = tp / ns if ns else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "concord"))
    ap.add_argument("--gold", default=os.path.join(root, "bench", "dates-gold", "bundled"))
    ap.add_argument("--corpus", default=os.path.join(root, "corpus"))
    ap.add_argument("--types", default="DATE")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    types = set(a.types.split(","))

    golds = sorted(glob.glob(os.path.join(a.gold, "*.tsv")))
    if not golds:
        sys.exit(f"no gold files in {a.gold}")
    sheets = [os.path.join(a.corpus, os.path.basename(g)[: -len(".tsv")]) for g in golds]
    missing = [s for s in sheets if not os.path.exists(s)]
    if missing:
        sys.exit(f"sheets named by the gold are not in {a.corpus}: {', '.join(missing)}")
    with tempfile.TemporaryDirectory() as index:
        base = [a.bin, "--corpus", a.corpus, "--index", index, "dates"]
        js = subprocess.run(base + ["--format", "json"] + sheets, capture_output=True, text=True)
        tx = subprocess.run(base + sheets, capture_output=True, text=True)
    if js.returncode != 0 or tx.returncode != 0:
        sys.exit(f"concord dates failed: {js.stderr or tx.stderr}")
    found_dates = {}
    for line in tx.stdout.splitlines():
        m = re.match(r"^(\S+)\s+register: (\w+), document date: (\S+)", line)
        if m:
            found_dates[os.path.basename(m.group(1))] = (m.group(3), m.group(2))
    sys_rows = {}
    for line in js.stdout.splitlines():
        r = json.loads(line)
        if r.get("timex_type") not in types:
            continue
        name = os.path.basename(r["doc"])
        start = r["column"] - 1
        sys_rows.setdefault(name, []).append(
            (r["line"], start, start + len(r["text"]), r["text"], r["timex_type"], r.get("value") or "")
        )

    total = {"gold": 0, "sys": 0, "strict": 0, "relaxed": 0, "value": 0}
    per_sheet, errors = [], []
    for g_path, sheet in zip(golds, sheets):
        name = os.path.basename(sheet)
        lines = open(sheet, encoding="utf-8-sig").read().split("\n")
        doc_date, rows = load_gold(g_path)
        gold = ends([x for x in locate(lines, rows) if x[4] in types])
        system = ends(sys_rows.get(name, []))
        pairs = match(gold, system)
        strict = sum(1 for i, j in pairs if gold[i][1:3] == system[j][1:3])
        value = sum(1 for i, j in pairs if gold[i][5] == system[j][5])
        found, register = found_dates.get(name, ("?", "?"))
        per_sheet.append((name, len(gold), len(system), strict, len(pairs), value, doc_date or "none", found, register))
        for k, v in (("gold", len(gold)), ("sys", len(system)), ("strict", strict), ("relaxed", len(pairs)), ("value", value)):
            total[k] += v
        mg = {i for i, _ in pairs}
        ms = {j for _, j in pairs}
        for i, j in pairs:
            if gold[i][5] != system[j][5]:
                errors.append(f"VALUE {name}:{gold[i][0]} gold {gold[i][3]!r} {gold[i][5]}  sys {system[j][3]!r} {system[j][5]}")
        errors += [f"MISS  {name}:{g[0]} {g[3]!r} {g[5]}" for i, g in enumerate(gold) if i not in mg]
        errors += [f"FALSE {name}:{s[0]} {s[3]!r} {s[5]}" for j, s in enumerate(system) if j not in ms]

    sp, sr, sf = prf(total["strict"], total["sys"], total["gold"])
    rp, rr, rf = prf(total["relaxed"], total["sys"], total["gold"])
    acc = total["value"] / total["relaxed"] if total["relaxed"] else 0.0
    result = {
        "gold": total["gold"],
        "system": total["sys"],
        "strict": {"P": sp, "R": sr, "F1": sf},
        "relaxed": {"P": rp, "R": rr, "F1": rf},
        "value": {"accuracy": acc, "F1": rf * acc},
        "sheets": [
            {"sheet": s[0], "gold": s[1], "system": s[2], "strict": s[3], "relaxed": s[4], "value": s[5],
             "document_date_gold": s[6], "document_date_found": s[7], "register": s[8]}
            for s in per_sheet
        ],
    }
    if a.json:
        print(json.dumps(result, indent=1))
        return
    print("| sheet | register | document date (gold / found) | gold | system | strict | relaxed | value right |")
    print("|---|---|---|---|---|---|---|---|")
    for s in per_sheet:
        print(f"| {s[0]} | {s[8]} | {s[6]} / {s[7]} | {s[1]} | {s[2]} | {s[3]} | {s[4]} | {s[5]} |")
    print()
    print(f"{a.types}: gold {total['gold']}, system {total['sys']}")
    print(f"strict   P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"relaxed  P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}")
    print(f"value    accuracy {acc:.3f}  F1 {rf * acc:.3f}")
    for e in errors[: a.errors]:
        print(e)


if __name__ == "__main__":
    main()
