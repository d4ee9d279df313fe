#!/usr/bin/env python3
"""Scores `concord claims --format json` against claims judged by hand (no gold list).

Usage:
    python3 bench/claims-judged/score_judged.py bench/claims-judged/no-gold-articles.tsv SYSTEM.jsonl

The judged file (TSV: doc, line, subject, event, value, judgement, class) holds every claim
some build gave on articles that have no gold, each read against its sentence and judged
`right` or `wrong`, with the class of the error. A claim is looked up by (doc, line,
subject, event, value). Printed: precision over the judged claims, precision by confidence
band, wrong claims by class, and the claims not judged yet (to judge and add).
"""

import argparse
import csv
import json
import sys
from collections import Counter

BANDS = ((0.0, 0.5, "< 0.50"), (0.5, 0.7, "0.50-0.69"), (0.7, 1.01, ">= 0.70"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("judged")
    ap.add_argument("system")
    args = ap.parse_args()
    judged = {}
    with open(args.judged, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            key = (row["doc"], int(row["line"]), row["subject"], row["event"], row["value"])
            judged[key] = (row["judgement"], row["class"])
    right = wrong = 0
    bands = {label: [0, 0] for _, _, label in BANDS}
    classes = Counter()
    unjudged = []
    with open(args.system, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            key = (c["doc"], c["line"], c["subject"], c["event"], c["value"])
            if key not in judged:
                unjudged.append(c)
                continue
            ok = judged[key][0] == "right"
            right += ok
            wrong += not ok
            if not ok:
                classes[judged[key][1]] += 1
            for lo, hi, label in BANDS:
                if lo <= c["confidence"] < hi:
                    bands[label][0] += ok
                    bands[label][1] += 1
    total = right + wrong
    print(f"judged claims {total}: right {right}, wrong {wrong}, precision {right / total:.3f}" if total else "none")
    print("precision by confidence band:")
    for _, _, label in BANDS:
        r, n = bands[label]
        print(f"  {label:10} {r:3}/{n:<3}  {r / n:.3f}" if n else f"  {label:10}   0/0")
    print("wrong by class:")
    for cls, n in classes.most_common():
        print(f"  {n:3}  {cls}")
    print(f"not judged: {len(unjudged)}")
    for c in unjudged:
        print(f"  {c['doc']}:{c['line']}  {c['subject']} — {c['event']}  {c['value']}  (conf {c['confidence']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
