#!/usr/bin/env bash
# Random IR from llvm-stress with a differentiation request around it, through opt and Adjoint.
#   stress.sh N [SEED]     modules SEED .. SEED+N-1 (SEED defaults to 1)
# Environment: STRESS_OUT (folder for failing inputs, default /tmp/stress-out), STRESS_JOBS
# (parallel modules, default 2), STRESS_PLUGIN (default $ADJOINT_PLUGIN, else build/lib/Adjoint.so
# next to this checkout), STRESS_OPT (default $LLVM_BIN/opt, else opt-19), STRESS_UNTIL (a
# time in seconds since the epoch: no module is started after it; N counts those done), STRESS_SABOTAGE=1 (makes every module count as a crash:
# only to check that a test of this script can fail), STRESS_KEEP_ALL=1 (keeps every input).
#
# For each seed, `llvm-stress -seed S -size Z` writes a function
#   void @autogen_SDS(ptr, ptr, ptr, i32, i64, i8)
# of random integer, float and vector code that loads and stores random types through its
# pointers. Two requests are wrapped around it, each in its own module, one forward
# (__enzyme_fwddiff) and one reverse (__enzyme_autodiff):
#   * directly on @autogen_SDS: each pointer duplicated (marker or not) with a shadow, or
#     enzyme_const; integers constant (marker or not);
#   * or on a wrapper `double|float @adjoint_wrap(ptr.., double|float x0.., i32, i64, i8)` that
#     stores its float scalars into the memory @autogen reads (its pointer arguments or local
#     buffers handed to it instead), calls it, and returns a smooth combination of the scalars and
#     of doubles and floats loaded back from that memory. Scalars are active (no marker or
#     enzyme_out in reverse mode, a tangent in forward mode) or enzyme_const; reverse mode returns
#     the active scalars' derivatives as a value or a struct.
# Markers come as loads of the marker globals or as their addresses; @autogen is sometimes
# internal; the pipeline is one of -passes=adjoint, default<O0..O3> (Adjoint runs at its end).
# opt writes the output without verifying it (-disable-verify); `opt -passes=verify` then checks
# it. Each request is counted once:
#   crash        opt died on a signal, printed a stack dump / "PLEASE submit a bug report" /
#                "LLVM ERROR", timed out (60 s), or failed without an Adjoint diagnostic;
#   invalid      opt succeeded but the verifier rejects its output, or a request is left in it;
#   diagnostic   opt failed with "error: adjoint: ..." (allowed);
#   differentiated  opt succeeded and the output is valid.
# Every crashing or invalid input is kept in STRESS_OUT as SEED-MODE.ll with SEED-MODE.log
# (the command and opt's output). Prints `stress: N modules, C crashes, V invalid, D
# diagnostics, K differentiated` (C+V+D+K = 2N requests) and exits 1 on any crash or invalid
# output.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export STRESS_N=${1:?usage: stress.sh N [SEED]}
export STRESS_SEED=${2:-1}
# Under lit, ADJOINT_PLUGIN and LLVM_BIN name the build's plugin and tools.
export STRESS_PLUGIN=${STRESS_PLUGIN:-${ADJOINT_PLUGIN:-$here/../../build/lib/Adjoint.so}}
[ -n "${STRESS_OPT:-}" ] || [ -z "${LLVM_BIN:-}" ] || export STRESS_OPT=$LLVM_BIN/opt
exec python3 - <<'PYEOF'
import concurrent.futures, os, random, re, shutil, subprocess, sys, tempfile, time

N = int(os.environ["STRESS_N"]); SEED = int(os.environ["STRESS_SEED"])
OUT = os.environ.get("STRESS_OUT", "/tmp/stress-out")
JOBS = int(os.environ.get("STRESS_JOBS", "2"))
PLUGIN = os.path.abspath(os.environ["STRESS_PLUGIN"])
SABOTAGE = os.environ.get("STRESS_SABOTAGE") == "1"
KEEP_ALL = os.environ.get("STRESS_KEEP_ALL") == "1"

def tool(names):
    for n in names:
        p = shutil.which(n) if "/" not in n else (n if os.path.exists(n) else None)
        if p:
            return p
    sys.exit("stress.sh: none of %s found" % ", ".join(names))

