#!/usr/bin/env python3
"""Scores `concord claims --format json` against the hand-made claims gold.

Usage:
    python3 bench/score_claims.py --gold bench/claims-gold/wikipedia SYSTEM.jsonl [--errors N]
    python3 bench/score_claims.py --gold bench/claims-gold/bundled SYSTEM.jsonl --docs a.txt,b.md

The gold is one TSV per document (see bench/claims-gold/GUIDE.md), named
`<document file name>.tsv`. SYSTEM.jsonl is what `concord claims --format json` prints (one
claim per line; `doc` is the corpus-relative path). Only documents that have a gold file are
scored (or those named by --docs).

A system claim matches a gold claim (one to one, greedy in document order) at four levels:
- `full`:         same document, line, value and subject;
- `line+value`:   same document, line and value (subject ignored);
- `line+subject`: same document, line and subject (value ignored);
- `value+subject`: same document, value and subject, any line (a date written elsewhere).
Recall and precision are given per document and in total for `full` (the headline) and the
looser levels (for diagnosis). Subjects match when one of the gold's names (` | `-separated)
equals the system's canonical subject or its subject as written, after folding case,
punctuation, white space and a leading "the". Values match after folding decades
(`199`, `199X`, `1990s` are one value).

Also printed: precision of system claims by confidence band (is a low-confidence claim right
less often?), and with --errors N, the first N misses and false claims per document.
"""

import argparse
import json
import os
import re
import sys
from collections import defaultdict

LEVELS = ("full", "line+value", "line+subject", "value+subject")
BANDS = ((0.0, 0.5, "< 0.50"), (0.5, 0.7, "0.50-0.69"), (0.7, 1.01, ">= 0.70"))


