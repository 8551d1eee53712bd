#!/usr/bin/env python3
"""A stand-in for `village-counsel assign` and `rebalance`, to test the benchmark harness without the planner.

    fake-planner.py assign SCENARIO --out OUT [--export-lp LP] [--set KEY=VALUE ...]
    fake-planner.py rebalance SCENARIO --previous PLAN.csv --out OUT [--max-changes N] [--set KEY=VALUE ...]

Builds a plain assignment model from the scenario (eligible advisers within max_km, caps, village
conflicts), writes it as CPLEX LP when --export-lp is given, solves it with CBC (or, for large
models without --export-lp, assigns greedily), and writes OUT/summary.json in the planner's format
and OUT/assignment.csv (village_id, adviser_id). `--set max_km=K` is honoured, other keys are
accepted and ignored (service_model, stable, …: the fake always plans individual advisers);
rebalance favours the previous plan's pairs and reports `rebalance.changed`. `--max-changes`, `--time-limit`
and `--gap` are accepted and ignored. It is not the planner: its objective and rules are simplified.
"""
import csv, json, math, os, subprocess, sys, tempfile, time

def km(a, b, c, d):
    p1, p2 = math.radians(a), math.radians(c)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1, math.sqrt(h)))

def main(argv):
    if len(argv) < 2 or argv[0] not in ("assign", "rebalance"):
        sys.exit("usage: fake-planner.py assign|rebalance SCENARIO --out OUT [--export-lp LP] [--previous PLAN] [--set K=V]")
    scen, out, lp, previous, sets = argv[1], None, None, None, {}
    i = 2
    while i < len(argv):
        if argv[i] == "--out": out = argv[i + 1]; i += 2
        elif argv[i] == "--export-lp": lp = argv[i + 1]; i += 2
        elif argv[i] == "--previous": previous = argv[i + 1]; i += 2
        elif argv[i] in ("--max-changes", "--time-limit", "--gap"): i += 2
        elif argv[i] == "--set":
            k, _, v = argv[i + 1].partition("="); sets[k] = v; i += 2
        else: sys.exit(f"unknown option {argv[i]}")
    if argv[0] == "rebalance" and previous is None:
        sys.exit("rebalance needs --previous PLAN.csv")
    before = {}
    if previous:
        before = {r["village_id"]: r["adviser_id"] for r in csv.DictReader(open(previous, encoding="utf-8"))}
    started = time.time()
    meta = {}
    for line in open(os.path.join(scen, "scenario.yaml"), encoding="utf-8"):
        if ":" in line and not line.startswith("#"):
            k, v = line.split(":", 1); meta[k.strip()] = v.strip().strip('"')
    rules, max_km = meta["rules"], float(sets.get("max_km", meta.get("max_km", 30)))
    roles = {"lawyer"} if rules == "guangdong" else {"lawyer", "grassroots_worker"}
    rd = lambda f: list(csv.DictReader(open(os.path.join(scen, f), encoding="utf-8")))
    villages, advisers = rd("villages.csv"), rd("advisers.csv")
    conflicts = rd("conflicts.csv")
    vid = {v["id"]: n for n, v in enumerate(villages)}
    pool = [a for a in advisers if a["status"] == "active" and a["role"] in roles]
    banned = {(c["a"], c["b"]) for c in conflicts}
    cells = {}
    for n, a in enumerate(pool):
        cells.setdefault((int(float(a["lat"]) * 10), int(float(a["lon"]) * 10)), []).append(n)
    pairs = []  # (village index, adviser index, weight)
    reach = int(max_km / 11) + 2
    for vn, v in enumerate(villages):
        la, lo = float(v["lat"]), float(v["lon"])
        ci, cj = int(la * 10), int(lo * 10)
        for di in range(-reach, reach + 1):
            for dj in range(-reach, reach + 1):
                for an in cells.get((ci + di, cj + dj), []):
                    a = pool[an]
                    d = km(la, lo, float(a["lat"]), float(a["lon"]))
                    if d <= max_km and (a["id"], v["id"]) not in banned:
                        w = 1000 - round(d * 10) + (200 if v["current_adviser"] == a["id"] else 0) \
                            + (300 if before.get(v["id"]) == a["id"] else 0)
                        pairs.append((vn, an, w))
    cap = []
    for a in pool:
        c = 5
        if a["max_villages"]: c = min(c, int(a["max_villages"]))
        if a["hours_per_month"]: c = min(c, int(float(a["hours_per_month"]) // (8 if rules == "guangdong" else 5)))
        cap.append(c)
    os.makedirs(out, exist_ok=True)
    if lp is None and len(pairs) > 60000:
        # greedy, heaviest pairs first
        used, load, obj, chosen = set(), [0] * len(pool), 0, {}
        for vn, an, w in sorted(pairs, key=lambda p: -p[2]):
            if vn not in used and load[an] < cap[an]:
                used.add(vn); load[an] += 1; obj += w; chosen[vn] = an
        summary = dict(status="feasible", objective=obj, bound=None, gap=None, villages=len(villages),
                       covered=len(used), uncovered=len(villages) - len(used), seconds=round(time.time() - started, 3))
    else:
        path = lp or os.path.join(tempfile.mkdtemp(), "model.lp")
        by_v, by_a = {}, {}
        for k, (vn, an, w) in enumerate(pairs):
            by_v.setdefault(vn, []).append(k); by_a.setdefault(an, []).append(k)
        def terms(ks):
            out_, line = [], []
            for n, k in enumerate(ks):
                line.append(f"+ x{k}")
                if len(line) == 10: out_.append(" ".join(line)); line = []
            if line: out_.append(" ".join(line))
            return "\n  ".join(out_)
        with open(path, "w") as f:
            f.write("\\ fake planner model\nMaximize\n obj:")
            for n, (vn, an, w) in enumerate(pairs):
                f.write(f" + {w} x{n}" + ("\n " if n % 8 == 7 else ""))
            f.write("\nSubject To\n")
            for vn, ks in sorted(by_v.items()): f.write(f" v{vn}: {terms(ks)} <= 1\n")
            for an, ks in sorted(by_a.items()): f.write(f" a{an}: {terms(ks)} <= {cap[an]}\n")
            pair_of = {(vn, an): k for k, (vn, an, w) in enumerate(pairs)}
            for n, c in enumerate(conflicts):
                if c["a"] in vid and c["b"] in vid:
                    u, w_ = vid[c["a"]], vid[c["b"]]
                    for an in range(len(pool)):
                        if (u, an) in pair_of and (w_, an) in pair_of:
                            f.write(f" c{n}_{an}: x{pair_of[(u, an)]} + x{pair_of[(w_, an)]} <= 1\n")
            f.write("Binary\n")
            for n in range(len(pairs)): f.write(f" x{n}" + ("\n" if n % 10 == 9 else ""))
            f.write("\nEnd\n")
        sol = path + ".sol"
        r = subprocess.run(["cbc", path, "solve", "solu", sol], capture_output=True, text=True)
        objective, status = None, "error"
        for line in r.stdout.splitlines():
            if line.startswith("Objective value:"): objective = float(line.split(":")[1])
            if line.startswith("Result - Optimal"): status = "optimal"
        covered, chosen = set(), {}
        for line in open(sol):
            parts = line.split()
            if len(parts) >= 3 and parts[1].startswith("x") and abs(float(parts[2]) - 1) < 1e-6:
                vn, an, _ = pairs[int(parts[1][1:])]
                covered.add(vn); chosen[vn] = an
        summary = dict(status=status, objective=objective, bound=objective, gap=0.0, villages=len(villages),
                       covered=len(covered), uncovered=len(villages) - len(covered), seconds=round(time.time() - started, 3))
    plan = {v["id"]: (pool[chosen[vn]]["id"] if vn in chosen else "") for vn, v in enumerate(villages)}
    with open(os.path.join(out, "assignment.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["village_id", "adviser_id"])
        for vid_ in sorted(plan): w.writerow([vid_, plan[vid_]])
    if argv[0] == "rebalance":
        summary["rebalance"] = dict(changed=sum(1 for v, a in before.items() if a and plan.get(v, "") != a))
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary))

if __name__ == "__main__":
    main(sys.argv[1:])
