#!/usr/bin/env python3
"""Summarizes one run of bench/run.sh: tables on stdout, and results.csv, results.json,
results.md and (with gnuplot) results.png in the output directory.

Exits non-zero when a gradient was wrong, a variant failed to build or to run, or a hand-written
gradient failed its finite-difference check, so the smoke run in the test suite catches a
benchmark that rots.

    summarize.py BUILD_DIR OUT_DIR
"""
import json
import math
import os
import shutil
import subprocess
import sys

# Gradient tools in table order, with their labels and the compile variant of each.
TOOLS = ["hand", "enzyme_api", "adjoint_fwd", "adolc", "adolc_replay", "sacado_rad", "sacado_fad"]
LABEL = {"primal": "primal", "hand": "hand-written", "enzyme_api": "Adjoint",
         "adjoint_fwd": "Adjoint forward", "adolc": "ADOL-C (tape+reverse)",
         "adolc_replay": "ADOL-C (reverse of a taped run)", "sacado_rad": "Sacado Rad",
         "sacado_fad": "Sacado Fad (forward)"}
COMPILE_VARIANTS = {"primal": ["primal"], "hand": ["hand", "handobj"], "enzyme_api": ["enzyme_api"],
                    "adjoint_fwd": ["adjoint_fwd"], "adolc": ["adolc"], "sacado_rad": ["sacado_rad"],
                    "sacado_fad": ["sacado_fad"]}
NOAD = {"enzyme_api": "enzyme_api_noad", "adjoint_fwd": "adjoint_fwd_noad"}
SHORT = {"hand": "hand-written", "enzyme_api": "Adjoint", "adjoint_fwd": "Adjoint forward",
         "adolc": "ADOL-C", "adolc_replay": "ADOL-C replay", "sacado_rad": "Sacado Rad",
         "sacado_fad": "Sacado Fad"}
COLOR = {"hand": "#555555", "enzyme_api": "#1f5fbf", "adjoint_fwd": "#7fb0ef", "adolc": "#d9661f",
         "adolc_replay": "#f2b27f", "sacado_rad": "#2e8b3e", "sacado_fad": "#9ad19f"}


def fields(line):
    return dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)


def fmt_time(s):
    if s is None:
        return ""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if s >= scale:
            return "%.3g %s" % (s / scale, unit)
    return "%.3g ns" % (s / 1e-9)


def fmt_ratio(r):
    return "%.3g" % r if r < 100 else "%.0f" % r


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def read(build):
    results, checks, compiles = [], [], {}
    with open(os.path.join(build, "results.txt")) as f:
        for line in f:
            if line.startswith("RESULT "):
                results.append(fields(line))
            elif line.startswith("CHECK "):
                checks.append((fields(line), line.rstrip().endswith("PASS")))
    with open(os.path.join(build, "compile_times.txt")) as f:
        for line in f:
            if line.startswith("COMPILE "):
                r = fields(line)
                compiles[(r["prob"], int(r["size"]), r["variant"])] = r
    return results, checks, compiles


