#!/usr/bin/env python3
"""Checks a scenario's townships.csv exactly: per county, the adjacency is symmetric, connected,
3-6 neighbours each, and planar (networkx's left-right planarity test).

    Benchmarks/Tools/check-planarity.py SCENARIO_DIR

Prints one line per county that fails and a total; exit 0 when every county is planar and
connected (degree outside 3-6 is reported, not failed), 1 otherwise, 2 when networkx is missing.
"""
import csv
import sys
from collections import defaultdict


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import networkx as nx
    except ImportError:
        print("networkx is not installed (pip install networkx): planarity not checked", file=sys.stderr)
        return 2
    path = argv[1].rstrip("/") + "/townships.csv"
    adjacent, county = {}, {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            adjacent[row["id"]] = [t for t in row["adjacent"].split(";") if t]
            county[row["id"]] = row["county"]
    graphs = defaultdict(nx.Graph)
    for t, ns in adjacent.items():
        g = graphs[county[t]]
        g.add_node(t)
        for n in ns:
            if t not in adjacent.get(n, []):
                print(f"{t} lists {n} but not the other way round")
                return 1
            g.add_edge(t, n)
    bad = 0
    degrees = defaultdict(int)
    for c, g in sorted(graphs.items()):
        planar, _ = nx.check_planarity(g)
        connected = nx.is_connected(g)
        for _, d in g.degree():
            degrees[d] += 1
        if not planar or not connected:
            bad += 1
            print(f"county {c}: {'not planar' if not planar else ''} {'not connected' if not connected else ''}".strip())
    total = sum(degrees.values())
    outside = sum(n for d, n in degrees.items() if d < 3 or d > 6)
    print(f"{len(graphs)} counties, {total} townships: {len(graphs) - bad} planar and connected; "
          f"neighbours {dict(sorted(degrees.items()))}; {outside} townships outside 3-6")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
