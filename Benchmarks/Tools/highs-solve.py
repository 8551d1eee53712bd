#!/usr/bin/env python3
"""Solves an exported model (CPLEX LP format, `village-counsel assign --export-lp`) with HiGHS,
the peer of `counsel-bench run`.

    Benchmarks/Tools/highs-solve.py MODEL.lp --out RESULT.json [--time-limit S] [--gap G] [--threads N]

Writes RESULT.json: solver, version, status (HiGHS's model status, e.g. "Optimal",
"Time limit reached"), objective, bound and gap (null when HiGHS has none), read_seconds,
solve_seconds, columns, rows, integer_columns. HiGHS's log goes to stdout.

Exit status: 0 when HiGHS ran (whatever it found); 1 when the model cannot be read or solved;
3 when highspy is not installed (`pip install highspy`), so the harness skips this peer.
"""
import argparse
import json
import math
import os
import sys
import time


def number(x):
    return x if isinstance(x, (int, float)) and math.isfinite(x) else None


def main():
    ap = argparse.ArgumentParser(description="Solve an exported LP with HiGHS.")
    ap.add_argument("model")
    ap.add_argument("--out", required=True)
    ap.add_argument("--time-limit", type=float, default=None, help="seconds (HiGHS's time_limit)")
    ap.add_argument("--gap", type=float, default=1e-4, help="relative MIP gap (mip_rel_gap), the planner's default")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    try:
        import highspy
    except ImportError:
        print("highspy is not installed (pip install highspy): HiGHS peer skipped", file=sys.stderr)
        return 3

    h = highspy.Highs()
    h.setOptionValue("threads", args.threads)
    h.setOptionValue("mip_rel_gap", args.gap)
    if args.time_limit:
        h.setOptionValue("time_limit", float(args.time_limit))
    t0 = time.monotonic()
    status = h.readModel(args.model)
    read_seconds = time.monotonic() - t0
    if status == highspy.HighsStatus.kError:
        print(f"HiGHS cannot read {args.model}", file=sys.stderr)
        return 1
    lp = h.getLp()
    integrality = list(lp.integrality_) if lp.integrality_ is not None else []
    t1 = time.monotonic()
    run_status = h.run()
    solve_seconds = time.monotonic() - t1
    model_status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    result = {
        "solver": "highs",
        "version": f"{h.version()}" if hasattr(h, "version") else None,
        "status": model_status,
        "run_status": str(run_status),
        "objective": number(info.objective_function_value) if has_solution else None,
        "bound": number(info.mip_dual_bound) if integrality else number(info.objective_function_value),
        "gap": number(info.mip_gap) if integrality and has_solution else None,
        "read_seconds": read_seconds,
        "solve_seconds": solve_seconds,
        "columns": lp.num_col_,
        "rows": lp.num_row_,
        "integer_columns": sum(1 for t in integrality if t != highspy.HighsVarType.kContinuous),
    }
    tmp = args.out + f".tmp-{os.getpid()}"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    os.replace(tmp, args.out)
    print(f"highs: {model_status}, objective {result['objective']}, read {read_seconds:.2f} s, solve {solve_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
