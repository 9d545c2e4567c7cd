#!/usr/bin/env python3
"""Random C++ programs for Adjoint, in both modes (standard library only).

  gen_cxx.py --out DIR --seeds 1-24 [--sabotage SEED] [--sabotage-compile SEED]

For each seed, writes DIR/fuzz-SEED.cpp and adds "SEED PATH" to DIR/manifest.txt (the
interface of gen_programs.py). run-cxx.sh builds and runs them.

Each program differentiates one function `f` of random parameters, in random order:
  T a, T b (by value), const std::array<T, N> &x, const Model &m (a struct: member data
  k[3], scale, member functions eval/damp read inside f), const T &c, const std::vector<T> &xs,
  int n (a loop count), and an output written through a reference: T &out or
  std::array<T, KO> &outs.
f is mostly a function template differentiated through its instantiation ((void *)f<double>),
else a static or external function or a static member function. Its body is a sequence of
statements, each defining a local from smooth expressions (+ - *, divisions by 2 + cos(..),
std::sin/cos/tanh/atan/exp(0.5 sin ..)/log(1 + u*u)/sqrt(1.5 + u*u)/hypot(1, u)/pow of a
positive base/cbrt/fma): loops over the arrays with branches on the integer counter only, range
for over a std::array or the input vector, a local std::vector grown by push_back or resize
(also from a nonzero size), a local std::array, a lambda (capturing by reference or by value,
taking T or const T &) called twice, member functions of m and member data, a helper
function template taking (T, const T &), a class template with state (Acc<T>: add, mean),
a contraction loop over n, recursion with a depth counter (a function template and a static
function), a local std::vector<const T *> of addresses of inputs and locals, and (drawn from a
stream of their own) virtual calls through a table of objects of a class hierarchy (one of
them calling the others' virtual functions, one holding an input in a data member) and a
std::function. No branch depends on a float value, so f is smooth everywhere.

main() picks inputs, a random direction v over the active inputs and random weights w for the
outputs, and checks:
  * forward: __enzyme_fwddiff along v gives s'(0) for s(t) = f(inputs + t v) + <w, outputs(t)>;
    compared (1e-6 relative, floor 1) with the Richardson extrapolation R = (4 d(h/2) - d(h)) / 3
    of central differences with h = 1e-3, only when the difference is trusted: both central
    differences finite and |d(h) - d(h/2)| <= 1e-4 max(1, |R|); otherwise the check is skipped
    and the program prints "fd skipped" (run-cxx.sh counts those);
  * reverse (in most programs): __enzyme_autodiff with output shadows seeded with w: active
    scalars come back as a double or a struct, references accumulate into zeroed shadows;
    <v, gradient> must equal the forward tangent to 1e-10 relative (dot-product identity).
The activity of each argument is random (enzyme_const, or active), markers are explicit
(enzyme_dup, enzyme_out, enzyme_dupnoneed for the output in forward mode) or implied, and the
interface is declared in one of the ways users declare it: markers `extern int enzyme_dup;`,
defined `int enzyme_dup;`, in an extern "C" block, or from <adjoint/enzyme.h>; entry points as
`extern "C" double __enzyme_autodiff(void *, ...)` (with struct-returning variants under other
names starting with __enzyme_autodiff) or as templates
`template <typename RT, typename... Args> RT __enzyme_autodiff(void *, Args...);`.
-DPRIMAL_ONLY leaves out every request (the sanitizer build of run-cxx.sh runs the primal and
the finite differences only); -DFUZZ_VERBOSE prints the values compared.

The output depends only on the seed. --sabotage SEED makes that seed's program expect a wrong
derivative; --sabotage-compile SEED makes its f call an undefined external function (the plugin
must refuse it). Both exist only to check that the tests can fail.
"""
import argparse
import os
import random

N = 5          # std::array size
NV = 4         # input std::vector size


def parse_seeds(s):
    out = []
    for part in s.split(","):
        if "-" in part:
            lo, hi = part.split("-")
            out += range(int(lo), int(hi) + 1)
        else:
            out.append(int(part))
    return out


def num(rng, lo=-1.2, hi=1.2):
    v = rng.uniform(lo, hi)
    if abs(v) < 0.05:
        v += 0.3
    return "%.6g" % v