def main(build, out):
    results, checks, compiles = read(build)
    failed = []
    problems = []  # in run order
    for key in [(r["prob"], r.get("size")) for r in results] + [(k[0], k[1]) for k in compiles]:
        if key[0] not in problems:
            problems.append(key[0])
    sizes = sorted({int(r["size"]) for r in results} | {k[1] for k in compiles})

    def comp(p, s, v):
        c = compiles.get((p, s, v))
        if c is None or c.get("status") == "FAILED":
            return None
        return c

    rows = {}
    for r in results:
        p, s, t = r["prob"], int(r["size"]), r["tool"]
        row = {"problem": p, "size": s, "tool": t, "n": int(r["n"]) if "n" in r else None,
               "status": r.get("status", "OK")}
        if row["status"] == "OK":
            pm, gm = float(r["primal_s"]), float(r["grad_s"])
            row.update(primal_s=pm, primal_min_s=float(r["primal_min_s"]),
                       primal_max_s=float(r["primal_max_s"]), grad_s=gm,
                       grad_min_s=float(r["grad_min_s"]), grad_max_s=float(r["grad_max_s"]),
                       ratio=gm / pm, ratio_min=float(r["grad_min_s"]) / pm,
                       ratio_max=float(r["grad_max_s"]) / pm, samples=int(r["samples"]))
        elif row["status"] == "WRONG":
            failed.append("%s size %s %s: wrong gradient (err_vs_hand=%s)"
                          % (p, s, t, r.get("err_vs_hand")))
        else:
            failed.append("%s size %s %s: %s (exit code %s)" % (p, s, t, row["status"], r.get("rc")))
        err = [v for k, v in r.items() if k.startswith("err_vs_") and k != "err_vs_self"]
        row["err_vs_hand"] = float(err[0]) if err else None
        rows[(p, s, t)] = row
    for (p, s, v), c in compiles.items():
        if c.get("status") == "FAILED":
            failed.append("%s size %s %s: build failed" % (p, s, v))
            tool = next((t for t, vs in COMPILE_VARIANTS.items() if v in vs), None)
            if tool and (p, s, tool) not in rows:
                rows[(p, s, tool)] = {"problem": p, "size": s, "tool": tool, "n": None,
                                      "status": "BUILD_FAILED"}
    for c, ok in checks:
        if not ok:
            failed.append("%s size %s: hand-written gradient fails its finite-difference check"
                          % (c["prob"], c.get("size")))
    # Compile times (CPU seconds, median of the compiles) and Adjoint's ratio to the same file
    # without AD, with the spread of the ratio from the extreme samples.
    for (p, s, t), row in rows.items():
        cs = [comp(p, s, v) for v in COMPILE_VARIANTS.get(t, [])]
        if cs and all(cs):
            row["compile_s"] = sum(float(c["cpu_s"]) for c in cs)
            row["compile_min_s"] = sum(float(c["cpu_min_s"]) for c in cs)
            row["compile_max_s"] = sum(float(c["cpu_max_s"]) for c in cs)
            row["compile_reps"] = min(int(c["reps"]) for c in cs)
        a, b = comp(p, s, t), comp(p, s, NOAD.get(t, ""))
        if t in NOAD and a and b:
            row["compile_noad_s"] = float(b["cpu_s"])
            row["compile_ratio_vs_no_ad"] = float(a["cpu_s"]) / float(b["cpu_s"])
            row["compile_ratio_min"] = float(a["cpu_min_s"]) / float(b["cpu_max_s"])
            row["compile_ratio_max"] = float(a["cpu_max_s"]) / float(b["cpu_min_s"])
    for (p, s, t), row in rows.items():  # n for rows of variants that did not run
        if row["n"] is None:
            row["n"] = next((r["n"] for (q, z, _), r in rows.items() if q == p and z == s
                             and r["n"] is not None), None)
    order = {t: i for i, t in enumerate(["primal"] + TOOLS)}
    rowlist = sorted(rows.values(), key=lambda r: (r["size"], problems.index(r["problem"]),
                                                   order.get(r["tool"], 99)))

    # Geometric means per size: Adjoint / hand-written gradient time (each against its own
    # interleaved primal), every tool's gradient / primal, and Adjoint's compile-time ratio.
    geo = {}
    for s in sizes:
        ok = lambda p, t: rows.get((p, s, t), {}).get("status") == "OK"
        both = [p for p in problems if ok(p, "enzyme_api") and ok(p, "hand")]
        g = {"problems": len(both),
             "adjoint_over_hand": geomean([rows[(p, s, "enzyme_api")]["ratio"] /
                                           rows[(p, s, "hand")]["ratio"] for p in both]),
             "grad_over_primal": {}, "compile_ratio_vs_no_ad": {}}
        for t in TOOLS:
            ps = [p for p in problems if ok(p, t)]
            if ps:
                g["grad_over_primal"][t] = {"value": geomean([rows[(p, s, t)]["ratio"] for p in ps]),
                                            "problems": len(ps)}
        for t in NOAD:
            v = [rows[(p, s, t)].get("compile_ratio_vs_no_ad") for p in problems if (p, s, t) in rows]
            v = [x for x in v if x]
            if v:
                g["compile_ratio_vs_no_ad"][t] = {"value": geomean(v), "problems": len(v)}
        geo[s] = g

    os.makedirs(out, exist_ok=True)
    keys = ["problem", "size", "tool", "n", "status", "primal_s", "primal_min_s", "primal_max_s",
            "grad_s", "grad_min_s", "grad_max_s", "ratio", "ratio_min", "ratio_max", "samples",
            "err_vs_hand", "compile_s", "compile_min_s", "compile_max_s", "compile_reps",
            "compile_noad_s", "compile_ratio_vs_no_ad", "compile_ratio_min", "compile_ratio_max"]
    with open(os.path.join(out, "results.csv"), "w") as f:
        f.write(",".join(keys) + "\n")
        for row in rowlist:
            f.write(",".join("" if row.get(k) is None else ("%.6g" % row[k] if isinstance(row[k], float)
                                                            else str(row[k])) for k in keys) + "\n")
    machine = ""
    if os.path.exists(os.path.join(out, "machine.txt")):
        with open(os.path.join(out, "machine.txt")) as f:
            machine = f.read()
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"machine": dict(l.split(": ", 1) for l in machine.splitlines() if ": " in l),
                   "sizes": sizes, "rows": rowlist,
                   "geomean": {str(s): g for s, g in geo.items()}}, f, indent=1)

    # The tables (Markdown, also printed).
    tools = [t for t in TOOLS if any(r["tool"] == t for r in rowlist)]

    def cell(p, s, t):
        r = rows.get((p, s, t))
        if not r:
            return ""
        if r["status"] == "WRONG":
            return "WRONG (err %.1e)" % r["err_vs_hand"]
        if r["status"] != "OK":
            return r["status"]
        return "%s (%s-%s), %s" % (fmt_ratio(r["ratio"]), fmt_ratio(r["ratio_min"]),
                                   fmt_ratio(r["ratio_max"]), fmt_time(r["grad_s"]))

    def nval(p, s):
        return next((r["n"] for (q, z, _), r in rows.items() if q == p and z == s and r["n"]), "")

    samples = sorted({r["samples"] for r in rowlist if r.get("samples")})
    t1 = ["| problem | size | n | primal | " + " | ".join(LABEL[t] for t in tools) + " |",
          "|" + "---|" * (len(tools) + 4)]
    for s in sizes:
        for p in problems:
            if not any(k[0] == p and k[1] == s for k in rows):
                continue
            pr = rows.get((p, s, "primal"), {})
            t1.append("| %s | %d | %s | %s | %s |" % (p, s, nval(p, s), fmt_time(pr.get("primal_s"))
                                                      if pr.get("status") == "OK" else pr.get("status", ""),
                                                      " | ".join(cell(p, s, t) for t in tools)))

    def ccell(p, s, t):
        r = rows.get((p, s, t))
        if r and r.get("status") == "BUILD_FAILED":
            return "FAILED"
        return "%.2f" % r["compile_s"] if r and r.get("compile_s") is not None else ""

    def rcell(p, s, t):
        r = rows.get((p, s, t), {})
        if r.get("compile_ratio_vs_no_ad") is None:
            return ""
        return "%.2f (%.2f-%.2f)" % (r["compile_ratio_vs_no_ad"], r["compile_ratio_min"],
                                     r["compile_ratio_max"])

    def ncell(p, s, t):
        r = rows.get((p, s, t), {})
        return "%.2f" % r["compile_noad_s"] if r.get("compile_noad_s") is not None else ""

    ctools = [t for t in ["primal", "hand", "adolc", "sacado_rad", "sacado_fad"]
              if any(r["tool"] == t and (r.get("compile_s") or r["status"] == "BUILD_FAILED")
                     for r in rowlist)]
    t2 = ["| problem | size | " + " | ".join(LABEL[t] for t in ctools) +
          " | enzyme_api.cpp no AD | Adjoint | Adjoint / no AD"
          " | enzyme_fwd.cpp no AD | Adjoint forward | Adjoint forward / no AD |",
          "|" + "---|" * (len(ctools) + 8)]
    reps = sorted({r["compile_reps"] for r in rowlist if r["tool"] in NOAD and r.get("compile_reps")})
    for s in sizes:
        for p in problems:
            if not any(k[0] == p and k[1] == s for k in rows):
                continue
            t2.append("| %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
                p, s, " | ".join(ccell(p, s, t) for t in ctools),
                ncell(p, s, "enzyme_api"), ccell(p, s, "enzyme_api"), rcell(p, s, "enzyme_api"),
                ncell(p, s, "adjoint_fwd"), ccell(p, s, "adjoint_fwd"), rcell(p, s, "adjoint_fwd")))

    glines = []
    for s in sizes:
        g = geo[s]
        parts = []
        if g["adjoint_over_hand"]:
            parts.append("Adjoint / hand-written gradient time %.2f (%d problems)"
                         % (g["adjoint_over_hand"], g["problems"]))
        parts.append("gradient / primal: " + ", ".join(
            "%s %s (%d)" % (LABEL[t], fmt_ratio(v["value"]), v["problems"])
            for t, v in g["grad_over_primal"].items()))
        if g["compile_ratio_vs_no_ad"]:
            parts.append("compile time / no AD: " + ", ".join(
                "%s %.2f (%d)" % (LABEL[t], v["value"], v["problems"])
                for t, v in g["compile_ratio_vs_no_ad"].items()))
        glines.append("- size %d: %s." % (s, "; ".join(parts)))

    text = ["Gradient time / primal time per tool: median over %s interleaved samples of primal and "
            "gradient (min-max of the gradient samples over the median primal in parentheses), then "
            "the gradient's CPU time per call. primal: the primal's CPU time per call. A gradient "
            "that disagrees with the hand-written one is WRONG and not timed."
            % ("/".join(str(x) for x in samples) or "the"),
            "", "\n".join(t1), "",
            "Compile time (CPU seconds of one translation unit at -O3; hand-written: its driver plus "
            "`hand/<problem>.cpp`; median of %s compiles for Adjoint and the same file without AD, "
            "one for the others). Adjoint / no AD: the same driver compiled with `adjoint-c++` "
            "over plain clang++ (range: extreme samples)." % ("/".join(str(x) for x in reps) or "the"),
            "", "\n".join(t2), "",
            "Geometric means over the problems (Adjoint / hand-written: each gradient against its "
            "own interleaved primal):", "", "\n".join(glines), ""]
    if failed:
        text += ["Failures:", ""] + ["- " + m for m in failed] + [""]
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(text))
    print("\n".join(text))

    chart(out, rows, problems, sizes, geo, machine)
    if failed:
        print("\n".join("FAILED: " + m for m in failed))
        return 1
    return 0


