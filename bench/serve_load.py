#!/usr/bin/env python3
"""Load test of `concord serve` (issue 18): a bounded loop of requests on loopback from
several clients at once, reporting p50/p99 latency per kind of request and failures.

    bench/serve_load.py --corpus DIR [--index DIR] [--requests 1000] [--clients 8]
                        [--binary target/release/concord] [--out bench/out/serve-load.json]
                        [--search-only] [--workers N]

It starts `concord serve --port 0` itself, waits until the index is open, warms up the
pages once (the first page builds the corpus view), then sends the requests: searches
from bench/queries.tsv (with their date and body filters) as the search box does, and
the other pages and JSON endpoints in a fixed mix (with --search-only, searches alone). Latency is client-side wall time per
request over a keep-alive connection; the server's own split (Server-Timing) is kept too.
Not a test: it asserts nothing but that no request failed.
"""
import argparse, http.client, json, os, subprocess, sys, threading, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def queries():
    out = []
    with open(os.path.join(ROOT, "bench", "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            q, frm, to, body = (line.rstrip("\n").split("\t") + ["-"] * 4)[:4]
            p = {"q": q}
            if frm != "-":
                p["from"] = frm
            if to != "-":
                p["to"] = to
            if body != "-":
                p["body"] = body.split("|")[0]
            out.append("/api/search?" + urllib.parse.urlencode(p))
    return out


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(p / 100 * (len(xs) - 1)))))
    return xs[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index", default=None)
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "concord"))
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "serve-load.json"))
    ap.add_argument("--search-only", action="store_true", help="send searches only (no other page)")
    ap.add_argument("--workers", type=int, default=None, help="passed to `serve --workers` (else its default)")
    a = ap.parse_args()
    index = a.index or os.path.join(ROOT, "bench", "out", "serve-index")
    workers = ["--workers", str(a.workers)] if a.workers else []
    proc = subprocess.Popen([a.binary, "--corpus", a.corpus, "--index", index, "serve", "--port", "0"] + workers,
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        host = f"127.0.0.1:{port}"
        search = queries()
        pages = ["/", "/?q=council", "/findings?x", "/api/findings", "/bodies", "/api/bodies", "/sheets",
                 "/chronology", "/api/chronology?limit=100"]
        # Warm-up: the first page that needs the corpus view builds it (not measured).
        t0 = time.time()
        for p in pages[:3]:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            c.request("GET", p, headers={"Host": host})
            c.getresponse().read()
            c.close()
        warm = time.time() - t0
        # A body and a sheet that exist, for their pages.
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        c.request("GET", "/api/bodies", headers={"Host": host})
        bodies = json.loads(c.getresponse().read())["bodies"]
        c.request("GET", "/api/search?q=council&limit=1", headers={"Host": host})
        hit = json.loads(c.getresponse().read())["hits"][0]
        c.close()
        pages += [bodies[0]["href"], "/api" + bodies[0]["href"], hit["href"].split("#")[0],
                  "/api" + hit["href"].split("#")[0]]
        # The mix: 4 searches for each other page, as a reader types more than they click.
        plan = []
        i = 0
        while len(plan) < a.requests:
            if i % 5 == 4 and not a.search_only:
                plan.append(("page", pages[(i // 5) % len(pages)]))
            else:
                plan.append(("search", search[i % len(search)]))
            i += 1
        lock = threading.Lock()
        results = []  # (kind, path, status, ms, server_timing, started_s)
        nxt = [0]

        def client():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            while True:
                with lock:
                    if nxt[0] >= len(plan):
                        break
                    kind, path = plan[nxt[0]]
                    nxt[0] += 1
                t = time.perf_counter()
                started = t - t_start
                try:
                    conn.request("GET", path, headers={"Host": host})
                    r = conn.getresponse()
                    r.read()
                    status, timing = r.status, r.getheader("Server-Timing") or ""
                except Exception as e:  # counted as a failure
                    status, timing = 0, repr(e)
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    results.append((kind, path, status, ms, timing, round(started, 3)))
            conn.close()

        load_before = os.getloadavg()
        t_start = time.perf_counter()
        t0 = time.time()
        threads = [threading.Thread(target=client) for _ in range(a.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.time() - t0
        load_after = os.getloadavg()
        failures = [r for r in results if r[2] != 200]
        summary = {"requests": len(results), "clients": a.clients, "wall_s": round(wall, 2),
                   "failures": len(failures), "warmup_s": round(warm, 1), "binary": a.binary, "corpus": a.corpus,
                   "search_only": a.search_only, "workers": a.workers, "loadavg_1m_before": round(load_before[0], 2),
                   "loadavg_1m_after": round(load_after[0], 2)}
        for kind in ("search", "page", "all"):
            ms = [r[3] for r in results if kind == "all" or r[0] == kind]
            summary[kind] = {"n": len(ms), "p50_ms": round(pct(ms, 50), 2), "p95_ms": round(pct(ms, 95), 2),
                             "p99_ms": round(pct(ms, 99), 2), "max_ms": round(max(ms), 2) if ms else None}
        per_path = {}
        for r in results:
            per_path.setdefault(r[1].split("?")[0] if r[0] == "page" else "/api/search", []).append(r[3])
        summary["per_path_ms"] = {k: {"n": len(v), "p50": round(pct(v, 50), 2), "p95": round(pct(v, 95), 2),
                                      "p99": round(pct(v, 99), 2)} for k, v in sorted(per_path.items())}
        os.makedirs(os.path.dirname(a.out), exist_ok=True)
        with open(a.out, "w") as f:
            slowest = sorted(results, key=lambda r: -r[3])[:10]
            json.dump({"summary": summary, "failures": failures[:20], "slowest": slowest}, f, indent=1)
        print(json.dumps(summary, indent=1))
        return 1 if failures else 0
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())