STRESS = tool(["llvm-stress-19", "/usr/lib/llvm-19/bin/llvm-stress", "llvm-stress"])
OPT = tool([os.environ["STRESS_OPT"]] if os.environ.get("STRESS_OPT") else
           ["opt-19", "/usr/lib/llvm-19/bin/opt"])
if not os.path.exists(PLUGIN):
    sys.exit("stress.sh: no plugin at %s" % PLUGIN)
os.makedirs(OUT, exist_ok=True)
tmp = tempfile.mkdtemp(prefix="stress-")

PIPELINES = ["adjoint", "adjoint", "default<O0>", "default<O1>", "default<O2>", "default<O3>"]
CRASH_RE = re.compile(r"PLEASE submit a bug report|Stack dump|LLVM ERROR|Assertion .* failed")

def marker(rng, name, pre):
    """A marker argument: a load of the global (as C passes it) or its address."""
    if rng.random() < 0.7:
        v = "%%m%d" % len(pre)
        pre.append("  %s = load i32, ptr @%s" % (v, name))
        return "i32 " + v
    return "ptr @" + name

def build(seed, mode, src):
    """Returns the module text: llvm-stress output plus a request in `mode`."""
    rng = random.Random(seed * 2 + (mode == "reverse"))
    m = re.search(r"^define void @(autogen_SD\d+)\(([^)]*)\)", src, re.M)
    fname, params = m.group(1), [p.strip().rsplit(" ", 1)[0] for p in m.group(2).split(",")]
    if rng.random() < 0.3:
        src = src.replace("define void @" + fname, "define internal void @" + fname, 1)
    pre, req_params, args = [], [], []   # request function: body lines, params, call args
    def param(ty):
        name = "%%r%d" % len(req_params)
        req_params.append("%s %s" % (ty, name))
        return name
    extra = []
    wrap = rng.random() < 0.6
    if not wrap:
        target, ret = fname, "void"
        for ty in params:
            if ty == "ptr":
                c = rng.choice(["dup", "dup", "implicit", "const", "noneed"] if mode == "forward"
                               else ["dup", "dup", "implicit", "const"])
                p = param("ptr")
                if c == "const":
                    args += [marker(rng, "enzyme_const", pre), "ptr " + p]
                else:
                    if c != "implicit":
                        args.append(marker(rng, "enzyme_dupnoneed" if c == "noneed" else "enzyme_dup", pre))
                    args += ["ptr " + p, "ptr " + param("ptr")]
            else:
                if rng.random() < 0.5:
                    args.append(marker(rng, "enzyme_const", pre))
                args.append("%s %s" % (ty, param(ty)))
        rty = "void"
    else:
        target = "adjoint_wrap"
        nx = rng.randint(1, 3)
        xty = [rng.choice(["double", "double", "float"]) for _ in range(nx)]
        ret = rng.choice(["double", "double", "float"])
        w_params, body, call_args, vals = [], [], [], []
        ptrs = []
        for i, ty in enumerate(params):
            if ty == "ptr":
                if rng.random() < 0.7:
                    w_params.append("ptr %%p%d" % i)
                    ptrs.append(("%%p%d" % i, True))
                else:
                    body.append("  %%buf%d = alloca [128 x i8], align 64" % i)
                    ptrs.append(("%%buf%d" % i, False))
                call_args.append("ptr " + ptrs[-1][0])
            else:
                w_params.append("%s %%a%d" % (ty, i))
                call_args.append("%s %%a%d" % (ty, i))
        for j, ty in enumerate(xty):
            w_params.append("%s %%x%d" % (ty, j))
            base = rng.choice(ptrs)[0]
            off = rng.choice([0, 0, 4, 8, 16, 24, 32, 64])
            body.append("  %%xs%d = getelementptr inbounds i8, ptr %s, i64 %d" % (j, base, off))
            body.append("  store %s %%x%d, ptr %%xs%d, align 4" % (ty, j, j))
            vals.append(("%%x%d" % j, ty))
        body.append("  call void @%s(%s)" % (fname, ", ".join(call_args)))
        for k in range(rng.randint(1, 3)):
            base = rng.choice(ptrs)[0]
            off = rng.choice([0, 0, 8, 16, 32, 64])
            ty = rng.choice(["double", "float"])
            body.append("  %%lg%d = getelementptr inbounds i8, ptr %s, i64 %d" % (k, base, off))
            body.append("  %%ld%d = load %s, ptr %%lg%d, align 4" % (k, ty, k))
            vals.append(("%%ld%d" % k, ty))
        # a smooth combination, in double
        acc = None
        for k, (v, ty) in enumerate(vals):
            if ty == "float":
                body.append("  %%e%d = fpext float %s to double" % (k, v))
                v = "%%e%d" % k
            op = rng.choice(["fmul", "fadd", "sin", "exp", "fsub"])
            if op in ("sin", "exp"):
                body.append("  %%f%d = call double @llvm.%s.f64(double %s)" % (k, op, v))
                v = "%%f%d" % k
                op = "fadd"
            if acc is None:
                acc = v
            else:
                body.append("  %%c%d = %s double %s, %s" % (k, op, acc, v))
                acc = "%%c%d" % k
        if ret == "float":
            body.append("  %rt = fptrunc double " + acc + " to float")
            acc = "%rt"
        body.append("  ret %s %s" % (ret, acc))
        extra.append("define internal %s @adjoint_wrap(%s) {\n%s\n}" % (ret, ", ".join(w_params), "\n".join(body)))
        extra.append("declare double @llvm.sin.f64(double)\ndeclare double @llvm.exp.f64(double)")
        # request on the wrapper: its parameters in order
        active = []
        for wp in w_params:
            ty, name = wp.split(" ")
            if ty == "ptr":
                c = rng.choice(["dup", "implicit", "const"])
                p = param("ptr")
                if c == "const":
                    args += [marker(rng, "enzyme_const", pre), "ptr " + p]
                else:
                    if c == "dup":
                        args.append(marker(rng, "enzyme_dup", pre))
                    args += ["ptr " + p, "ptr " + param("ptr")]
            elif ty in ("double", "float"):
                c = rng.choice(["active", "active", "marked", "const"])
                if c == "const":
                    args += [marker(rng, "enzyme_const", pre), "%s %s" % (ty, param(ty))]
                elif mode == "forward":
                    if c == "marked":
                        args.append(marker(rng, "enzyme_dup", pre))
                    args += ["%s %s" % (ty, param(ty)), "%s %s" % (ty, param(ty))]
                else:
                    if c == "marked":
                        args.append(marker(rng, "enzyme_out", pre))
                    args.append("%s %s" % (ty, param(ty)))
                    active.append(ty)
            else:
                if rng.random() < 0.5:
                    args.append(marker(rng, "enzyme_const", pre))
                args.append("%s %s" % (ty, param(ty)))
        if mode == "forward":
            rty = ret
        elif not active:
            rty = "void"
        elif len(active) == 1 and rng.random() < 0.5:
            rty = active[0]
        else:
            rty = "{ %s }" % ", ".join(active)
    entry = "__enzyme_fwddiff" if mode == "forward" else "__enzyme_autodiff"
    out = param("ptr")
    lines = pre[:]
    if rty == "void":
        lines.append("  call void (ptr, ...) @%s(ptr @%s, %s)" % (entry, target, ", ".join(args)))
    else:
        lines.append("  %%res = call %s (ptr, ...) @%s(ptr @%s, %s)" % (rty, entry, target, ", ".join(args)))
        lines.append("  store %s %%res, ptr %s" % (rty, out))
    lines.append("  ret void")
    decls = ["@%s = external global i32" % n for n in
             ("enzyme_dup", "enzyme_const", "enzyme_dupnoneed", "enzyme_out")]
    decls.append("declare void @__enzyme_fwddiff(ptr, ...)" if mode == "forward"
                 else "declare void @__enzyme_autodiff(ptr, ...)")
    text = src + "\n" + "\n".join(decls) + "\n\n" + "\n\n".join(extra) + \
        "\n\ndefine void @adjoint_request(%s) {\n%s\n}\n" % (", ".join(req_params), "\n".join(lines))
    return text