def chart(out, rows, problems, sizes, geo, machine):
    """results.png: gradient / primal per problem and tool at size 1 (or the size run),
    log-scale grouped bars with the value on each bar."""
    if not shutil.which("gnuplot") or not sizes:
        return
    s = 1 if 1 in sizes else sizes[-1]
    probs = [p for p in problems if any((p, s, t) in rows for t in TOOLS)]
    tools = [t for t in TOOLS if any(rows.get((p, s, t), {}).get("status") == "OK" for p in probs)]
    if not probs or not tools:
        return
    nt = len(tools)
    width = 1.0 / (nt + 1.2)
    dat = os.path.join(out, "results.dat")
    vmax, vmin = 1.0, 1.0
    with open(dat, "w") as f:
        for j, t in enumerate(tools):
            f.write("# %s\n" % t)
            for i, p in enumerate(probs):
                r = rows.get((p, s, t))
                x = i + (j - (nt - 1) / 2.0) * width
                if r and r["status"] == "OK":
                    vmax, vmin = max(vmax, r["ratio"]), min(vmin, r["ratio"])
                    f.write("%.4f %.5g %s\n" % (x, r["ratio"], fmt_ratio(r["ratio"])))
                elif r and r["status"] == "WRONG":
                    f.write("%.4f NaN WRONG\n" % x)
            f.write("\n\n")
    xtics = ", ".join('"%s\\nn=%s" %d' % (p, next((r["n"] for (q, z, _), r in rows.items()
                                                   if q == p and z == s), ""), i)
                      for i, p in enumerate(probs))
    g = geo.get(s, {})
    sub = ""
    if g.get("adjoint_over_hand"):
        sub = "geometric mean of Adjoint / hand-written gradient time: %.2f" % g["adjoint_over_hand"]
    cpu = next((l.split(": ", 1)[1] for l in machine.splitlines() if l.startswith("cpu:")), "")
    plots = []
    for j, t in enumerate(tools):
        plots.append("'%s' index %d using 1:2 with boxes lc rgb '%s' title '%s'"
                     % (dat, j, COLOR[t], SHORT[t]))
        plots.append("'%s' index %d using 1:($2*1.08):3 with labels rotate by 90 left "
                     "font ',8' notitle" % (dat, j))
    script = """set terminal pngcairo size 1400,720 font ",11"
set output '%s'
set bmargin 7
set title "Gradient time / primal time, size %d (lower is better; log scale)\\n{/*0.8 %s%s}"
set logscale y
set yrange [%g:%g]
set xrange [-0.6:%g]
set ytics format "%%g"
set grid ytics
set boxwidth %g absolute
set style fill solid 0.9 border rgb "#333333"
set xtics (%s) nomirror
set key outside bottom center horizontal maxrows 1 width 1 samplen 2
set ylabel "gradient / primal (CPU time)"
plot %s
""" % (os.path.join(out, "results.png"), s, sub, (" - " + cpu + ", one core") if cpu else "",
       min(0.5, vmin * 0.7), vmax * 6, len(probs) - 0.4, width * 0.95, xtics, ", \\\n     ".join(plots))
    subprocess.run(["gnuplot"], input=script, text=True, check=False)
    os.remove(dat)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
