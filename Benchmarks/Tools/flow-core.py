#!/usr/bin/env python3
"""The "physical limit" peer of `counsel-bench run` (issue 16): a min-cost-flow solve of the
conflict-free transportation core of an exported plain model, on the model's own costs.

    Benchmarks/Tools/flow-core.py MODEL.lp --out RESULT.json

MODEL.lp is `village-counsel assign --export-lp` of an individual-model scenario. The script
reads it with HiGHS's LP reader (highspy), keeps the columns x_V_A (cost c_va), u_V (the
uncovered penalty M), the rows cap_A (adviser caps) and outside_A (Guangdong's cap outside
under-resourced counties), drops every other row (conflicts), and solves

    source -> adviser a (capacity cap_a) [-> a's outside node (capacity outside_a)]
           -> village v (capacity 1, cost c_va) -> sink (capacity 1)

as a maximum flow of minimum cost, which is the model min M*sum(u) + sum(c*x) without the
conflict rows (M exceeds every total of pair costs, so coverage comes first). That relaxation's
optimum is a lower bound on the planner's objective, equal to it when no conflict row binds.

Solver: OR-Tools' SimpleMinCostFlow (C++ network simplex; `pip install ortools`), else networkx's
max_flow_min_cost (pure Python: slow beyond a city). Costs are scaled to integers (the largest to
about 1e9) for the solver; the objective reported sums the model's own float costs of the arcs used.

Writes RESULT.json: solver, status, villages, covered, objective, pair_cost, uncovered_penalty,
arcs, dropped_rows, read_seconds, build_seconds, solve_seconds. Exit status: 0 when solved; 1 when
the model is not a plain assignment model or the solve fails; 3 when highspy, or both ortools and
networkx, are missing (the harness skips this peer).
"""
import argparse
import json
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser(description="Min-cost flow on an exported model's transportation core.")
    ap.add_argument("model")
    ap.add_argument("--out", required=True)
    ap.add_argument("--solver", choices=["auto", "ortools", "networkx"], default="auto")
    args = ap.parse_args()
    try:
        import highspy
        import numpy as np
    except ImportError:
        print("highspy (and numpy) are needed to read the model (pip install highspy): flow peer skipped", file=sys.stderr)
        return 3
    mcf = None
    if args.solver in ("auto", "ortools"):
        try:
            from ortools.graph.python import min_cost_flow as mcf
        except ImportError:
            if args.solver == "ortools":
                print("ortools is not installed (pip install ortools)", file=sys.stderr)
                return 3
    nx = None
    if mcf is None:
        try:
            import networkx as nx
        except ImportError:
            print("neither ortools nor networkx is installed (pip install ortools): flow peer skipped", file=sys.stderr)
            return 3

    t0 = time.monotonic()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if h.readModel(args.model) == highspy.HighsStatus.kError:
        print(f"cannot read {args.model}", file=sys.stderr)
        return 1
    lp = h.getLp()
    read_seconds = time.monotonic() - t0

    t1 = time.monotonic()
    col_names = list(lp.col_names_)
    row_names = list(lp.row_names_)
    costs = np.asarray(lp.col_cost_, dtype=float)
    ncol = len(col_names)
    village_index, adviser_index = {}, {}
    x_village = np.full(ncol, -1, dtype=np.int64)
    x_adviser = np.full(ncol, -1, dtype=np.int64)
    penalty = None
    other_cols = 0
    for j, name in enumerate(col_names):
        if name.startswith("x_"):
            parts = name.split("_")
            if len(parts) != 3:
                other_cols += 1
                continue
            x_village[j] = village_index.setdefault(parts[1], len(village_index))
            x_adviser[j] = adviser_index.setdefault(parts[2], len(adviser_index))
        elif name.startswith("u_"):
            village_index.setdefault(name[2:], len(village_index))
            penalty = costs[j] if penalty is None else max(penalty, costs[j])
        else:
            other_cols += 1
    if other_cols:
        print(f"{other_cols} columns are neither x_V_A nor u_V: not a plain assignment model", file=sys.stderr)
        return 1
    is_x = x_village >= 0
    if not is_x.any() or penalty is None:
        print("no x_V_A or u_V columns: not an exported assignment model", file=sys.stderr)
        return 1

    nrow = len(row_names)
    row_upper = np.asarray(lp.row_upper_, dtype=float)
    kind = np.zeros(nrow, dtype=np.int8)  # 0 other (dropped), 1 cover, 2 cap, 3 outside
    cap = {}
    outside_cap = {}
    dropped = 0
    for r, name in enumerate(row_names):
        if name.startswith("cover_"):
            kind[r] = 1
        elif name.startswith("cap_"):
            kind[r] = 2
            if name[4:] in adviser_index:
                cap[adviser_index[name[4:]]] = int(round(row_upper[r]))
        elif name.startswith("outside_"):
            kind[r] = 3
            if name[8:] in adviser_index:
                outside_cap[adviser_index[name[8:]]] = int(round(row_upper[r]))
        else:
            dropped += 1
    a = lp.a_matrix_
    start = np.asarray(a.start_, dtype=np.int64)
    index = np.asarray(a.index_, dtype=np.int64)
    if a.format_ != highspy.MatrixFormat.kColwise:
        print("unexpected matrix format", file=sys.stderr)
        return 1
    cols_of_nz = np.repeat(np.arange(ncol, dtype=np.int64), np.diff(start))
    outside_col = np.zeros(ncol, dtype=bool)
    outside_col[cols_of_nz[kind[index] == 3]] = True

    nv, na = len(village_index), len(adviser_index)
    xs = np.nonzero(is_x)[0]
    candidates = np.bincount(x_adviser[xs], minlength=na)
    # Nodes: 0 source, 1 sink, advisers 2.., their outside nodes, villages.
    adviser_node = 2 + np.arange(na)
    outside_node = 2 + na + np.arange(na)
    village_node = 2 + 2 * na + np.arange(nv)
    caps = np.array([cap.get(i, int(candidates[i])) for i in range(na)], dtype=np.int64)
    max_cost = float(np.max(np.abs(costs[xs]))) if len(xs) else 1.0
    scale = 1e9 / max(1.0, max_cost)
    tails = [np.zeros(na, dtype=np.int64)]
    heads = [adviser_node]
    capacity = [caps]
    unit = [np.zeros(na, dtype=np.int64)]
    with_outside = np.array(sorted(outside_cap), dtype=np.int64)
    if len(with_outside):
        tails.append(adviser_node[with_outside])
        heads.append(outside_node[with_outside])
        capacity.append(np.array([outside_cap[i] for i in with_outside], dtype=np.int64))
        unit.append(np.zeros(len(with_outside), dtype=np.int64))
    from_node = np.where(outside_col[xs], outside_node[x_adviser[xs]], adviser_node[x_adviser[xs]])
    tails.append(from_node)
    heads.append(village_node[x_village[xs]])
    capacity.append(np.ones(len(xs), dtype=np.int64))
    unit.append(np.rint(costs[xs] * scale).astype(np.int64))
    tails.append(village_node)
    heads.append(np.ones(nv, dtype=np.int64))
    capacity.append(np.ones(nv, dtype=np.int64))
    unit.append(np.zeros(nv, dtype=np.int64))
    tails, heads = np.concatenate(tails), np.concatenate(heads)
    capacity, unit = np.concatenate(capacity), np.concatenate(unit)
    first_pair_arc = na + len(with_outside)
    build_seconds = time.monotonic() - t1

    if mcf is not None:
        solver_name = "ortools SimpleMinCostFlow"
        smcf = mcf.SimpleMinCostFlow()
        smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, capacity, unit)
        # Supply every village's unit at the source; the solve sends as much of it as can reach the sink.
        smcf.set_node_supply(0, nv)
        smcf.set_node_supply(1, -nv)
        t2 = time.monotonic()
        status = smcf.solve_max_flow_with_min_cost()
        solve_seconds = time.monotonic() - t2
        if status != smcf.OPTIMAL:
            print(f"min-cost flow status {status}", file=sys.stderr)
            return 1
        flows = smcf.flows(np.arange(first_pair_arc, first_pair_arc + len(xs)))
    else:
        solver_name = "networkx max_flow_min_cost"
        g = nx.DiGraph()
        for t, hd, c, w in zip(tails.tolist(), heads.tolist(), capacity.tolist(), unit.tolist()):
            g.add_edge(t, hd, capacity=c, weight=w)
        t2 = time.monotonic()
        flow = nx.max_flow_min_cost(g, 0, 1)
        solve_seconds = time.monotonic() - t2
        flows = np.array([flow[t][hd] for t, hd in zip(from_node.tolist(), village_node[x_village[xs]].tolist())])
    used = np.asarray(flows) > 0
    covered = int(used.sum())
    pair_cost = float(costs[xs][used].sum())
    objective = pair_cost + float(penalty) * (nv - covered)
    result = {
        "solver": solver_name,
        "status": "Optimal",
        "villages": nv,
        "advisers": na,
        "covered": covered,
        "objective": objective,
        "pair_cost": pair_cost,
        "uncovered_penalty": float(penalty),
        "arcs": int(len(tails)),
        "pairs": int(len(xs)),
        "dropped_rows": dropped,
        "read_seconds": read_seconds,
        "build_seconds": build_seconds,
        "solve_seconds": solve_seconds,
    }
    tmp = args.out + f".tmp-{os.getpid()}"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    os.replace(tmp, args.out)
    print(f"flow core ({solver_name}): {covered}/{nv} covered, objective {objective:.6f} "
          f"({dropped} conflict rows dropped); read {read_seconds:.2f} s, build {build_seconds:.2f} s, solve {solve_seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