def run(cmd, timeout=60):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        return p.returncode, p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return "timeout", "timed out after %d s" % timeout

def one(seed):
    rng = random.Random(seed)
    size = rng.choice([20, 35, 50, 50, 80])
    rc, src = run([STRESS, "-seed", str(seed), "-size", str(size), "-o", "-"])
    if rc != 0:
        return [("skipped", seed, "llvm-stress failed")]
    # llvm-stress writes text to stdout with -o -
    results = []
    for mode in ("forward", "reverse"):
        text = build(seed, mode, src)
        pipe = random.Random(seed * 7 + len(mode)).choice(PIPELINES)
        base = os.path.join(tmp, "%d-%s" % (seed, mode))
        with open(base + ".ll", "w") as f:
            f.write(text)
        cmd = [OPT, "-load-pass-plugin=" + PLUGIN, "-passes=" + pipe, "-disable-verify", "-S",
               base + ".ll", "-o", base + ".out.ll"]
        rc, log = run(cmd)
        kind, why = None, ""
        if SABOTAGE:
            kind, why = "crash", "sabotage"
        elif rc == "timeout" or (isinstance(rc, int) and (rc < 0 or rc > 128)) or CRASH_RE.search(log):
            kind, why = "crash", "timeout" if rc == "timeout" else "exit %s" % rc
        elif rc != 0:
            if "error: adjoint" in log or "adjoint:" in log:
                kind = "diagnostic"
            else:
                kind, why = "crash", "exit %s without an Adjoint diagnostic" % rc
        else:
            vrc, vlog = run([OPT, "-passes=verify", "-disable-output", base + ".out.ll"])
            if vrc != 0:
                kind, why, log = "invalid", "verifier: exit %s" % vrc, log + "\n--- verifier ---\n" + vlog
            elif re.search(r"call .*@__enzyme_(fwddiff|autodiff)", open(base + ".out.ll").read()):
                kind, why = "invalid", "a request is left in the output"
            else:
                kind = "differentiated"
        if kind in ("crash", "invalid") or KEEP_ALL:
            shutil.copy(base + ".ll", os.path.join(OUT, "%d-%s.ll" % (seed, mode)))
            with open(os.path.join(OUT, "%d-%s.log" % (seed, mode)), "w") as f:
                f.write("%s: %s\nopt -load-pass-plugin=%s '-passes=%s' -disable-verify -S %d-%s.ll\n%s"
                        % (kind, why, PLUGIN, pipe, seed, mode, log))
        results.append((kind, seed, "%s %s (%s): %s" % (mode, pipe, why, first_line(log))))
        for suffix in (".ll", ".out.ll"):
            try:
                os.unlink(base + suffix)
            except OSError:
                pass
    return results

