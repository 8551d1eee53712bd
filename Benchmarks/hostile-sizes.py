#!/usr/bin/env python3
"""Issue 13, item 4 at full size: oversized and explosive scenarios end in bounded memory
(at most 3x the input above the command's own baseline) and bounded time, with a clear error
that names the first problems and counts the rest.

Usage: Benchmarks/hostile-sizes.py [BINARY]   (default .build/release/village-counsel; `make sizes`)

Each case is generated into a temporary folder from the Nanning demo and run through `validate`;
the binary is forked by a fresh, small Python process and reaped with wait4, whose rusage gives
the child's own peak resident memory (a child of a large process would report the parent's too).
Exit status 0 when every case is refused as expected within its bounds, 1 otherwise.
"""
import os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/village-counsel")
DEMO = os.path.join(ROOT, "Data/nanning-wuming")


MEASURE = """
import os, sys
err, argv = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    fd = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644); os.dup2(fd, 2)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(argv[0], argv)
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def run(args):
    """(exit status, stderr, peak KB, seconds) of BINARY args.

    Linux keeps a process's memory high-water mark across fork and exec, so the binary is forked
    by a fresh, small interpreter (not by this one, which grows while it writes the files)."""
    err = tempfile.NamedTemporaryFile(delete=False)
    err.close()
    started = time.time()
    out = subprocess.run([sys.executable, "-c", MEASURE, err.name, BINARY] + args, capture_output=True, text=True).stdout
    seconds = time.time() - started
    status, peak = (int(x) for x in out.split())
    text = open(err.name, encoding="utf-8", errors="replace").read()
    os.unlink(err.name)
    return status, text, peak, seconds


def scenario(work, name):
    folder = os.path.join(work, name)
    shutil.copytree(DEMO, folder)
    return folder


def villages_300mb(folder):
    path = os.path.join(folder, "villages.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,name,kind,township,county,lat,lon,needs,current_adviser\n")
        size, i = 0, 0
        while size < 300 * 1000 * 1000:
            line = f"W{i:08d},第{i}村,village,城厢镇,450110,23.{i % 100000:05d},108.{i % 100000:05d},land;family,\n"
            f.write(line)
            size += len(line.encode())
            i += 1
    return path, ["the file is 3", "more than the 256 MiB a table may have", "nothing of it was read"]


def line_50mb(folder):
    path = os.path.join(folder, "villages.csv")
    text = open(path, encoding="utf-8").read().replace("V00001,洞庄村,", "V00001," + "洞" * (50 * 1000 * 1000 // 3) + ",", 1)
    open(path, "w", encoding="utf-8").write(text)
    return path, ["villages.csv:2:8: a field of more than 65536 bytes (64 KiB) starts here"]


def duplicate_ids(folder):
    path = os.path.join(folder, "villages.csv")
    lines = open(path, encoding="utf-8").read().rstrip("\n").split("\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        for i in range(1000000):
            f.write(lines[1 + i % (len(lines) - 1)] + "\n")
    return path, ["villages.csv:202:1: id 'V00001' is already used at villages.csv:2",
                  "villages.csv: … and 999800 more problems in this file, not listed", "1000000 problems found"]


def alias_bomb(folder):
    path = os.path.join(folder, "scenario.yaml")
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        bomb += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    open(path, "a", encoding="utf-8").write(bomb + "objective: *a9\n")
    return path, ["more than 100000 values once its aliases (*name) are expanded"]


def unknown_preferences(folder):
    path = os.path.join(folder, "preferences.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("from,to,rank\n")
        for i in range(1000000):
            f.write(f"X{i:07d},Y{i:07d},1\n")
    return path, ["preferences.csv:2:1: from: 'X0000000' is neither a village nor an adviser",
                  "preferences.csv: … and 999800 more problems in this file, not listed", "1000000 problems found"]


CASES = [("a 300 MB villages.csv", villages_300mb), ("a single 50 MB line", line_50mb),
         ("a million duplicate ids", duplicate_ids), ("a YAML alias bomb (10^10 values)", alias_bomb),
         ("preferences naming a million unknown ids", unknown_preferences)]


def main():
    if not os.access(BINARY, os.X_OK):
        print(f"hostile-sizes: {BINARY} is not built (make sizes builds it)", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="hostile-sizes-")
    failed = 0
    try:
        status, _, baseline, _ = run(["validate", DEMO])
        print(f"baseline: validate on the demo, peak {baseline / 1024:.1f} MiB (exit {status})")
        print(f"{'case':44} {'input MB':>9} {'peak MiB':>9} {'above base':>11} {'ratio':>6} {'seconds':>8}  result")
        for label, make in CASES:
            folder = scenario(work, make.__name__)
            path, expected = make(folder)
            size = os.path.getsize(path)
            status, stderr, peak, seconds = run(["validate", folder])
            above = max(0, peak - baseline) * 1024
            ratio = above / size
            problems = [e for e in expected if e not in stderr]
            ok = status == 1 and ratio <= 3 and not problems and len(stderr.splitlines()) <= 210
            failed += not ok
            print(f"{label:44} {size / 1e6:9.1f} {peak / 1024:9.1f} {above / 2**20:9.1f} Mi {ratio:6.2f} {seconds:8.2f}  "
                  + ("ok" if ok else f"FAILED (exit {status}; missing {problems})"))
            first = [l for l in stderr.splitlines() if l][:1] + [l for l in stderr.splitlines() if "more problem" in l or "problems found" in l or "problem found" in l][-2:]
            for l in first:
                print("    " + (l if len(l) < 220 else l[:220] + "…").replace(folder, "DIR"))
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
