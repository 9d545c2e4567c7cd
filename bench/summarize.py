#!/usr/bin/env python3
"""Summarizes one run of bench/run.sh: a table on stdout, and CSV, JSON, Markdown and (with
gnuplot) a PNG chart in the output directory. Exits non-zero when a gradient was wrong or a
hand-written gradient failed its finite-difference check, so the smoke run in the test suite
catches a benchmark that rots.

    summarize.py BUILD_DIR OUT_DIR
"""
import json
import os
import shutil
import subprocess
import sys

TOOLS = ["hand", "enzyme_api", "adolc", "adolc_replay", "sacado_rad", "sacado_fad"]
LABEL = {"hand": "hand-written", "enzyme_api": "Adjoint", "adolc": "ADOL-C (tape+reverse)",
         "adolc_replay": "ADOL-C (reverse of a taped run)", "sacado_rad": "Sacado Rad",
         "sacado_fad": "Sacado Fad (forward)"}


def fields(line):
    return dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)


def main(build, out):
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
                compiles[(r["prob"], r["variant"])] = float(r["cpu_s"])
    rows, failed = [], []
    for r in results:
        if r["tool"] == "primal":
            continue
        row = {"problem": r["prob"], "tool": r["tool"], "n": int(r["n"]),
               "status": r.get("status", "OK")}
        if row["status"] == "OK":
            row.update(primal_s=float(r["primal_s"]), grad_s=float(r["grad_s"]),
                       ratio=float(r["ratio"]), grad_min_s=float(r["grad_min_s"]),
                       grad_max_s=float(r["grad_max_s"]))
        else:
            failed.append("%s/%s: wrong gradient" % (r["prob"], r["tool"]))
        err = [v for k, v in r.items() if k.startswith("err_vs_")]
        row["err_vs_hand"] = float(err[0]) if err else None
        c = compiles.get((r["prob"], r["tool"]))
        row["compile_s"] = c
        if r["tool"] == "enzyme_api" and compiles.get((r["prob"], "enzyme_api_noad")):
            row["compile_ratio_vs_no_ad"] = c / compiles[(r["prob"], "enzyme_api_noad")]
        rows.append(row)
    for c, ok in checks:
        if not ok:
            failed.append("%s: hand-written gradient fails its finite-difference check" % c["prob"])

    os.makedirs(out, exist_ok=True)
    keys = ["problem", "tool", "n", "status", "primal_s", "grad_s", "ratio", "grad_min_s",
            "grad_max_s", "err_vs_hand", "compile_s", "compile_ratio_vs_no_ad"]
    with open(os.path.join(out, "results.csv"), "w") as f:
        f.write(",".join(keys) + "\n")
        for row in rows:
            f.write(",".join("" if row.get(k) is None else str(row.get(k)) for k in keys) + "\n")
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(rows, f, indent=1)

    problems = sorted({r["problem"] for r in rows}, key=lambda p: [x["problem"] for x in rows].index(p))
    tools = [t for t in TOOLS if any(r["tool"] == t for r in rows)]
    ratio = {(r["problem"], r["tool"]): r for r in rows}
    head = "| problem | n | " + " | ".join(LABEL[t] for t in tools) + " | Adjoint compile / no AD |"
    lines = [head, "|" + "---|" * (len(tools) + 3)]
    for p in problems:
        cells = []
        for t in tools:
            r = ratio.get((p, t))
            if not r:
                cells.append("")
            elif r["status"] != "OK":
                cells.append("WRONG")
            else:
                cells.append("%.2f (%.2f-%.2f)" % (r["ratio"], r["grad_min_s"] / r["primal_s"],
                                                   r["grad_max_s"] / r["primal_s"]))
        a = ratio.get((p, "enzyme_api"), {})
        n = next(r["n"] for r in rows if r["problem"] == p)
        comp = "%.2f" % a["compile_ratio_vs_no_ad"] if a.get("compile_ratio_vs_no_ad") else ""
        lines.append("| %s | %d | %s | %s |" % (p, n, " | ".join(cells), comp))
    table = "\n".join(lines)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("Gradient time / primal time (median over the samples, min-max in parentheses).\n\n")
        f.write(table + "\n")
    print(table)

    if shutil.which("gnuplot"):
        dat = os.path.join(out, "results.dat")
        with open(dat, "w") as f:
            f.write("problem " + " ".join('"%s"' % LABEL[t] for t in tools) + "\n")
            for p in problems:
                vals = []
                for t in tools:
                    r = ratio.get((p, t))
                    vals.append("%.4g" % r["ratio"] if r and r["status"] == "OK" else "NaN")
                f.write("%s %s\n" % (p, " ".join(vals)))
        script = """set terminal pngcairo size 1100,600 font ",11"
set output '%s'
set title 'Gradient time / primal time (lower is better, log scale)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set logscale y
set yrange [0.5:*]
set grid ytics
set key outside right top
plot for [i=2:%d] '%s' using i:xtic(1) title columnheader(i)
""" % (os.path.join(out, "results.png"), len(tools) + 1, dat)
        subprocess.run(["gnuplot"], input=script, text=True, check=False)
        os.remove(dat)
    if failed:
        print("\n".join("FAILED: " + m for m in failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