def first_line(log):
    for l in log.splitlines():
        if "error" in l.lower() or "Assertion" in l or "LLVM ERROR" in l:
            return l.strip()[:200]
    for l in log.splitlines():
        if "Adjoint.so" in l:
            return l.strip()[:200]
    return (log.strip().splitlines() or [""])[0][:200]

start = time.time()
until = float(os.environ.get("STRESS_UNTIL", "0") or 0)
counts = {"crash": 0, "invalid": 0, "diagnostic": 0, "differentiated": 0, "skipped": 0}
done = 0
def report(res):
    for kind, seed, what in res:
        counts[kind] += 1
        if kind in ("crash", "invalid"):
            print("STRESS %s seed %d: %s" % (kind.upper(), seed, what), flush=True)
with concurrent.futures.ThreadPoolExecutor(JOBS) as ex:
    pending = []
    for seed in range(SEED, SEED + N):
        if until and time.time() > until:
            break
        pending.append(ex.submit(one, seed))
        if len(pending) >= 2 * JOBS:
            report(pending.pop(0).result())
            done += 1
            if done % 500 == 0:
                print("stress: %d modules so far, %s (%ds)" % (done, counts, time.time() - start),
                      flush=True)
    for f in pending:
        report(f.result())
        done += 1
N = done
shutil.rmtree(tmp, ignore_errors=True)
print("stress: %d modules, %d crashes, %d invalid, %d diagnostics, %d differentiated%s (%ds)"
      % (N, counts["crash"], counts["invalid"], counts["diagnostic"], counts["differentiated"],
         ", %d skipped" % counts["skipped"] if counts["skipped"] else "", time.time() - start))
if counts["crash"] or counts["invalid"]:
    print("stress: failing inputs are in %s" % OUT)
    sys.exit(1)
PYEOF