def norm_name(s):
    s = s.lower().replace("’", "'")
    s = re.sub(r"[^0-9a-z]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


def norm_value(v):
    v = (v or "").strip()
    m = re.fullmatch(r"(\d{3})(?:X|0s)?", v)
    if m and (v.endswith("X") or v.endswith("0s") or len(v) == 3):
        return m.group(1) + "X"
    return v


def read_gold(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        want = ["line", "subject", "event", "value", "quote", "notes"]
        if header[: len(want)] != want:
            sys.exit(f"{path}: header must be {want!r} (tab-separated), found {header!r}")
        for n, raw in enumerate(f, start=2):
            raw = raw.rstrip("\n")
            if not raw.strip():
                continue
            cols = raw.split("\t")
            while len(cols) < 6:
                cols.append("")
            try:
                line = int(cols[0])
            except ValueError:
                sys.exit(f"{path}:{n}: line is not a number: {cols[0]!r}")
            rows.append(
                {
                    "line": line,
                    "names": {norm_name(x) for x in cols[1].split("|") if x.strip()},
                    "subject": cols[1],
                    "event": cols[2],
                    "value": norm_value(cols[3]),
                    "quote": cols[4],
                    "notes": cols[5],
                }
            )
    return rows


def read_system(path):
    claims = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, start=1):
            raw = raw.strip()
            if not raw:
                continue
            try:
                c = json.loads(raw)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: not JSON: {e}")
            doc = os.path.basename(c["doc"])
            c["_names"] = {norm_name(c.get("subject") or ""), norm_name(c.get("subject_text") or "")}
            c["_value"] = norm_value(c.get("value"))
            claims[doc].append(c)
    return claims


def same(level, g, s):
    subj = bool(g["names"] & s["_names"])
    if level == "full":
        return g["line"] == s["line"] and g["value"] == s["_value"] and subj
    if level == "line+value":
        return g["line"] == s["line"] and g["value"] == s["_value"]
    if level == "line+subject":
        return g["line"] == s["line"] and subj
    return g["value"] == s["_value"] and subj


def match(level, gold, system):
    """Greedy one-to-one matching; returns the set of matched gold and system indices."""
    used_s, used_g = set(), set()
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if si not in used_s and same(level, g, s):
                used_s.add(si)
                used_g.add(gi)
                break
    return used_g, used_s


def prf(tp_g, n_g, tp_s, n_s):
    r = tp_g / n_g if n_g else 0.0
    p = tp_s / n_s if n_s else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, help="folder of <doc>.tsv gold files")
    ap.add_argument("system", help="concord claims --format json output")
    ap.add_argument("--docs", help="comma-separated document names to score (default: every gold file)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses and false claims per document")
    ap.add_argument(
        "--skip-doubtful",
        action="store_true",
        help="leave out gold rows noted `doubtful` (a system claim matching one is then neither right nor wrong)",
    )
    args = ap.parse_args()

    gold_files = sorted(f for f in os.listdir(args.gold) if f.endswith(".tsv"))
    docs = [f[: -len(".tsv")] for f in gold_files]
    if args.docs:
        wanted = args.docs.split(",")
        missing = [d for d in wanted if d not in docs]
        if missing:
            sys.exit(f"no gold for: {', '.join(missing)}")
        docs = wanted
    if not docs:
        sys.exit(f"{args.gold}: no gold files")
    system = read_system(args.system)

    totals = {lvl: [0, 0, 0, 0] for lvl in LEVELS}  # tp_gold, n_gold, tp_sys, n_sys
    bands = {b[2]: [0, 0] for b in BANDS}
    print(f"{'document':48} {'gold':>5} {'sys':>5} {'P':>6} {'R':>6} {'F1':>6}   (full match)")
    for doc in docs:
        gold = read_gold(os.path.join(args.gold, doc + ".tsv"))
        sysd = system.get(doc, [])
        if args.skip_doubtful:
            doubtful = [g for g in gold if "doubtful" in g["notes"]]
            gold = [g for g in gold if "doubtful" not in g["notes"]]
            _, on_doubtful = match("full", doubtful, sysd)
            sysd = [s for si, s in enumerate(sysd) if si not in on_doubtful]
        matched = {}
        for lvl in LEVELS:
            mg, ms = match(lvl, gold, sysd)
            matched[lvl] = (mg, ms)
            t = totals[lvl]
            t[0] += len(mg)
            t[1] += len(gold)
            t[2] += len(ms)
            t[3] += len(sysd)
        mg, ms = matched["full"]
        p, r, f = prf(len(mg), len(gold), len(ms), len(sysd))
        print(f"{doc:48} {len(gold):5} {len(sysd):5} {p:6.3f} {r:6.3f} {f:6.3f}")
        for si, s in enumerate(sysd):
            conf = s.get("confidence", 1.0)
            for lo, hi, name in BANDS:
                if lo <= conf < hi:
                    bands[name][0] += si in ms
                    bands[name][1] += 1
        if args.errors:
            misses = [g for gi, g in enumerate(gold) if gi not in mg][: args.errors]
            false = [s for si, s in enumerate(sysd) if si not in ms][: args.errors]
            for g in misses:
                print(f"    MISS  {doc}:{g['line']}  {g['subject']} — {g['event']}  {g['value']}  «{g['quote']}»")
            for s in false:
                print(
                    f"    FALSE {doc}:{s['line']}  {s.get('subject')} — {s.get('event')}  {s.get('value')}"
                    f"  (conf {s.get('confidence', 0):.2f})  «{s.get('date_text')}»"
                )
    print()
    print(f"{'level':16} {'P':>6} {'R':>6} {'F1':>6}   gold {totals['full'][1]}, system {totals['full'][3]}")
    for lvl in LEVELS:
        t = totals[lvl]
        p, r, f = prf(t[0], t[1], t[2], t[3])
        print(f"{lvl:16} {p:6.3f} {r:6.3f} {f:6.3f}")
    print()
    print("precision by confidence band (full match):")
    for _, _, name in BANDS:
        ok, n = bands[name]
        print(f"  {name:10} {ok:4}/{n:<4} {ok / n if n else 0:6.3f}")


if __name__ == "__main__":
    main()
