#!/usr/bin/env python3
"""Writes the fuzz seed corpus (Fuzz/Corpus/TARGET/seed-*) from the demos, the rule profiles and a
few hand-made edge cases. Deterministic; run again after the demos change.

    python3 Fuzz/make-seeds.py [ROSTER.csv LEDGER.csv [MORE.csv …]]

A roster and a published ledger (from `schedule` and `publish` on the Nanning demo) make the
roster seeds, and any further rosters or ledgers given (the Rongchang demo's roster, with its firm
events and the advisers' own reports) are seeds as they are, cut to 80 lines; without them the
roster seeds already in place are kept.
"""
import csv, io, os, shutil, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "Corpus")
DEMOS = ["nanning-wuming", "guangdong-under-resourced", "guangdong-team-city", "guangdong-township-county",
         "jiaocheng-county", "rongchang-district"]


def put(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_rows(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def subset(demo, villages=12):
    """A small consistent scenario of a demo: its first villages, their incumbents and a few more
    advisers, the firms, counties and townships they name, and the preferences, conflicts and
    teams among them."""
    folder = os.path.join(ROOT, "Data", demo)
    files = {}
    v = read_rows(os.path.join(folder, "villages.csv"))
    a = read_rows(os.path.join(folder, "advisers.csv"))
    vh, ah = v[0], a[0]
    v_rows = v[1:1 + villages]
    keep_v = {r[0] for r in v_rows}
    incumbents = {r[vh.index("current_adviser")] for r in v_rows if "current_adviser" in vh}
    county = {r[vh.index("county")] for r in v_rows}
    a_rows = [r for r in a[1:] if r[0] in incumbents or r[ah.index("county")] in county][:10]
    a_rows += [r for r in a[1:] if r[0] in incumbents and r not in a_rows]
    teams_path = os.path.join(folder, "teams.csv")
    if os.path.exists(teams_path):  # the first two teams whole, so that the team model has teams
        t = read_rows(teams_path)[1:]
        first = sorted({r[0] for r in t})[:2]
        members = {r[2] for r in t if r[0] in first}
        a_rows += [r for r in a[1:] if r[0] in members and r not in a_rows]
    keep_a = {r[0] for r in a_rows}
    if "photo" in ah:  # a bundle holds no image files: a photo named would only be refused as missing
        for r in a_rows:
            r[ah.index("photo")] = ""
    for r in v_rows:
        i = vh.index("current_adviser")
        if r[i] not in keep_a:
            r[i] = ""
    files["villages.csv"] = write_rows([vh] + v_rows)
    files["advisers.csv"] = write_rows([ah] + a_rows)
    firms_used = {r[ah.index("firm")] for r in a_rows}
    for name in ["firms.csv", "counties.csv", "townships.csv", "preferences.csv", "conflicts.csv", "teams.csv"]:
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            continue
        rows = read_rows(path)
        h, body = rows[0], rows[1:]
        if name == "firms.csv":
            body = [r for r in body if r[0] in firms_used]
        elif name == "preferences.csv":
            body = [r for r in body if (r[0] in keep_v and (r[1] in keep_a or r[1] in firms_used)) or (r[0] in keep_a and r[1] in keep_v)]
        elif name == "conflicts.csv":
            body = [r for r in body if all(x in keep_v or x in keep_a for x in r[:2])]
        elif name == "teams.csv":
            teams = {}
            for r in body:
                teams.setdefault(r[0], []).append(r)
            body = [r for rs in teams.values() if all(x[2] in keep_a for x in rs) for r in rs]
        files[name] = write_rows([h] + body)
    files["scenario.yaml"] = open(os.path.join(folder, "scenario.yaml"), encoding="utf-8").read()
    return files


def bundle(files):
    return "".join(f"=== {name}\n{text}" for name, text in files.items())


def main():
    for target in ["csv", "yaml", "scenario"]:
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)
    # CSV: every table of every demo (the larger ones cut to 60 lines), the calendar, edge cases.
    for demo in DEMOS:
        folder = os.path.join(ROOT, "Data", demo)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".csv"):
                lines = open(os.path.join(folder, name), encoding="utf-8").read().split("\n")
                put("csv", f"{demo}-{name}", "\n".join(lines[:60]) + "\n")
    put("csv", "calendar.csv", "\n".join(open(os.path.join(ROOT, "Data/calendars/cn-2026.csv"), encoding="utf-8").read().split("\n")[:40]))
    put("csv", "quotes.csv", 'id,name,note\r\n1,"a,b","say ""hi"""\r\n2,"two\r\nlines",  spaced  \r\n\r\n3,,""\r\n')
    put("csv", "bom-crlf.csv", "\ufeffid,name\r\nV1,双桥村\r\n")
    put("csv", "gb18030.csv", "id,name,township\nV1,双桥村,城厢镇\nV2,𬒔村,䢺镇\n".encode("gb18030"))
    put("csv", "title-above-header.csv", "武鸣区村（社区）法律顾问名单\n\nid,name\nV1,一村\n")
    put("csv", "errors.csv", 'id,name\nV1,a"b\nV2,"open\n')
    # YAML: the demos' scenario.yaml and subsidy.yaml, every rule profile, an overlay.
    for demo in DEMOS:
        for name in ["scenario.yaml", "subsidy.yaml"]:
            path = os.path.join(ROOT, "Data", demo, name)
            if os.path.exists(path):
                put("yaml", f"{demo}-{name}", open(path, encoding="utf-8").read())
    for name in sorted(os.listdir(os.path.join(ROOT, "Models", "rules"))):
        put("yaml", f"profile-{name}", open(os.path.join(ROOT, "Models", "rules", name), encoding="utf-8").read())
    put("yaml", "overlay.yaml", "rules:\n  cap: 8\nobjective.preference: 2\nservice_model: team\nstable: true\n")
    put("yaml", "anchors.yaml", "name: &n 测试\nrules: nanning\nyear: 2026\nobjective: {preference: 1, distance_km: 0.05}\njustice_office: *n\n")
    # Scenario bundles: a small consistent part of each demo, and the whole Nanning demo.
    for demo in DEMOS:
        put("scenario", f"{demo}.txt", bundle(subset(demo)))
    whole = {name: open(os.path.join(ROOT, "Data/nanning-wuming", name), encoding="utf-8").read()
             for name in sorted(os.listdir(os.path.join(ROOT, "Data/nanning-wuming")))}
    put("scenario", "nanning-whole.txt", bundle(whole))
    # Roster and ledger seeds.
    if len(sys.argv) >= 3:
        shutil.rmtree(os.path.join(CORPUS, "roster"), ignore_errors=True)
        roster = open(sys.argv[1], encoding="utf-8").read().split("\n")
        put("roster", "roster.csv", "\n".join(roster[:80]) + "\n")
        ledger = open(sys.argv[2], encoding="utf-8").read()
        put("roster", "ledger.csv", ledger)
        lines = ledger.rstrip("\n").split("\n")
        filled = [lines[0]] + [l[:-4] + "村民,宅基地纠纷咨询,已答复," + l[:10] + ",村委会" for l in lines[1:]]
        put("roster", "ledger-filled.csv", "\n".join(filled) + "\n")
        for i, path in enumerate(sys.argv[3:]):
            more = open(path, encoding="utf-8").read().split("\n")
            put("roster", f"more-{i + 1}-{os.path.basename(path)}", "\n".join(more[:80]) + "\n")
        put("roster", "zh-header.csv", "日期,开始,结束,法律顾问编号,村（社区）编号,方式,类型,团队编号\n2026-01-05,09:00,12:00,A00001,V00001,onsite,service,\n")
    for target in ["csv", "yaml", "scenario", "roster"]:
        folder = os.path.join(CORPUS, target)
        print(target, len(os.listdir(folder)) if os.path.isdir(folder) else 0, "seeds")


if __name__ == "__main__":
    main()
