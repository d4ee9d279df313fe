#!/usr/bin/env python3
"""The benchmark of issue 7: every figure next to its reference, measured in the same run.

One command from a fresh clone (Debian/Ubuntu; installs ripgrep and GNU time when run as
root, else says how):

    bench/run.sh                  # ~100 MB corpus (20,000 sheets of ~5 KB), well under 10 min
    bench/run.sh --scale 1g       # 1 GB corpus (200,000 sheets of ~5 KB), the issue's targets
    bench/run.sh --scale 10m      # quick smoke run

What it measures, each on the same generated corpus, with the ratio printed:
  1. extraction alone (examples/extract_only.rs, 2 rayon threads) vs `rg -c -j2` with a
     combined date regex;
  2. `concord index` from scratch vs a bare tantivy indexer (examples/bare_tantivy.rs);
  3. `concord check` (or `concord index` while `check` does not exist) unchanged and with
     one sheet changed, vs the full build;
  4. search latency p50/p99 over bench/queries.tsv: the CLI per process, concord's library
     in process, and tantivy directly on the same index (examples/search_bare.rs);
  5. peak RSS of each concord command (`/usr/bin/time -v`);
  6. the cross-check alone on 1, 5 and 10 million synthetic claims
     (examples/crosscheck_synth.rs);
and the index size vs the corpus size.

Absolute times on a shared machine are noisy: the ratios are what count. References and
concord run alternately (A B A B ...) and the median of each is used; CPU time (user +
sys) is printed beside wall time because it is less sensitive to other load.

Results: printed, and written to bench/out/results-<scale>.md and .json.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RELEASE = ROOT / "target" / "release"

SCALES = {
    "10m": (2_000, 5_000),
    "100m": (20_000, 5_000),
    "1g": (200_000, 5_000),
}

# The combined date regex for ripgrep: every form the generator writes and the extractor is
# meant to read. ASCII word boundaries and [0-9] (issue 7: Unicode \b costs 5-9x on text
# with curly quotes).
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MON = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
DATE_REGEX = (
    r"(?-u:\b)(?:"
    + rf"[0-9]{{1,2}}(?:[-–][0-9]{{1,2}})? (?:{MONTHS}|{MON})(?: [0-9]{{4}})?"  # 27 May 1997, 5-6 July 1990, 27 May
    + rf"|(?:{MONTHS}|{MON}) [0-9]{{1,2}}, [0-9]{{4}}"  # May 27, 1997
    + r"|[0-9]{4}-[0-9]{2}-[0-9]{2}"  # 1997-05-27
    + rf"|(?:(?:{MONTHS})|spring|summer|autumn|fall|winter) [0-9]{{4}}"  # May 1997, spring 2009
    + r"|(?:early|mid-|late) ?[0-9]{3}0s"  # the late 1990s
    + r"|(?:1[0-9]|20)[0-9]{2}"  # 1997
    + r")(?-u:\b)"
)


def log(msg=""):
    print(msg, flush=True)


def die(msg):
    print(f"bench: error: {msg}", file=sys.stderr)
    sys.exit(2)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def ensure_tools():
    """ripgrep and GNU time: install with apt-get when root, else say how."""
    missing = []
    if shutil.which("rg") is None:
        missing.append("ripgrep")
    if not Path("/usr/bin/time").exists():
        missing.append("time")
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"== installing {' '.join(missing)} (apt-get)")
        sh(["apt-get", "update", "-qq"])
        sh(["apt-get", "install", "-y", "-qq", *missing], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    else:
        die(f"missing {' '.join(missing)}: install with `sudo apt-get install -y {' '.join(missing)}`")


def machine():
    model = "unknown"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except FileNotFoundError:
        pass
    mem_gb = 0.0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_gb = int(line.split()[1]) / 1024 / 1024
    rg = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    lock = (ROOT / "Cargo.lock").read_text()
    m = re.search(r'name = "tantivy"\nversion = "([^"]+)"', lock)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gb": round(mem_gb, 1),
        "kernel": platform.release(),
        "load_avg_at_start": os.getloadavg(),
        "ripgrep": rg,
        "tantivy": m.group(1) if m else "?",
        "commit": rev.strip(),
    }


class Run:
    """One timed process: wall seconds, CPU seconds, peak RSS in MB, exit code."""

    def __init__(self, wall, cpu, rss_mb, code, stdout):
        self.wall, self.cpu, self.rss_mb, self.code, self.stdout = wall, cpu, rss_mb, code, stdout


def timed(cmd, ok=(0,), stdout_path=None):
    """Runs `cmd` under /usr/bin/time -v; stdout goes to a file (never /dev/null: ripgrep
    stops at the first match when it sees /dev/null)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, tempfile.TemporaryFile("w+") as out:
        sink = open(stdout_path, "w") if stdout_path else out
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name, *map(str, cmd)], stdout=sink, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        if stdout_path:
            sink.close()
            text = ""
        else:
            out.seek(0)
            text = out.read()
        if p.returncode not in ok:
            die(f"{' '.join(map(str, cmd))} exited {p.returncode}:\n{p.stderr[-3000:]}")
        info = tf.read()
    def field(name):
        m = re.search(rf"{re.escape(name)}: ([0-9.:]+)", info)
        return m.group(1) if m else "0"
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)")) / 1024
    return Run(wall, cpu, rss, p.returncode, text)


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def pct(xs, q):
    """Nearest-rank percentile."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(q / 100 * len(s) + 0.5)) - 1))
    return s[k]


def corpus_bytes(root):
    total, n = 0, 0
    for dirpath, dirnames, files in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for f in files:
            if f.endswith((".txt", ".md")) and not f.startswith("."):
                total += os.path.getsize(os.path.join(dirpath, f))
                n += 1
    return total, n


def du(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", choices=SCALES, default="100m", help="corpus size preset (default 100m)")
    ap.add_argument("--sheets", type=int, help="override the preset's sheet count")
    ap.add_argument("--size", type=int, help="override the preset's mean sheet size in bytes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reps", type=int, default=3, help="alternating repetitions of each timed pair")
    ap.add_argument("--build-reps", type=int, help="repetitions of the full builds (default: 2, 1 at 1g)")
    ap.add_argument("--search-reps", type=int, default=20, help="in-process passes over the query set")
    ap.add_argument("--cli-reps", type=int, help="CLI passes over the query set (default: 3, 1 at 1g)")
    ap.add_argument("--crosscheck", default="1,5,10", help="claim counts in millions ('' to skip)")
    ap.add_argument("--out", type=Path, default=BENCH / "out")
    ap.add_argument("--no-build", action="store_true", help="use the binaries already in target/release")
    args = ap.parse_args()

    sheets, size = SCALES[args.scale]
    sheets = args.sheets or sheets
    size = args.size or size
    build_reps = args.build_reps or (1 if args.scale == "1g" else 2)
    args.cli_reps = args.cli_reps or (1 if args.scale == "1g" else 3)
    label = args.scale if not (args.sheets or args.size) else f"{sheets}x{size}"
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    results = {"label": label, "sheets_requested": sheets, "mean_size": size, "seed": args.seed}

    ensure_tools()
    results["machine"] = machine()
    log(f"== machine: {json.dumps(results['machine'])}")

    # # Build (release): the CLI and every benchmark example.
    if not args.no_build:
        log("== cargo build --release (concord + benchmark examples)")
        sh(["cargo", "build", "--release", "--bin", "concord",
            "--example", "gen_corpus", "--example", "extract_only", "--example", "bare_tantivy",
            "--example", "search_bare", "--example", "crosscheck_synth"], cwd=ROOT)
    concord = RELEASE / "concord"
    ex = RELEASE / "examples"

    # # Corpus: generated once per (sheets, size, seed) and kept.
    corpus = out / f"corpus-{sheets}x{size}-s{args.seed}"
    stamp = out / f"corpus-{sheets}x{size}-s{args.seed}.done"
    if not stamp.exists():
        shutil.rmtree(corpus, ignore_errors=True)
        log(f"== generating {sheets} sheets of ~{size} B into {corpus}")
        t0 = time.perf_counter()
        sh([ex / "gen_corpus", "--out", corpus, "--sheets", str(sheets), "--size", str(size), "--seed", str(args.seed)])
        log(f"   generated in {time.perf_counter() - t0:.1f} s")
        stamp.write_text("ok\n")
    cbytes, nfiles = corpus_bytes(corpus)
    results["corpus"] = {"bytes": cbytes, "sheets": nfiles}
    mb = cbytes / 1e6
    log(f"== corpus: {nfiles} sheets, {mb:.1f} MB")

    # Warm the page cache so every contender reads from memory.
    timed(["rg", "-c", "-j2", "zzzz-no-match", corpus], ok=(0, 1))

    # # 1. Extraction alone vs ripgrep, 2 threads each.
    log("== 1. extraction alone vs rg -c -j2 (date regex)")
    rg_runs, ex_runs = [], []
    for _ in range(args.reps):
        rg_runs.append(timed(["rg", "-c", "-j2", "--no-messages", "-e", DATE_REGEX, corpus], ok=(0, 1),
                             stdout_path=out / "rg-counts.txt"))
        ex_runs.append(timed([ex / "extract_only", corpus, "--threads", "2"]))
    rg_dates = sum(int(l.rsplit(":", 1)[1]) for l in (out / "rg-counts.txt").read_text().splitlines() if ":" in l)
    ex_info = json.loads(ex_runs[-1].stdout)
    stages = json.loads(timed([ex / "extract_only", corpus, "--threads", "2", "--stages", "--prototype"]).stdout)
    t_rg, t_ex = med([r.wall for r in rg_runs]), med([r.wall for r in ex_runs])
    r1 = {
        "rg_wall_s": t_rg, "rg_cpu_s": med([r.cpu for r in rg_runs]), "rg_mb_s": mb / t_rg,
        "rg_matching_lines": rg_dates,
        "extract_wall_s": t_ex, "extract_cpu_s": med([r.cpu for r in ex_runs]), "extract_mb_s": mb / t_ex,
        "extract_rss_mb": max(r.rss_mb for r in ex_runs),
        "extract_counts": {k: ex_info[k] for k in ("sheets", "dates", "bodies", "claims", "errors")},
        "stage_cpu_ms": stages["cpu_ms"],
        "ratio_rate": t_rg / t_ex,
        "ratio_rate_cpu": med([r.cpu for r in rg_runs]) / med([r.cpu for r in ex_runs]),
    }
    results["extraction"] = r1
    log(f"   rg {mb / t_rg:.0f} MB/s ({t_rg:.2f} s), extraction {mb / t_ex:.0f} MB/s ({t_ex:.2f} s): "
        f"extraction rate / rg rate = {r1['ratio_rate']:.2f} (target >= 0.50); by CPU time {r1['ratio_rate_cpu']:.2f}")
    log(f"   stage thread time ms (wall clock inside each stage, summed over threads): {stages['cpu_ms']}")

    # # 2. Full build vs bare tantivy.
    log("== 2. full build: concord index vs bare tantivy")
    idx = out / f"index-{label}"
    bare_idx = out / f"bare-index-{label}"
    cc_runs, bare_runs = [], []
    for _ in range(build_reps):
        shutil.rmtree(bare_idx, ignore_errors=True)
        bare_runs.append(timed([ex / "bare_tantivy", corpus, bare_idx]))
        shutil.rmtree(idx, ignore_errors=True)
        cc_runs.append(timed([concord, "--corpus", corpus, "--index", idx, "-q", "index"]))
    shutil.rmtree(bare_idx.with_name(bare_idx.name + "-title"), ignore_errors=True)
    bare_title = timed([ex / "bare_tantivy", corpus, bare_idx.with_name(bare_idx.name + "-title"), "--title"])
    t_cc, t_bare = med([r.wall for r in cc_runs]), med([r.wall for r in bare_runs])
    idx_bytes = du(idx / "tantivy")
    bare_bytes = du(bare_idx)
    r2 = {
        "concord_wall_s": t_cc, "concord_cpu_s": med([r.cpu for r in cc_runs]), "concord_mb_s": mb / t_cc,
        "concord_rss_mb": max(r.rss_mb for r in cc_runs),
        "bare_wall_s": t_bare, "bare_cpu_s": med([r.cpu for r in bare_runs]), "bare_mb_s": mb / t_bare,
        "bare_rss_mb": max(r.rss_mb for r in bare_runs),
        "bare_title_wall_s": bare_title.wall, "bare_title_cpu_s": bare_title.cpu,
        "ratio_throughput": t_bare / t_cc,
        "ratio_throughput_cpu": med([r.cpu for r in bare_runs]) / med([r.cpu for r in cc_runs]),
        "index_bytes": idx_bytes, "bare_index_bytes": bare_bytes,
        "index_vs_corpus": idx_bytes / cbytes, "bare_index_vs_corpus": bare_bytes / cbytes,
        "passages": json.loads(bare_runs[-1].stdout)["passages"],
    }
    results["build"] = r2
    shutil.rmtree(bare_idx.with_name(bare_idx.name + "-title"), ignore_errors=True)
    log(f"   concord {t_cc:.2f} s ({mb / t_cc:.1f} MB/s, {r2['concord_rss_mb']:.0f} MB RSS), bare tantivy {t_bare:.2f} s "
        f"({mb / t_bare:.1f} MB/s): throughput ratio {r2['ratio_throughput']:.2f} (target >= 0.85); "
        f"by CPU time {r2['ratio_throughput_cpu']:.2f}; bare + title {bare_title.wall:.2f} s")
    log(f"   index {idx_bytes / 1e6:.1f} MB = {r2['index_vs_corpus']:.2f}x corpus (target <= 0.80); "
        f"bare index {r2['bare_index_vs_corpus']:.2f}x")

    # # 3. check unchanged / one sheet changed, vs the full build.
    has_check = subprocess.run([concord, "check", "--help"], capture_output=True).returncode == 0
    # CI runs the gate against a committed baseline: the generated corpus's findings are
    # accepted once (unmeasured), so 3a/3b time the gate as CI sees it. 3c is the same
    # unchanged corpus with no baseline: every finding is new and reported in full.
    baseline = out / f"baseline-{label}.json"
    no_baseline = out / f"no-baseline-{label}.json"
    baseline.unlink(missing_ok=True)
    no_baseline.unlink(missing_ok=True)
    base_cmd = [concord, "--corpus", corpus, "--index", idx, "-q", "check" if has_check else "index"]
    check_cmd = [*base_cmd, "--baseline", baseline] if has_check else base_cmd
    if has_check:
        timed([*base_cmd, "--baseline", baseline, "--update-baseline"])
    log(f"== 3. {'check' if has_check else 'index (no check command yet)'}: unchanged and one sheet changed")
    txt = sorted(corpus.rglob("*.txt"))
    victim = txt[len(txt) // 2]
    original = victim.read_bytes()
    un_runs, ch_runs, new_runs = [], [], []
    for _ in range(args.reps):
        un_runs.append(timed(check_cmd, ok=(0, 1)))
        if has_check:
            new_runs.append(timed([*base_cmd, "--baseline", no_baseline], ok=(0, 1)))
        victim.write_bytes(original + "\nThe Zürich Security Forum (ZSF) was established on 3 March 2001.\n".encode())
        ch_runs.append(timed(check_cmd, ok=(0, 1)))
        victim.write_bytes(original)
        timed(check_cmd, ok=(0, 1))  # settle: the restored sheet is read back, unmeasured
    t_un, t_ch = med([r.wall for r in un_runs]), med([r.wall for r in ch_runs])
    r3 = {
        "command": "check" if has_check else "index",
        "baseline_findings": len(json.loads(baseline.read_text()).get("entries", [])) if baseline.exists() else 0,
        "no_baseline_s": med([r.wall for r in new_runs]),
        "no_baseline_rss_mb": max((r.rss_mb for r in new_runs), default=0),
        "no_baseline_report_bytes": len(new_runs[-1].stdout.encode()) if new_runs else 0,
        "unchanged_s": t_un, "unchanged_cpu_s": med([r.cpu for r in un_runs]),
        "unchanged_rss_mb": max(r.rss_mb for r in un_runs),
        "one_changed_s": t_ch, "one_changed_cpu_s": med([r.cpu for r in ch_runs]),
        "one_changed_rss_mb": max(r.rss_mb for r in ch_runs),
        "unchanged_vs_build": t_un / t_cc, "one_changed_vs_build": t_ch / t_cc,
        "unchanged_s_per_100k_sheets": t_un / nfiles * 100_000,
        # The view cache `check` keeps beside the tantivy index (absent before it exists).
        "view_cache_bytes": (idx / "view.bin").stat().st_size if (idx / "view.bin").exists() else 0,
    }
    results["check"] = r3
    log(f"   against a baseline of {r3['baseline_findings']} findings: unchanged {t_un:.2f} s "
        f"({r3['unchanged_vs_build']:.3f}x full build), one changed {t_ch:.2f} s "
        f"({r3['one_changed_vs_build']:.3f}x); target <= 3 s each at 200,000 sheets; "
        f"no baseline {r3['no_baseline_s']:.2f} s")

    # # 4. Search latency: CLI per process, library and tantivy in process.
    log("== 4. search latency (snippets on)")
    specs = []
    for line in (BENCH / "queries.tsv").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        q, frm, to, body = (line.split("\t") + ["-"] * 4)[:4]
        specs.append((q, frm, to, body))
    cli_ms = [[] for _ in specs]
    cli_rss = [0.0 for _ in specs]
    for rep in range(args.cli_reps):
        for i, (q, frm, to, body) in enumerate(specs):
            cmd = [concord, "--corpus", corpus, "--index", idx, "-q", "--color", "never", "search", q]
            if frm != "-":
                cmd += ["--from", frm]
            if to != "-":
                cmd += ["--to", to]
            if body != "-":
                cmd += ["--body", body.split("|")[0]]
            r = timed(cmd)
            cli_ms[i].append(r.wall * 1e3)
            cli_rss[i] = max(cli_rss[i], r.rss_mb)
    sb = timed([ex / "search_bare", idx, BENCH / "queries.tsv", "--reps", str(args.search_reps)])
    sj = json.loads(sb.stdout)
    bare_ms = [[u / 1e3 for u in v] for v in sj["tantivy_us"]]
    lib_ms = [[u / 1e3 for u in v] for v in sj["concord_lib_us"]]
    flat = lambda vs: [x for v in vs for x in v]
    per_query = []
    for i, (q, frm, to, body) in enumerate(specs):
        per_query.append({
            "query": q, "from": frm, "to": to, "body": body, "hits": sj["hits"][i],
            "tantivy_p50_ms": med(bare_ms[i]), "concord_lib_p50_ms": med(lib_ms[i]), "cli_p50_ms": med(cli_ms[i]),
            "lib_vs_tantivy": med(lib_ms[i]) / med(bare_ms[i]), "cli_rss_mb": cli_rss[i],
        })
    r4 = {
        "tantivy_p50_ms": pct(flat(bare_ms), 50), "tantivy_p99_ms": pct(flat(bare_ms), 99),
        "concord_lib_p50_ms": pct(flat(lib_ms), 50), "concord_lib_p99_ms": pct(flat(lib_ms), 99),
        "cli_p50_ms": pct(flat(cli_ms), 50), "cli_p99_ms": pct(flat(cli_ms), 99),
        "open_us": sj["open_us"],
        "per_query": per_query,
    }
    r4["lib_vs_tantivy_p50"] = r4["concord_lib_p50_ms"] / r4["tantivy_p50_ms"]
    r4["cli_vs_tantivy_p50"] = r4["cli_p50_ms"] / r4["tantivy_p50_ms"]
    r4["median_per_query_lib_vs_tantivy"] = med([p["lib_vs_tantivy"] for p in per_query])
    results["search"] = r4
    log(f"   tantivy p50 {r4['tantivy_p50_ms']:.2f} ms p99 {r4['tantivy_p99_ms']:.2f} ms | "
        f"concord lib p50 {r4['concord_lib_p50_ms']:.2f} ms p99 {r4['concord_lib_p99_ms']:.2f} ms | "
        f"concord CLI p50 {r4['cli_p50_ms']:.0f} ms p99 {r4['cli_p99_ms']:.0f} ms")
    log(f"   p50 ratio: library/tantivy {r4['lib_vs_tantivy_p50']:.2f} (target <= 1.2; median per query "
        f"{r4['median_per_query_lib_vs_tantivy']:.2f}), CLI/tantivy {r4['cli_vs_tantivy_p50']:.0f}")
    for p in per_query:
        log(f"     {p['query']!r:28} from={p['from']:10} to={p['to']:10} body={p['body'].split('|')[0]:28} "
            f"hits={p['hits']} tantivy {p['tantivy_p50_ms']:.2f} lib {p['concord_lib_p50_ms']:.2f} "
            f"cli {p['cli_p50_ms']:.0f} ms")

    # # 5. Peak RSS of every concord command.
    log("== 5. peak RSS of each concord command")
    base = [concord, "--corpus", corpus, "--index", idx, "-q", "--color", "never"]
    rss = {
        "index (full build)": r2["concord_rss_mb"],
        f"{r3['command']} (unchanged)": r3["unchanged_rss_mb"],
        f"{r3['command']} (one changed)": r3["one_changed_rss_mb"],
        "search (max over queries)": max(cli_rss),
    }
    for name, extra in [("dates", ["dates"]), ("bodies", ["bodies"]), ("claims", ["claims"]),
                        ("export", ["export", "--format", "ndjson"])]:
        r = timed(base + extra, ok=(0, 1), stdout_path=out / f"{name}.out")
        rss[name] = r.rss_mb
        rss[name + " (s)"] = r.wall
    (out / "export.out").unlink(missing_ok=True)
    (out / "dates.out").unlink(missing_ok=True)
    results["rss_mb"] = rss
    for k, v in rss.items():
        log(f"   {k:28} {v:8.1f}" + ("" if k.endswith("(s)") else " MB"))

    # # 6. Cross-check alone on synthetic claims.
    if args.crosscheck:
        log(f"== 6. cross-check alone on {args.crosscheck} million synthetic claims")
        r = timed([ex / "crosscheck_synth", "--millions", args.crosscheck])
        rows = [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
        results["crosscheck"] = {"rows": rows, "rss_mb": r.rss_mb}
        for row in rows:
            log(f"   {row['claims']:>10} claims: {row['check_s']:.2f} s, {row['discrepancies']} discrepancies, "
                f"{row['ns_per_n_log2_n']:.2f} ns per n·log2 n ({row['vs_first']:.2f}x the first)")

    (out / f"results-{label}.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / f"results-{label}.md").write_text(markdown(results))
    log(f"== wrote {out / f'results-{label}.json'} and {out / f'results-{label}.md'}")


def verdict(ok):
    return "met" if ok else "**not met**"


def markdown(r):
    m, c, e, b, k, s = r["machine"], r["corpus"], r["extraction"], r["build"], r["check"], r["search"]
    lines = [
        f"### {r['label']}: {c['sheets']} sheets, {c['bytes'] / 1e6:.1f} MB (seed {r['seed']})",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, Linux {m['kernel']}, "
        f"load average at start {m['load_avg_at_start'][0]:.1f}; {m['ripgrep']}; tantivy {m['tantivy']}; "
        f"concord {m['commit']}.",
        "",
        "| # | Figure | concord | Reference | Ratio | Target | |",
        "|---|---|---|---|---|---|---|",
        f"| 1 | Extraction alone, 2 threads | {e['extract_mb_s']:.0f} MB/s ({e['extract_wall_s']:.2f} s) | "
        f"rg -c -j2: {e['rg_mb_s']:.0f} MB/s ({e['rg_wall_s']:.2f} s) | {e['ratio_rate']:.2f} of rg "
        f"(CPU {e['ratio_rate_cpu']:.2f}) | >= 0.50 | {verdict(e['ratio_rate'] >= 0.5)} |",
        f"| 2 | Full build | {b['concord_wall_s']:.1f} s, {b['concord_mb_s']:.1f} MB/s | bare tantivy: "
        f"{b['bare_wall_s']:.1f} s, {b['bare_mb_s']:.1f} MB/s | {b['ratio_throughput']:.2f} of bare "
        f"(CPU {b['ratio_throughput_cpu']:.2f}) | >= 0.85 | {verdict(b['ratio_throughput'] >= 0.85)} |",
        f"| 3a | `{k['command']}`, nothing changed | {k['unchanged_s']:.2f} s | full build {b['concord_wall_s']:.1f} s | "
        f"{k['unchanged_vs_build']:.3f} of build | <= 3 s at 200k sheets | "
        f"{'met' if k['unchanged_s'] <= 3 else '**not met**'} at this size |",
        f"| 3b | `{k['command']}`, one sheet changed | {k['one_changed_s']:.2f} s | full build | "
        f"{k['one_changed_vs_build']:.3f} of build | <= 3 s at 200k sheets | "
        f"{'met' if k['one_changed_s'] <= 3 else '**not met**'} at this size |",
        f"| 3c | `{k['command']}`, nothing changed, no baseline (every finding new, "
        f"{k.get('no_baseline_report_bytes', 0) / 1e6:.0f} MB report) | {k.get('no_baseline_s', float('nan')):.2f} s | "
        f"full build | | | |",
        f"| 4a | Search p50 / p99, library in process | {s['concord_lib_p50_ms']:.2f} / {s['concord_lib_p99_ms']:.2f} ms | "
        f"tantivy: {s['tantivy_p50_ms']:.2f} / {s['tantivy_p99_ms']:.2f} ms | {s['lib_vs_tantivy_p50']:.2f}x | <= 1.2x | "
        f"{verdict(s['lib_vs_tantivy_p50'] <= 1.2)} |",
        f"| 4b | Search p50 / p99, CLI per process | {s['cli_p50_ms']:.0f} / {s['cli_p99_ms']:.0f} ms | "
        f"tantivy in process | {s['cli_vs_tantivy_p50']:.0f}x | <= 1.2x | {verdict(s['cli_vs_tantivy_p50'] <= 1.2)} |",
        f"| 5 | Peak RSS, full build | {b['concord_rss_mb']:.0f} MB | bare tantivy {b['bare_rss_mb']:.0f} MB | | "
        f"< 1.5 GB at 1 GB | {verdict(b['concord_rss_mb'] < 1536)} at this size |",
        f"| | Index size | {b['index_bytes'] / 1e6:.1f} MB | corpus {c['bytes'] / 1e6:.1f} MB (bare index "
        f"{b['bare_index_vs_corpus']:.2f}x) | {b['index_vs_corpus']:.2f}x corpus | <= 0.8x | "
        f"{verdict(b['index_vs_corpus'] <= 0.8)} (view cache written by `check`: "
        f"{k.get('view_cache_bytes', 0) / 1e6:.1f} MB) |",
    ]
    if "crosscheck" in r:
        rows = r["crosscheck"]["rows"]
        desc = ", ".join(f"{x['claims'] / 1e6:g} M: {x['check_s']:.2f} s" for x in rows)
        growth = rows[-1]["vs_first"] if rows else float("nan")
        lines.append(f"| 6 | Cross-check alone (`concord::check::cross_check`) | {desc} | n log n | "
                     f"{growth:.2f}x per n·log n at the largest | <= ~1 | {verdict(growth <= 1.3)} |")
    lines += ["", "Peak RSS per command (MB): " + ", ".join(
        f"{k} {v:.0f}" for k, v in r["rss_mb"].items() if not k.endswith("(s)")) + ".", ""]
    lines += ["Search per query (p50 ms): " + "; ".join(
        f"`{p['query']}`{' ' + p['from'] + '..' + p['to'] if p['from'] != '-' or p['to'] != '-' else ''}"
        f"{' --body ' + p['body'].split('|')[0] if p['body'] != '-' else ''}: tantivy {p['tantivy_p50_ms']:.2f}, "
        f"lib {p['concord_lib_p50_ms']:.2f}, CLI {p['cli_p50_ms']:.0f}" for p in s["per_query"]) + ".", ""]
    lines += ["Extraction stage thread time (ms, summed over threads): " + ", ".join(
        f"{k} {v:.0f}" for k, v in e["stage_cpu_ms"].items()) + ".", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