class Program:
    def __init__(self, seed, sabotage=False, sabotage_compile=False):
        self.seed = seed
        self.rng = random.Random(seed * 7919 + 17)
        self.sabotage = sabotage
        self.sabotage_compile = sabotage_compile
        self.features = []
        self.helpers_used = set()

    # ---------------------------------------------------------------- expressions
    def leaf(self, leaves):
        r = self.rng
        if r.random() < 0.05:
            return num(r, 0.2, 1.5)
        return r.choice(leaves)

    def expr(self, leaves, depth):
        r = self.rng
        if depth <= 0 or r.random() < 0.25:
            return self.leaf(leaves)
        k = r.choice(["add", "sub", "mul", "scale", "sin", "cos", "tanh", "atan", "exps",
                      "logsq", "sqrtsq", "rat", "hyp", "pow", "cbrt", "fma", "add", "mul"])
        e = lambda: self.expr(leaves, depth - 1)
        if k == "add":
            return "(%s + %s)" % (e(), e())
        if k == "sub":
            u, w = e(), e()
            return "(%s - %s)" % (u, w) if u != w else "(%s - %s * %s)" % (u, num(r, 0.2, 0.9), w)
        if k == "mul":
            return "(%s * %s)" % (e(), e())
        if k == "scale":
            return "%s * %s" % (num(r, 0.2, 1.5), e())
        if k in ("sin", "cos", "tanh", "atan"):
            return "std::%s(%s)" % (k, e())
        if k == "exps":
            return "std::exp(0.5 * std::sin(%s))" % e()
        if k == "logsq":
            u = self.leaf(leaves)
            return "std::log(1.0 + %s * %s)" % (u, u)
        if k == "sqrtsq":
            u = self.leaf(leaves)
            return "std::sqrt(1.5 + %s * %s)" % (u, u)
        if k == "rat":
            return "%s / (2.0 + std::cos(%s))" % (e(), e())
        if k == "hyp":
            return "std::hypot(1.0, %s)" % e()
        if k == "pow":
            return "std::pow(1.5 + std::sin(%s), %s)" % (e(), num(r, 0.5, 2.5))
        if k == "cbrt":
            return "std::cbrt(2.0 + std::cos(%s))" % e()
        return "std::fma(%s, %s, %s)" % (e(), e(), e())

    def bounded(self, leaves, depth):
        """An expression squashed into a bounded range (for values that are summed or grown)."""
        r = self.rng
        f = r.choice(["std::sin(%s)", "std::tanh(%s)", "std::atan(%s)", "%s / (2.0 + std::cos(%s))",
                      "std::cos(%s)"])
        if f.count("%s") == 2:
            return f % (self.expr(leaves, depth), self.leaf(leaves))
        return f % self.expr(leaves, depth)

    # ---------------------------------------------------------------- program
    def generate(self):
        r = self.rng
        # parameters of f
        params = [("a", "scalar")]
        if r.random() < 0.6:
            params.append(("b", "scalar"))
        if r.random() < 0.7:
            params.append(("x", "array"))
        if r.random() < 0.55:
            params.append(("m", "model"))
        if r.random() < 0.35:
            params.append(("c", "cref"))
        if r.random() < 0.45:
            params.append(("xs", "vector"))
        if r.random() < 0.4:
            params.append(("n", "int"))
        out = r.choice([None, None, "out", "outs"])
        if out == "out":
            params.append(("out", "outref"))
        elif out == "outs":
            params.append(("outs", "outarray"))
        r.shuffle(params)
        self.params = params
        kinds = dict((p, k) for p, k in params)
        self.kinds = kinds
        # activity: at least one float input active
        act = {}
        for p, k in params:
            if k == "int":
                act[p] = False
            elif k in ("outref", "outarray"):
                act[p] = True
            else:
                act[p] = r.random() < 0.75
        if not any(act[p] for p, k in params if k not in ("int", "outref", "outarray")):
            act["a"] = True
        self.act = act
        self.ko = r.randint(2, 3)
        self.linkage = r.choice(["template", "template", "template", "template", "static",
                                 "extern", "member"])
        self.markers = r.choice(["extern", "defined", "externC", "header"])
        self.entry = r.choice(["externC", "template", "mixed"])
        self.reverse = r.random() < 0.8
        body = self.body()
        return self.render(body)

    def body(self):
        r = self.rng
        kinds = self.kinds
        scal = [p for p, k in self.params if k in ("scalar", "cref")]
        leaves = list(scal)
        if "x" in kinds:
            leaves += ["x[%d]" % r.randrange(N) for _ in range(2)]
        if "m" in kinds:
            leaves += ["m.k[%d]" % r.randrange(3), "m.scale"]
        if "xs" in kinds:
            leaves += ["xs[%d]" % r.randrange(NV)]
        if not leaves:
            leaves = ["a"]
        lines = []
        locs = []
        nstmt = r.randint(2, 5)
        choices = ["plain", "vecpush", "vecresize", "localarray", "lambda", "helper", "acc",
                   "recursion", "ptrvec"]
        if "x" in kinds:
            choices += ["arrayloop", "rangefor"]
        if "m" in kinds:
            choices += ["method", "method"]
        if "xs" in kinds:
            choices += ["vecinput"]
        if "n" in kinds:
            choices += ["nloop"]
        for k in range(nstmt):
            kind = r.choice(choices)
            s = "s%d" % k
            L = leaves + locs
            self.features.append(kind)
            if kind == "plain":
                lines.append("T %s = %s;" % (s, self.expr(L, 3)))
            elif kind == "arrayloop":
                Li = L + ["x[i]", "x[i]", "0.1 * i"]
                lines += ["T %s = 0;" % s,
                          "for (int i = 0; i < N; ++i) {",
                          "  if (i %% %d == 0)" % r.choice([2, 3]),
                          "    %s += 0.3 * %s;" % (s, self.bounded(Li, 2)),
                          "  else",
                          "    %s -= 0.2 * %s;" % (s, self.bounded(Li, 2)),
                          "}"]
            elif kind == "rangefor":
                ref = r.choice(["const T &e", "T e", "auto e"])
                Le = L + ["e", "e"]
                lines += ["T %s = %s;" % (s, num(r)),
                          "for (%s : x)" % ref,
                          "  %s += 0.25 * %s;" % (s, self.bounded(Le, 2))]
            elif kind == "vecinput":
                Le = L + ["xs[i]", "xs[i]"]
                lines += ["T %s = 0;" % s,
                          "for (std::size_t i = 0; i < xs.size(); ++i)",
                          "  %s += %s * %s;" % (s, num(r, 0.1, 0.6), self.bounded(Le, 2))]
            elif kind == "vecpush":
                K = r.randint(3, 9)
                Li = L + ["0.1 * i"] + (["x[i %% %d]" % N] if "x" in kinds else [])
                v = "v%d" % k
                reserve = r.random() < 0.3
                lines += ["std::vector<T> %s;" % v]
                if reserve:
                    lines.append("%s.reserve(2);" % v)
                lines += ["for (int i = 0; i < %d; ++i)" % K,
                          "  %s.push_back(%s);" % (v, self.bounded(Li, 2)),
                          "T %s = 0;" % s,
                          "for (std::size_t i = 0; i < %s.size(); ++i)" % v,
                          "  %s += (0.1 * (i + 1)) * %s[i];" % (s, v)]
            elif kind == "vecresize":
                K = r.randint(3, 8)
                start = r.randint(0, 2)
                w = "w%d" % k
                if start:
                    lines.append("std::vector<T> %s(%d, %s);" % (w, start, self.bounded(L, 2)))
                else:
                    lines.append("std::vector<T> %s;" % w)
                lines.append("%s.resize(%d);" % (w, K))
                first = max(start, 1)
                if start == 0:
                    lines.append("%s[0] = %s;" % (w, self.bounded(L, 2)))
                Li = L + ["%s[i - 1]" % w]
                lines += ["for (int i = %d; i < %d; ++i)" % (first, K),
                          "  %s[i] = 0.5 * %s[i - 1] + 0.4 * %s;" % (w, w, self.bounded(Li, 1)),
                          "T %s = %s[%d] - %s * %s[0];" % (s, w, K - 1, num(r, 0.2, 0.9), w)]
            elif kind == "localarray":
                K = r.randint(2, 6)
                q = "q%d" % k
                Li = L + ["0.2 * i"]
                lines += ["std::array<T, %d> %s{};" % (K, q),
                          "for (int i = 0; i < %d; ++i)" % K,
                          "  %s[i] = %s;" % (q, self.bounded(Li, 2)),
                          "T %s = %s[0] * %s[%d];" % (s, q, q, K - 1)]
                if r.random() < 0.5:
                    lines.append("for (const T &e : %s) %s += 0.3 * e;" % (q, s))
            elif kind == "lambda":
                lam = "lam%d" % k
                cap = r.choice(["[&]", "[=]"])
                arg = r.choice(["T t", "const T &t"])
                Lt = L + ["t", "t", "t"]
                lines += ["auto %s = %s(%s) { return %s; };" % (lam, cap, arg, self.expr(Lt, 2)),
                          "T %s = %s(%s) + 0.5 * %s(%s);" % (s, lam, self.expr(L, 1), lam,
                                                             self.leaf(L))]
            elif kind == "method":
                lines.append("T %s = m.eval(%s) + %s * m.damp(%s);" % (
                    s, self.expr(L, 2), num(r, 0.2, 1.0), self.leaf(L)))
            elif kind == "helper":
                self.helpers_used.add("helper")
                lines.append("T %s = helper<T>(%s, %s);" % (s, self.expr(L, 2), r.choice(L)))
            elif kind == "acc":
                self.helpers_used.add("acc")
                acc = "acc%d" % k
                lines += ["Acc<T> %s;" % acc,
                          "%s.add(%s);" % (acc, self.expr(L, 2)),
                          "%s.add(%s);" % (acc, self.expr(L, 2)),
                          "T %s = %s.mean() + 0.1 * %s.sum;" % (s, acc, acc)]
            elif kind == "recursion":
                self.helpers_used.add("rec")
                lines.append("T %s = rec<T>(%s, %d) + rec_static(%s, %d);" % (
                    s, self.bounded(L, 1), r.randint(1, 4), self.leaf(L), r.randint(0, 3)))
            elif kind == "ptrvec":
                K = r.randint(2, 4)
                ptrs = [r.choice(L) for _ in range(K)]
                v = "pv%d" % k
                lines += ["std::vector<const T *> %s;" % v]
                lines += ["%s.push_back(&%s);" % (v, q) if "[" in q or "." in q or q in scal
                          else "%s.push_back(&%s);" % (v, q) for q in ptrs if not q[0].isdigit()]
                lines += ["T %s = %s;" % (s, num(r)),
                          "for (std::size_t i = 0; i < %s.size(); ++i)" % v,
                          "  %s += 0.3 * std::sin(*%s[i]) * (1.0 + 0.1 * i);" % (s, v)]
            elif kind == "nloop":
                lines += ["T %s = %s;" % (s, self.bounded(L, 1)),
                          "for (int i = 0; i < n; ++i)",
                          "  %s = 0.5 * %s + 0.3 * std::sin(%s + %s);" % (s, s, s,
                                                                        self.leaf(L))]
            locs.append(s)
        self.extras(lines, leaves, locs)
        L = leaves + locs
        # outputs, then the result
        if "out" in self.kinds:
            lines.append("out = %s;" % self.expr(L, 2))
            if self.rng.random() < 0.5:
                lines.append("out += %s;" % self.bounded(L, 1))
        if "outs" in self.kinds:
            lines += ["for (int j = 0; j < %d; ++j)" % self.ko,
                      "  outs[j] = %s;" % self.bounded(L + ["0.3 * j"], 2)]
        if self.sabotage_compile:
            lines += ["#ifdef PRIMAL_ONLY", "T undefined_call = 0;", "#else",
                      "T undefined_call = fuzz_undefined_function(%s);" % locs[-1], "#endif"]
            locs.append("undefined_call")
        terms = " + ".join("%s * %s" % (num(self.rng, 0.3, 1.2), l) for l in locs)
        lines.append("return %s;" % terms)
        return lines

    # Statements the engine learned after this generator's first version: calls through the
    # vtable (a table of objects of a class template hierarchy, indexed by n when f has it
    # so that the calls stay virtual; one class calls the others' virtual functions, and one
    # holds an input in a data member) and std::function. Drawn from a stream of their own,
    # so that programs without them stay as they were.
    def extras(self, lines, leaves, locs):
        self.draw_extras("adjoint-fuzz-cxx-extras-%d", (("virtual", 0.3), ("stdfunction", 0.2)),
                         lines, leaves, locs)
        # A second stream: value types of the standard library whose storage the IR does not
        # type (optional and variant are unions, pair/tuple are moved as integers, complex
        # calls C's complex library), owning pointers and numeric algorithms.
        self.draw_extras("adjoint-fuzz-cxx-extras2-%d",
                         (("optional", 0.15), ("tuple", 0.15), ("uniqueptr", 0.15),
                          ("complex", 0.15)), lines, leaves, locs)
        # A third: a std::vector of structs that mix T and int, grown and copied (its buffer's
        # layout comes from the struct its members are read through).
        self.draw_extras("adjoint-fuzz-cxx-extras3-%d", (("vecstruct", 0.2),), lines, leaves,
                         locs)

    def draw_extras(self, stream, kinds, lines, leaves, locs):
        """Each of `kinds` (name, probability) with a draw of its own random stream."""
        rx = random.Random(stream % self.seed)
        saved, self.rng = self.rng, rx
        try:
            for kind, p in kinds:
                if rx.random() < p:
                    getattr(self, "x_" + kind)(lines, leaves + locs, len(locs))
                    locs.append("s%d" % len(locs))
                    self.features.append(kind)
        finally:
            self.rng = saved

    def x_optional(self, lines, L, k):
        # Always engaged (no branch on a float): the value goes through the union's storage
        # and a copy of it; the variant holds its double alternative.
        lines += ["std::optional<T> op%d{%s};" % (k, self.bounded(L, 1)),
                  "std::optional<T> oq%d = op%d;" % (k, k),
                  "std::variant<int, T> va%d{%s};" % (k, self.bounded(L, 1)),
                  "std::variant<int, T> vb%d = va%d;" % (k, k),
                  "T s%d = oq%d.value_or(T(0)) * std::get<1>(vb%d) + *op%d;" % (k, k, k, k)]

    def x_tuple(self, lines, L, k):
        lines += ["auto [pa%d, pb%d] = std::make_pair(%s, %s);" % (k, k, self.bounded(L, 1),
                                                                  self.bounded(L, 1)),
                  "std::tuple<T, int, T> tu%d{%s, 2, pa%d};" % (k, self.bounded(L, 1), k),
                  "std::tuple<T, int, T> tv%d = tu%d;" % (k, k),
                  "T s%d = pa%d * pb%d + std::get<0>(tv%d) * std::get<1>(tv%d) + "
                  "std::get<2>(tv%d);" % (k, k, k, k, k, k)]

    def x_uniqueptr(self, lines, L, k):
        m = self.rng.randint(2, 4)
        lines += ["std::unique_ptr<T[]> up%d(new T[%d]);" % (k, m),
                  "for (int i = 0; i < %d; ++i)" % m,
                  "  up%d[i] = %s;" % (k, self.bounded(L + ["0.2 * i"], 2)),
                  "auto box%d = std::make_unique<T>(%s);" % (k, self.bounded(L, 1)),
                  "T s%d = std::accumulate(up%d.get(), up%d.get() + %d, *box%d) + "
                  "std::inner_product(up%d.get(), up%d.get() + %d, up%d.get(), T(0));" % (
                      k, k, k, m, k, k, k, m, k)]

    def x_vecstruct(self, lines, L, k):
        m = self.rng.randint(2, 5)
        lines += ["std::vector<std::pair<T, int>> vp%d;" % k,
                  "for (int i = 0; i < %d; ++i)" % m,
                  "  vp%d.push_back({%s, i});" % (k, self.bounded(L + ["0.2 * i"], 2)),
                  "std::vector<std::pair<T, int>> vq%d = vp%d;" % (k, k),
                  "T s%d = 0;" % k,
                  "for (const auto &e : vq%d)" % k,
                  "  s%d += 0.3 * e.first * (e.second + 1);" % k]

    def x_complex(self, lines, L, k):
        # |z| <= sqrt(2): z + 2 and z * z + 1.5 stay in the right half plane, away from the
        # branch cuts of sqrt and log.
        f = self.rng.choice(["std::exp(z%d) * std::sqrt(z%d + T(2))",
                             "std::log(z%d * z%d + T(1.5)) + std::sin(z%d) * std::cosh(z%d)",
                             "std::pow(z%d + T(2), std::complex<T>(0.5, 0.25)) / (z%d + T(3))",
                             "std::tanh(z%d) + std::cos(z%d) * std::conj(z%d)"])
        lines += ["std::complex<T> z%d(%s, %s);" % (k, self.bounded(L, 1), self.bounded(L, 1)),
                  "std::complex<T> w%d = %s;" % (k, f.replace("%d", str(k))),
                  "T s%d = w%d.real() + 0.5 * w%d.imag() + 0.25 * std::abs(w%d + T(3));" % (
                      k, k, k, k)]

    def x_virtual(self, lines, L, k):
        self.helpers_used.add("virtual")
        idx = "(i + n)" if "n" in self.kinds else "(i + %d)" % self.rng.randint(0, 2)
        lines += ["FnScale<T> sc%d(%s);" % (k, self.bounded(L, 1)),
                  "FnWave<T> wv%d;" % k,
                  "FnChain<T> ch%d(&sc%d, &wv%d);" % (k, k, k),
                  "const Fn<T> *tab%d[3] = {&sc%d, &wv%d, &ch%d};" % (k, k, k, k),
                  "T s%d = 0;" % k,
                  "for (int i = 0; i < %d; ++i)" % self.rng.randint(2, 4),
                  "  s%d += tab%d[%s %% 3]->apply(%s);" % (k, k, idx,
                                                      self.bounded(L + ["0.1 * i"], 2))]

    def x_stdfunction(self, lines, L, k):
        # At most two captures of 8 bytes: std::function keeps such a lambda in place. A
        # larger one goes to the heap, and the manager's copy of it (reached through the
        # same call as its destruction) has no type reverse mode can read at -O0.
        byref = self.rng.random() < 0.5
        pool = L if byref else [l for l in L if "[" not in l and "." not in l] or ["0.5"]
        names = [self.leaf(pool), self.leaf(pool), "u", "u", "u"]
        lam = "[&](T u) { return %s; }" if byref else "[=](T u) { return %s; }"
        lines += ["std::function<T(T)> fn%d = %s;" % (k, lam % self.expr(names, 2)),
                  "T s%d = fn%d(%s) + 0.5 * fn%d(%s);" % (k, k, self.bounded(L, 1), k,
                                                        self.leaf(L))]

    # ---------------------------------------------------------------- text
    def ptype(self, p, k):
        return {"scalar": "T %s", "array": "const std::array<T, N> &%s",
                "model": "const Model &%s", "cref": "const T &%s",
                "vector": "const std::vector<T> &%s", "int": "int %s", "outref": "T &%s",
                "outarray": "std::array<T, KO> &%s"}[k] % p

    def render(self, body):
        r = self.rng
        o = []
        feats = sorted(set(self.features))
        o.append("// gen_cxx.py seed %d: f(%s), %s f, markers %s, entry points %s, %s" % (
            self.seed, ", ".join(p + ("" if self.act[p] else " const") for p, _ in self.params),
            self.linkage, self.markers, self.entry, "both modes" if self.reverse else "forward only"))
        o.append("// statements: %s" % ", ".join(self.features))
        o.append("// reproduce: python3 test/fuzz/gen_cxx.py --out DIR --seeds %d" % self.seed)
        o += ["#include <array>", "#include <cmath>", "#include <cstdio>", "#include <functional>",
              "#include <vector>", "#include <complex>", "#include <memory>", "#include <numeric>",
              "#include <optional>", "#include <tuple>", "#include <utility>", "#include <variant>"]
        # ---- interface declarations
        o.append("#ifndef PRIMAL_ONLY")
        names = ["enzyme_dup", "enzyme_const", "enzyme_out", "enzyme_dupnoneed"]
        if self.markers == "header":
            o.append("#include <adjoint/enzyme.h>")
        elif self.markers == "extern":
            o += ["extern int %s;" % n for n in names]
        elif self.markers == "defined":
            o += ["int %s;" % n for n in names]
        else:
            o.append('extern "C" {')
            o += ["extern int %s;" % n for n in names]
            o.append("}")
        fwd_t = self.entry == "template" or (self.entry == "mixed" and self.seed % 2 == 0)
        rev_t = self.entry == "template" or (self.entry == "mixed" and self.seed % 2 == 1)
        self.fwd_t, self.rev_t = fwd_t, rev_t
        if fwd_t:
            o.append("template <typename RT, typename... Args> RT __enzyme_fwddiff(void *, Args...);")
        elif self.markers != "header":
            o.append('extern "C" double __enzyme_fwddiff(void *, ...);')
        if self.reverse:
            if rev_t:
                o.append("template <typename RT, typename... Args> RT __enzyme_autodiff(void *, Args...);")
            elif self.markers != "header":
                o.append('extern "C" double __enzyme_autodiff(void *, ...);')
        o.append("#endif")
        o += ["", "constexpr int N = %d;" % N, "constexpr int KO = %d;" % self.ko, ""]
        o += ["struct Model {",
              "  double k[3];",
              "  double scale;",
              "  double eval(double t) const { return k[0] * std::sin(t) + %s * k[1] * t + k[2] * std::cos(k[0] * t); }" % num(r, 0.1, 0.5),
              "  double damp(double t) const { return scale * t / (1.0 + t * t); }",
              "};", ""]
        o += ["template <typename T> T helper(T u, const T &w) { return %s; }" % self.expr(["u", "u", "w"], 2), ""]
        o += ["// recursion with an integer depth counter: a template and a static function",
              "template <typename T> T rec(T u, int d) { return d == 0 ? u : 0.8 * std::sin(rec(u, d - 1)) + 0.3 * u; }",
              "static double rec_static(double u, int d) { return d <= 0 ? std::cos(u) : 0.5 * rec_static(0.9 * u, d - 1) + 0.2 * u * u; }",
              ""]
        o += ["template <typename T> struct Acc {",
              "  T sum = 0;",
              "  int count = 0;",
              "  void add(T v) { sum += v; ++count; }",
              "  T mean() const { return sum / count; }",
              "};", ""]
        if "virtual" in self.helpers_used:
            o += ["// a class hierarchy called through the vtable; FnChain calls the others' apply",
                  "template <typename T> struct Fn {",
                  "  virtual ~Fn() {}",
                  "  virtual T apply(T u) const = 0;",
                  "};",
                  "template <typename T> struct FnScale : Fn<T> {",
                  "  T c;",
                  "  explicit FnScale(T c) : c(c) {}",
                  "  T apply(T u) const override { return c * u + 0.2 * u * u; }",
                  "};",
                  "template <typename T> struct FnWave : Fn<T> {",
                  "  T apply(T u) const override { return std::sin(u) + 0.3 * u; }",
                  "};",
                  "template <typename T> struct FnChain : Fn<T> {",
                  "  const Fn<T> *a, *b;",
                  "  FnChain(const Fn<T> *a, const Fn<T> *b) : a(a), b(b) {}",
                  "  T apply(T u) const override { return 0.5 * a->apply(b->apply(u)); }",
                  "};", ""]
        if self.sabotage_compile:
            o.append('extern "C" double fuzz_undefined_function(double);')
        sig = ", ".join(self.ptype(p, k) for p, k in self.params)
        bodytxt = [l if l.startswith("#") else "  " + l for l in body]
        if self.linkage == "template":
            o.append("template <typename T> T f(%s) {" % sig)
            o += bodytxt + ["}"]
            self.fname = "f<double>"
        else:
            if self.linkage == "member":
                o += ["struct Problem {", "  using T = double;",
                      "  static T f(%s) {" % sig] + [l if l.startswith("#") else "  " + l for l in bodytxt] + ["  }", "};"]
                self.fname = "Problem::f"
            else:
                o.append("using T = double;")
                o.append("%sdouble f(%s) {" % ("static " if self.linkage == "static" else "", sig))
                o += bodytxt + ["}"]
                self.fname = "f"
        o.append("")
        self.unmarked_refs = []
        o += self.main()
        if self.unmarked_refs:
            o[1] += "; unmarked references: " + ", ".join(sorted(set(self.unmarked_refs)))
        return "\n".join(o) + "\n"

    def pdup(self, k):
        """Probability of an explicit enzyme_dup: references are mostly marked (the front end
        rejects unmarked ones as of 2026-12-07, which would hide everything else)."""
        return 0.5 if k == "scalar" else 0.95

    def main(self):
        r = self.rng
        o = ["static int failures = 0, checks = 0, skipped = 0;",
             "static void expect(const char *what, double got, double want, double tol) {",
             "  ++checks;",
             "  double scale = std::fabs(want) > 1.0 ? std::fabs(want) : 1.0;",
             "  if (!(std::fabs(got - want) <= tol * scale)) {",
             '    std::fprintf(stderr, "%s = %.17g, expected %.17g (tol %g)\\n", what, got, want, tol);',
             "    ++failures;",
             "  }",
             "#ifdef FUZZ_VERBOSE",
             '  std::printf("%s: %.17g vs %.17g\\n", what, got, want);',
             "#endif",
             "}", "",
             "int main() {"]
        I = "  "
        K, act = self.kinds, self.act
        arr = lambda n: "{" + ", ".join(num(r) for _ in range(n)) + "}"
        # inputs and directions
        for p, k in self.params:
            if k == "scalar" or k == "cref":
                o.append(I + "double %s = %s, v_%s = %s, g_%s = 0;" % (p, num(r), p, num(r), p))
            elif k == "array":
                o.append(I + "std::array<double, N> %s = %s, v_%s = %s, g_%s{};" % (p, arr(N), p, arr(N), p))
            elif k == "model":
                o.append(I + "Model %s = {%s, %s}, v_%s = {%s, %s}, g_%s{};" % (
                    p, arr(3), num(r, 0.5, 1.5), p, arr(3), num(r), p))
            elif k == "vector":
                o.append(I + "std::vector<double> %s = %s, v_%s = %s, g_%s(%d, 0.0);" % (
                    p, arr(NV), p, arr(NV), p, NV))
            elif k == "int":
                o.append(I + "int %s = %d;" % (p, r.randint(1, 6)))
            elif k == "outref":
                o.append(I + "double w_%s = %s;" % (p, num(r)))
            elif k == "outarray":
                o.append(I + "std::array<double, KO> w_%s = %s;" % (p, arr(self.ko)))
        # s(t): f at inputs + t v, plus <w, outputs>
        o.append(I + "auto s = [&](double t) -> double {")
        call = []
        for p, k in self.params:
            A = act[p]
            if k in ("scalar", "cref"):
                o.append(I + "  double %s_t = %s%s;" % (p, p, " + t * v_%s" % p if A else ""))
                call.append("%s_t" % p)
            elif k == "array":
                o.append(I + "  std::array<double, N> %s_t = %s;" % (p, p))
                if A:
                    o.append(I + "  for (int i = 0; i < N; ++i) %s_t[i] += t * v_%s[i];" % (p, p))
                call.append("%s_t" % p)
            elif k == "model":
                o.append(I + "  Model %s_t = %s;" % (p, p))
                if A:
                    o.append(I + "  for (int i = 0; i < 3; ++i) %s_t.k[i] += t * v_%s.k[i];" % (p, p))
                    o.append(I + "  %s_t.scale += t * v_%s.scale;" % (p, p))
                call.append("%s_t" % p)
            elif k == "vector":
                o.append(I + "  std::vector<double> %s_t = %s;" % (p, p))
                if A:
                    o.append(I + "  for (int i = 0; i < %d; ++i) %s_t[i] += t * v_%s[i];" % (NV, p, p))
                call.append("%s_t" % p)
            elif k == "int":
                call.append(p)
            elif k == "outref":
                o.append(I + "  double %s_t = 0;" % p)
                call.append("%s_t" % p)
            elif k == "outarray":
                o.append(I + "  std::array<double, KO> %s_t{};" % p)
                call.append("%s_t" % p)
        o.append(I + "  double r = %s(%s);" % (self.fname, ", ".join(call)))
        for p, k in self.params:
            if k == "outref":
                o.append(I + "  r += w_%s * %s_t;" % (p, p))
            elif k == "outarray":
                o.append(I + "  for (int j = 0; j < KO; ++j) r += w_%s[j] * %s_t[j];" % (p, p))
        o.append(I + "  return r;")
        o.append(I + "};")
        o += [I + "const double h = 1e-3;",
              I + "double s0 = s(0);",
              I + "double d1 = (s(h) - s(-h)) / (2 * h), d2 = (s(h / 2) - s(-h / 2)) / h;",
              I + "double rich = (4 * d2 - d1) / 3;",
              I + "bool trusted = std::isfinite(s0) && std::isfinite(d1) && std::isfinite(d2) &&",
              I + "               std::fabs(d1 - d2) <= 1e-4 * (std::fabs(rich) > 1 ? std::fabs(rich) : 1);",
              "#ifdef PRIMAL_ONLY",
              I + 'std::printf("primal %.17g, difference %.17g%s\\n", s0, rich, trusted ? "" : " (fd skipped)");',
              I + "return std::isfinite(s0) ? 0 : 1;",
              "#else"]
        # forward call
        fargs = []
        for p, k in self.params:
            A = act[p]
            amp = "" if k in ("scalar", "int") else "&"
            if k == "int":
                fargs += (["enzyme_const"] if r.random() < 0.5 else []) + [p]
            elif not A:
                fargs += ["enzyme_const", amp + p]
            elif k in ("outref", "outarray"):
                u = r.random()
                m = "enzyme_dup" if u < 0.45 else "enzyme_dupnoneed" if u < 0.93 else None
                o.append(I + ("double %s_f = 0, dv_%s = 0;" if k == "outref" else
                              "std::array<double, KO> %s_f{}, dv_%s{};") % (p, p))
                fargs += ([m] if m else []) + ["&%s_f" % p, "&dv_%s" % p]
                if not m:
                    self.unmarked_refs.append(p)
            else:
                mk = r.random() < self.pdup(k)
                fargs += (["enzyme_dup"] if mk else []) + [amp + p, "%sv_%s" % (amp, p)]
                if not mk and amp:
                    self.unmarked_refs.append(p)
        if self.fwd_t:
            fcall = "__enzyme_fwddiff<double>((void *)%s, %s)" % (self.fname, ", ".join(fargs))
        else:
            fcall = "__enzyme_fwddiff((void *)%s, %s)" % (self.fname, ", ".join(fargs))
        o.append(I + "double tangent = %s;" % fcall)
        for p, k in self.params:
            if k == "outref":
                o.append(I + "tangent += w_%s * dv_%s;" % (p, p))
            elif k == "outarray":
                o.append(I + "for (int j = 0; j < KO; ++j) tangent += w_%s[j] * dv_%s[j];" % (p, p))
        if self.sabotage:
            o.append(I + "tangent += 1e-3 * (1 + std::fabs(tangent));  // --sabotage")
        o += [I + "if (trusted)",
              I + '  expect("forward tangent vs Richardson difference", tangent, rich, 1e-6);',
              I + "else",
              I + "  ++skipped;"]
        if self.reverse:
            rargs, active = [], []
            for p, k in self.params:
                A = act[p]
                amp = "" if k in ("scalar", "int") else "&"
                if k == "int":
                    rargs += (["enzyme_const"] if r.random() < 0.5 else []) + [p]
                elif not A:
                    rargs += ["enzyme_const", amp + p]
                elif k == "scalar":
                    rargs += (["enzyme_out"] if r.random() < 0.5 else []) + [p]
                    active.append(p)
                elif k in ("outref", "outarray"):
                    o.append(I + ("double %s_r = 0, gw_%s = w_%s;" if k == "outref" else
                                  "std::array<double, KO> %s_r{}, gw_%s = w_%s;") % (p, p, p))
                    mk = r.random() < self.pdup(k)
                    rargs += (["enzyme_dup"] if mk else []) + ["&%s_r" % p, "&gw_%s" % p]
                    if not mk:
                        self.unmarked_refs.append(p)
                else:
                    mk = r.random() < self.pdup(k)
                    rargs += (["enzyme_dup"] if mk else []) + ["&" + p, "&g_" + p]
                    if not mk:
                        self.unmarked_refs.append(p)
            na = len(active)
            if na >= 2 or (na == 1 and r.random() < 0.3):
                fields = r.choice(["array", "named"])
                if fields == "array":
                    st = "struct Grad { double d[%d]; };" % na
                    get = lambda i: "grad.d[%d]" % i
                else:
                    st = "struct Grad { double %s; };" % ", ".join("d_" + a for a in active)
                    get = lambda i: "grad.d_%s" % active[i]
                pre = [st]
                if self.rev_t:
                    rcall = "Grad grad = __enzyme_autodiff<Grad>((void *)%s, %s);" % (self.fname, ", ".join(rargs))
                else:
                    pre += ["#ifndef PRIMAL_ONLY",
                            '// any name that starts with __enzyme_autodiff is a request',
                            'extern "C" Grad __enzyme_autodiff_grad(void *, ...);', "#endif"]
                    rcall = "Grad grad = __enzyme_autodiff_grad((void *)%s, %s);" % (self.fname, ", ".join(rargs))
                o[0:0] = pre + [""]
                o.append(I + rcall)
                for i, a in enumerate(active):
                    o.append(I + "g_%s = %s;" % (a, get(i)))
            elif na == 1:
                if self.rev_t:
                    o.append(I + "g_%s = __enzyme_autodiff<double>((void *)%s, %s);" % (active[0], self.fname, ", ".join(rargs)))
                else:
                    o.append(I + "g_%s = __enzyme_autodiff((void *)%s, %s);" % (active[0], self.fname, ", ".join(rargs)))
            else:
                if self.rev_t:
                    o.append(I + "__enzyme_autodiff<void>((void *)%s, %s);" % (self.fname, ", ".join(rargs)))
                else:
                    o.append(I + "__enzyme_autodiff((void *)%s, %s);" % (self.fname, ", ".join(rargs)))
            terms = []
            for p, k in self.params:
                if not act[p] or k in ("int", "outref", "outarray"):
                    continue
                if k in ("scalar", "cref"):
                    terms.append("v_%s * g_%s" % (p, p))
                elif k == "array":
                    o.append(I + "double dot_%s = 0; for (int i = 0; i < N; ++i) dot_%s += v_%s[i] * g_%s[i];" % (p, p, p, p))
                    terms.append("dot_%s" % p)
                elif k == "vector":
                    o.append(I + "double dot_%s = 0; for (int i = 0; i < %d; ++i) dot_%s += v_%s[i] * g_%s[i];" % (p, NV, p, p, p))
                    terms.append("dot_%s" % p)
                elif k == "model":
                    o.append(I + "double dot_%s = v_%s.scale * g_%s.scale; for (int i = 0; i < 3; ++i) dot_%s += v_%s.k[i] * g_%s.k[i];" % ((p,) * 6))
                    terms.append("dot_%s" % p)
            o.append(I + "double dot = %s;" % (" + ".join(terms) if terms else "0"))
            o.append(I + 'expect("<v, gradient> vs forward tangent", dot, tangent, 1e-10);')
        o += [I + "if (skipped)",
              I + '  std::printf("fd skipped (the differences disagree: %.17g, %.17g)\\n", d1, d2);',
              I + "if (failures) {",
              I + '  std::fprintf(stderr, "%d of %d checks failed\\n", failures, checks);',
              I + "  return 1;",
              I + "}",
              I + 'std::printf("%d checks passed\\n", checks);',
              I + "return 0;",
              "#endif",
              "}"]
        return o


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seeds", required=True, help="A-B, or a comma list")
    ap.add_argument("--sabotage", type=int, default=None)
    ap.add_argument("--sabotage-compile", type=int, default=None)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    lines = []
    for seed in parse_seeds(a.seeds):
        prog = Program(seed, sabotage=(seed == a.sabotage),
                       sabotage_compile=(seed == a.sabotage_compile))
        text = prog.generate()
        path = os.path.join(os.path.abspath(a.out), "fuzz-%d.cpp" % seed)
        with open(path, "w") as f:
            f.write(text)
        lines.append("%d %s\n" % (seed, path))
    with open(os.path.join(a.out, "manifest.txt"), "w") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main()
