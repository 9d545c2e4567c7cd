#!/usr/bin/env python3
"""Random forward- and reverse-mode programs for Adjoint (standard library only).

  gen_programs.py --out DIR --seeds 1-24 [--mode forward|reverse|memory] [--sabotage SEED]
                  [--sabotage-compile SEED]

For each seed, writes DIR/fuzz-SEED.c: a random but well-defined C function
`f` and a main() that draws inputs and a random direction, calls
__enzyme_fwddiff and compares the tangent with a central finite difference
along the same direction (EXPECT_NEAR from adjoint_test.h; h = 1e-6, inputs
and directions are O(1); relative tolerance 1e-5 with an absolute floor of
1e-5, 2e-4 when f has single-precision intermediates, whose reference is then
an all-double copy f_ref). DIR/manifest.txt lists "SEED PATH" lines.

The signature follows the seed (seed % 5): scalars only, f(a, b[, c, d]);
arrays in, f(const double *x, int n, double s); an in/out array written,
f(const double *x, double *w, int n, double s) (double or void); helper
functions called from f; recursion with a depth counter. Bodies mix + - * and
divisions by safe denominators, libm on safe domains (exp of bounded values,
log/sqrt/cbrt of positive values, pow with positive base, erf, atan2, ...),
fabs/fmax/fmin/hypot/?: and if/else away from their kinks, for/while/do loops
with data-independent trip counts (switch, continue, break on the counter),
local arrays, memcpy/memset, malloc/calloc temporaries freed at the end, a
global workspace array, float intermediates. Inputs may be enzyme_const, the
markers are explicit or implied, w may be enzyme_dupnoneed when f never reads
it.

The output depends only on the seed. Every program is also interpreted here,
in Python, before it is written; a program is rejected (and another one is
drawn from the same seed) unless
  * every value stays finite and moderate (|v| <= 1e4),
  * every non-smooth decision (if/?:, fabs, fmax/fmin, hypot) is taken the
    same way at the input and at x +- t*dx for t in {1e-6, 5e-4, 1e-3}, with
    a margin, so no kink lies within the finite-difference step,
  * the central difference with h = 1e-6 agrees with a Richardson estimate
    from steps 1e-3 and 5e-4 to a tenth of the test's tolerance (the
    reference itself is trustworthy).
Thresholds of branches are picked during that interpretation, away from the
value actually compared. The primal value the interpreter computed is also
checked in the program (it guards the interpreter against drifting from C).

--mode reverse (ReverseProgram) writes reverse-mode programs instead, from another
random stream (forward programs do not change). Reverse mode does not support
writing memory yet, so f only returns a double computed from scalars and
read-only arrays: the signature follows seed % 3: scalars only, f(a, b[, c, d]);
arrays in, f(const double *x, int n, double s[, double u]) (s may come first);
helper functions called from f. Bodies are those above without output arrays,
malloc, memcpy/memset, global workspaces, fill helpers and recursion; instead
there are small local arrays indexed with constants only (double a[3] = {...}
or element by element, then updated and read with constant indices, also in
loops) and static const tables (read in f and in helpers, also passed to them as
the array argument). Each program calls __enzyme_autodiff once: active scalars
(no marker or enzyme_out) come back as a double or as a struct in argument order
(double d[k] or named fields; void, or the header's double prototype, when
there are none), x is duplicated (no marker or enzyme_dup) into a shadow that
starts at zero or at other values (the gradient is added to it), or
enzyme_const. Every gradient component is compared with a central difference
in that input alone (same h and tolerances as forward mode; the interpreter
checks each of those differences like the forward one), and one random
direction v is checked with __enzyme_fwddiff: tangent = <gradient, v> to 1e-10
(1e-5 with float intermediates, where both modes round in single precision).

--mode memory writes reverse-mode programs whose f writes memory (output arrays,
in-place updates, overwritten inputs, the heap, mutable globals, copies, helpers
of every linkage, recursion, data-dependent loops) and checks split mode too; they
come from gen_reverse_memory.py (see its description), from their own random stream.

--sabotage SEED makes that seed's program expect a wrong derivative;
--sabotage-compile SEED makes it call an undefined external function (the
plugin must refuse it). Both exist only to check that the test can fail.
"""
import argparse
import math
import os
import random
import struct
import sys

LIMIT = 1e4          # largest magnitude of any intermediate value
H = 1e-6             # finite-difference step (inputs and directions are O(1))
TOL = 1e-5           # relative tolerance (absolute floor 1) of the derivative checks
TOL_FLOAT = 2e-4     # same, for programs with single-precision intermediates
MAX_ATTEMPTS = 400
DOT_TOL = 1e-10      # reverse mode: <gradient, v> against the forward-mode tangent along v
DOT_TOL_FLOAT = 1e-5  # same, with single-precision intermediates (both modes round in float)


class Reject(Exception):
    """The drawn program is not a good test (kink near the input, overflow, ...)."""


class Ret(Exception):
    def __init__(self, v):
        self.v = v


class Continue(Exception):
    pass


class Break(Exception):
    pass


def f32(v):
    try:
        return struct.unpack('f', struct.pack('f', v))[0]
    except (OverflowError, struct.error):
        raise Reject('float overflow')


def ident(v):
    return v


def cnum(v, digits=2):
    """A C literal and its exact value."""
    t = '%.*f' % (digits, v)
    if float(t) == 0.0:
        t = '%.*f' % (digits, 0.5)
    return t, float(t)


# ----------------------------------------------------------------------------
# Evaluation context


class Ctx:
    def __init__(self, fl, base, rng):
        self.fl = fl          # rounding of single-precision intermediates
        self.base = base      # the first run at the input: picks thresholds
        self.rng = rng
        self.trace = []
        self.steps = 0

    def val(self, v):
        if isinstance(v, complex) or not math.isfinite(v) or abs(v) > LIMIT:
            raise Reject('magnitude')
        return v

    def decide(self, a, b):
        d = a - b
        if abs(d) < 1e-3 * max(1.0, abs(a), abs(b)):
            raise Reject('near a kink')
        self.trace.append(d > 0)
        return d > 0

    def tick(self):
        self.steps += 1
        if self.steps > 200000:
            raise Reject('too long')


class Emit:
    """How to print: the program itself, or its all-double reference copy."""

    def __init__(self, ref):
        self.ref = ref
        self.F = 'double' if ref else 'float'
        self.sf = '' if ref else 'f'
        self.lf = '' if ref else 'f'
        self.fsuffix = '_ref' if ref else ''


def fill(tmpl, args, em, **kw):
    return tmpl.format(*args, F=em.F, sf=em.sf, lf=em.lf, **kw)


# ----------------------------------------------------------------------------
# Integer expressions (indices), all data-independent


class IE:
    """kind: var (i), const (c), rev (n-1-i), rot ((i+c)%n), half (i/2), mod (i%n)."""

    def __init__(self, kind, name=None, c=0, nname='n'):
        self.kind, self.name, self.c, self.nname = kind, name, c, nname

    def emit(self, em):
        k = self.kind
        if k == 'var':
            return self.name
        if k == 'const':
            return str(self.c)
        if k == 'rev':
            return '%s - 1 - %s' % (self.nname, self.name)
        if k == 'rot':
            return '(%s + %d) %% %s' % (self.name, self.c, self.nname)
        if k == 'half':
            return '%s / 2' % self.name
        if k == 'mod':
            return '%s %% %s' % (self.name, self.nname)
        raise AssertionError(k)

    def ev(self, env):
        k = self.kind
        if k == 'const':
            return self.c
        i = env[self.name]
        if k == 'var':
            return i
        n = env[self.nname]
        if k == 'rev':
            return n - 1 - i
        if k == 'rot':
            return (i + self.c) % n
        if k == 'half':
            return i // 2
        if k == 'mod':
            return i % n
        raise AssertionError(k)


# ----------------------------------------------------------------------------
# Double expressions


class Num:
    def __init__(self, v):
        self.text, self.v = cnum(v)

    def emit(self, em):
        return self.text if self.v >= 0 else '(%s)' % self.text

    def ev(self, env, cx):
        return self.v


class Var:
    def __init__(self, name):
        self.name = name

    def emit(self, em):
        return self.name

    def ev(self, env, cx):
        v = env[self.name]
        if v is None:
            raise AssertionError('read of unset ' + self.name)
        return v

    def store(self, env, v):
        env[self.name] = v

    def peek(self, env):
        return env.get(self.name)


class ToD:
    def __init__(self, ie):
        self.ie = ie

    def emit(self, em):
        return '(double)(%s)' % self.ie.emit(em)

    def ev(self, env, cx):
        return float(self.ie.ev(env))


class Elem:
    def __init__(self, arr, ie):
        self.arr, self.ie = arr, ie

    def emit(self, em):
        return '%s[%s]' % (self.arr, self.ie.emit(em))

    def ev(self, env, cx):
        v = env[self.arr][self.ie.ev(env)]
        if v is None:
            raise AssertionError('read of unset %s[%d]' % (self.arr, self.ie.ev(env)))
        return v

    def store(self, env, v):
        env[self.arr][self.ie.ev(env)] = v

    def peek(self, env):
        return env[self.arr][self.ie.ev(env)]


class Bin:
    def __init__(self, op, a, b):
        self.op, self.a, self.b = op, a, b

    def emit(self, em):
        return '(%s %s %s)' % (self.a.emit(em), self.op, self.b.emit(em))

    def ev(self, env, cx):
        a, b = self.a.ev(env, cx), self.b.ev(env, cx)
        if self.op == '+':
            r = a + b
        elif self.op == '-':
            r = a - b
        else:
            r = a * b
        return cx.val(r)


class T:
    """A call/expression template over sub-expressions; fn(fl, *values)."""

    def __init__(self, tmpl, fn, args):
        self.tmpl, self.fn, self.args = tmpl, fn, args

    def emit(self, em):
        return fill(self.tmpl, [a.emit(em) for a in self.args], em)

    def ev(self, env, cx):
        vals = [a.ev(env, cx) for a in self.args]
        try:
            r = self.fn(cx.fl, *vals)
        except (ValueError, OverflowError, ZeroDivisionError):
            raise Reject('domain')
        return cx.val(r)


class Kink:
    """fabs / fmax / fmin / hypot: smooth away from a decision."""

    def __init__(self, kind, args):
        self.kind, self.args = kind, args

    def emit(self, em):
        return '%s(%s)' % (self.kind, ', '.join(a.emit(em) for a in self.args))

    def ev(self, env, cx):
        v = [a.ev(env, cx) for a in self.args]
        if self.kind == 'fabs':
            cx.decide(v[0], 0.0)
            return abs(v[0])
        if self.kind == 'fmax':
            return v[0] if cx.decide(v[0], v[1]) else v[1]
        if self.kind == 'fmin':
            return v[1] if cx.decide(v[0], v[1]) else v[0]
        r = math.hypot(v[0], v[1])
        cx.decide(r, 0.0)
        return cx.val(r)


class Thr:
    """A branch threshold, fixed the first time the comparison runs."""

    def __init__(self):
        self.text = None
        self.v = None

    def get(self, a, cx):
        if self.v is None:
            if not cx.base:
                raise Reject('threshold first reached off the input')
            delta = cx.rng.uniform(0.1, 0.6) * max(0.5, abs(a))
            self.text, self.v = cnum(a + (delta if cx.rng.random() < 0.5 else -delta))
        return self.v

    def emit(self, em):
        if self.text is None:  # never reached: any value
            self.text, self.v = cnum(0.25)
        return self.text if self.v >= 0 else '(%s)' % self.text


class Select:
    def __init__(self, a, op, thr, b, c):
        self.a, self.op, self.thr, self.b, self.c = a, op, thr, b, c

    def emit(self, em):
        return '(%s %s %s ? %s : %s)' % (self.a.emit(em), self.op, self.thr.emit(em),
                                         self.b.emit(em), self.c.emit(em))

    def ev(self, env, cx):
        a = self.a.ev(env, cx)
        gt = cx.decide(a, self.thr.get(a, cx))
        return (self.b if gt == (self.op == '>') else self.c).ev(env, cx)


class ArrRef:
    def __init__(self, name):
        self.name = name

    def emit(self, em):
        return self.name

    def ev(self, env, cx):
        return env[self.name]


class IntArg:
    def __init__(self, text, fn):
        self.text, self.fn = text, fn

    def emit(self, em):
        return self.text

    def ev(self, env, cx):
        return self.fn(env)


class Call:
    def __init__(self, func, args):
        self.func, self.args = func, args

    def emit(self, em):
        return '%s%s(%s)' % (self.func.name, em.fsuffix, ', '.join(a.emit(em) for a in self.args))

    def ev(self, env, cx):
        return self.func.call([a.ev(env, cx) for a in self.args], cx)


class Undefined:
    """--sabotage-compile: a call the plugin has no derivative for."""

    def __init__(self, a):
        self.a = a

    def emit(self, em):
        return 'adj_fuzz_undefined(%s)' % self.a.emit(em)

    def ev(self, env, cx):
        return self.a.ev(env, cx)


# ----------------------------------------------------------------------------
# Statements


def emit_block(stmts, em, ind):
    out = []
    for s in stmts:
        out.extend(s.emit(em, ind))
    return out


def run_block(stmts, env, cx):
    for s in stmts:
        s.run(env, cx)


class Decl:
    def __init__(self, name, e, flt=False):
        self.name, self.e, self.flt = name, e, flt

    def emit(self, em, ind):
        if self.flt:
            return [ind + '%s %s = (%s)(%s);' % (em.F, self.name, em.F, self.e.emit(em))]
        return [ind + 'double %s = %s;' % (self.name, self.e.emit(em))]

    def run(self, env, cx):
        v = self.e.ev(env, cx)
        env[self.name] = cx.val(cx.fl(v) if self.flt else v)


class Upd:
    """target = template(old, args); fn(fl, old, *vals)."""

    def __init__(self, target, tmpl, fn, args):
        self.target, self.tmpl, self.fn, self.args = target, tmpl, fn, args

    def emit(self, em, ind):
        return [ind + fill(self.tmpl, [a.emit(em) for a in self.args], em,
                           t=self.target.emit(em))]

    def run(self, env, cx):
        cx.tick()
        old = self.target.peek(env)
        vals = [a.ev(env, cx) for a in self.args]
        try:
            r = self.fn(cx.fl, old, *vals)
        except (ValueError, OverflowError, ZeroDivisionError):
            raise Reject('domain')
        self.target.store(env, cx.val(r))


class If:
    def __init__(self, a, op, thr, then, els):
        self.a, self.op, self.thr, self.then, self.els = a, op, thr, then, els

    def emit(self, em, ind):
        out = [ind + 'if (%s %s %s) {' % (self.a.emit(em), self.op, self.thr.emit(em))]
        out += emit_block(self.then, em, ind + '  ')
        if self.els:
            out.append(ind + '} else {')
            out += emit_block(self.els, em, ind + '  ')
        out.append(ind + '}')
        return out

    def run(self, env, cx):
        a = self.a.ev(env, cx)
        gt = cx.decide(a, self.thr.get(a, cx))
        run_block(self.then if gt == (self.op == '>') else self.els, env, cx)


class IntIf:
    """if (depth <= 0) return e; (recursion base case)"""

    def __init__(self, var, e):
        self.var, self.e = var, e

    def emit(self, em, ind):
        return [ind + 'if (%s <= 0)' % self.var, ind + '  return %s;' % self.e.emit(em)]

    def run(self, env, cx):
        if env[self.var] <= 0:
            raise Ret(self.e.ev(env, cx))


class Loop:
    """kind: for (i = 0; i < bound; i += step), while, do-while."""

    def __init__(self, kind, iv, bound, step, body):
        self.kind, self.iv, self.bound, self.step, self.body = kind, iv, bound, step, body

    def emit(self, em, ind):
        iv, b = self.iv, self.bound
        inc = '++%s' % iv if self.step == 1 else '%s += %d' % (iv, self.step)
        if self.kind == 'for':
            # A check that never fires but that the compiler cannot drop, like a
            # bounds check: the loop gets an exit that never returns (abort).
            out = [ind + 'for (int %s = 0; %s < %s; %s) {' % (iv, iv, b, inc),
                   ind + '  if (%s < fuzz_guard) abort();' % iv]
            out += emit_block(self.body, em, ind + '  ')
            return out + [ind + '}']
        if self.kind == 'while':
            out = [ind + '{', ind + '  int %s = 0;' % iv, ind + '  while (%s < %s) {' % (iv, b)]
            out += emit_block(self.body, em, ind + '    ')
            return out + [ind + '    %s;' % inc, ind + '  }', ind + '}']
        out = [ind + '{', ind + '  int %s = 0;' % iv, ind + '  do {']
        out += emit_block(self.body, em, ind + '    ')
        return out + [ind + '  } while (++%s < %s);' % (iv, b), ind + '}']

    def run(self, env, cx):
        b = int(self.bound) if self.bound.isdigit() else env[self.bound]
        i = 0
        while True:
            env[self.iv] = i
            try:
                run_block(self.body, env, cx)
            except Continue:  # only in for and do-while: on to the increment
                pass
            except Break:
                break
            i += self.step
            if i >= b:
                break


class Jump:
    """if (i == c) continue; / break; (data-independent)"""

    def __init__(self, iv, c, what):
        self.iv, self.c, self.what = iv, c, what

    def emit(self, em, ind):
        return [ind + 'if (%s == %d)' % (self.iv, self.c), ind + '  %s;' % self.what]

    def run(self, env, cx):
        if env[self.iv] == self.c:
            raise Continue() if self.what == 'continue' else Break()


class Switch:
    """switch (i % 3) { case 0: ...; case 1: ...; default: ... } (data-independent)"""

    def __init__(self, iv, cases):
        self.iv, self.cases = iv, cases

    def emit(self, em, ind):
        out = [ind + 'switch (%s %% %d) {' % (self.iv, len(self.cases))]
        for k, body in enumerate(self.cases):
            lab = 'default' if k == len(self.cases) - 1 else 'case %d' % k
            out.append(ind + '%s: {' % lab)
            out += emit_block(body, em, ind + '  ')
            out.append(ind + '  break;')
            out.append(ind + '}')
        return out + [ind + '}']

    def run(self, env, cx):
        run_block(self.cases[env[self.iv] % len(self.cases)], env, cx)


class Copy:
    """memcpy(dst, src, NN * sizeof(double)) or memset(dst, 0, sizeof dst)."""

    def __init__(self, dst, src):
        self.dst, self.src = dst, src

    def emit(self, em, ind):
        if self.src is None:
            return [ind + 'memset(%s, 0, sizeof %s);' % (self.dst, self.dst)]
        return [ind + 'memcpy(%s, %s, NN * sizeof(double));' % (self.dst, self.src)]

    def run(self, env, cx):
        d = env[self.dst]
        d[:] = [0.0] * len(d) if self.src is None else list(env[self.src])


class ArrDecl:
    def __init__(self, name, how):
        self.name, self.how = name, how  # how: stack, malloc, calloc

    def emit(self, em, ind):
        if self.how == 'stack':
            return [ind + 'double %s[NN];' % self.name]
        if self.how == 'malloc':
            return [ind + 'double *%s = (double *)malloc(NN * sizeof(double));' % self.name]
        return [ind + 'double *%s = (double *)calloc(NN, sizeof(double));' % self.name]

    def run(self, env, cx):
        env[self.name] = [0.0 if self.how == 'calloc' else None] * env['NN']


class CArrDecl:
    """Reverse mode: a small local array, every element set here, indexed with constants only
    (double a[3] = {e0, e1, e2}; or double a[3]; a[0] = e0; ...)."""

    def __init__(self, name, inits, braces):
        self.name, self.inits, self.braces = name, inits, braces

    def emit(self, em, ind):
        if self.braces:
            return [ind + 'double %s[%d] = {%s};' % (
                self.name, len(self.inits), ', '.join(e.emit(em) for e in self.inits))]
        return [ind + 'double %s[%d];' % (self.name, len(self.inits))] + [
            ind + '%s[%d] = %s;' % (self.name, k, e.emit(em)) for k, e in enumerate(self.inits)]

    def run(self, env, cx):
        env[self.name] = [cx.val(e.ev(env, cx)) for e in self.inits]


class Free:
    def __init__(self, name):
        self.name = name

    def emit(self, em, ind):
        return [ind + 'free(%s);' % self.name]

    def run(self, env, cx):
        env[self.name] = None


class CallStmt:
    def __init__(self, call):
        self.call = call

    def emit(self, em, ind):
        return [ind + self.call.emit(em) + ';']

    def run(self, env, cx):
        self.call.ev(env, cx)


class Return:
    def __init__(self, e):
        self.e = e

    def emit(self, em, ind):
        return [ind + 'return %s;' % self.e.emit(em)]

    def run(self, env, cx):
        raise Ret(self.e.ev(env, cx))


class Func:
    def __init__(self, name, ret, params):
        self.name, self.ret, self.params, self.body = name, ret, params, []

    def emit(self, em):
        ps = ', '.join('%s%s' % (t if t.endswith('*') else t + ' ', n) for t, n in self.params)
        out = ['static %s %s%s(%s) {' % (self.ret, self.name, em.fsuffix, ps)]
        out += emit_block(self.body, em, '  ')
        return out + ['}']

    def call(self, args, cx):
        env = {'NN': cx.nn}
        env.update(cx.globals)
        for (_, n), a in zip(self.params, args):
            env[n] = a
        try:
            run_block(self.body, env, cx)
        except Ret as r:
            return r.v
        return None


# ----------------------------------------------------------------------------
# Templates

UNARY = [
    ('sin({0})', lambda fl, a: math.sin(a)),
    ('cos({0})', lambda fl, a: math.cos(a)),
    ('atan({0})', lambda fl, a: math.atan(a)),
    ('tanh({0})', lambda fl, a: math.tanh(a)),
    ('erf({0})', lambda fl, a: math.erf(a)),
    ('erfc({0})', lambda fl, a: math.erfc(a)),
    ('exp(tanh({0}))', lambda fl, a: math.exp(math.tanh(a))),
    ('exp(sin({0}))', lambda fl, a: math.exp(math.sin(a))),
    ('exp(-{0} * {0})', lambda fl, a: math.exp(-a * a)),
    ('log(1.0 + {0} * {0})', lambda fl, a: math.log(1.0 + a * a)),
    ('log1p({0} * {0})', lambda fl, a: math.log1p(a * a)),
    ('log(2.0 + sin({0}))', lambda fl, a: math.log(2.0 + math.sin(a))),
    ('log2(1.5 + cos({0}))', lambda fl, a: math.log2(1.5 + math.cos(a))),
    ('log10(1.0 + {0} * {0})', lambda fl, a: math.log10(1.0 + a * a)),
    ('sqrt(1.0 + {0} * {0})', lambda fl, a: math.sqrt(1.0 + a * a)),
    ('sqrt(2.0 + cos({0}))', lambda fl, a: math.sqrt(2.0 + math.cos(a))),
    ('cbrt(2.0 + cos({0}))', lambda fl, a: math.cbrt(2.0 + math.cos(a))),
    ('cbrt(1.0 + {0} * {0})', lambda fl, a: math.cbrt(1.0 + a * a)),
    ('asinh({0})', lambda fl, a: math.asinh(a)),
    ('expm1(tanh({0}))', lambda fl, a: math.expm1(math.tanh(a))),
    ('sinh(tanh({0}))', lambda fl, a: math.sinh(math.tanh(a))),
    ('cosh(sin({0}))', lambda fl, a: math.cosh(math.sin(a))),
    ('acos(0.9 * tanh({0}))', lambda fl, a: math.acos(0.9 * math.tanh(a))),
    ('asin(0.9 * sin({0}))', lambda fl, a: math.asin(0.9 * math.sin(a))),
    ('atanh(0.9 * tanh({0}))', lambda fl, a: math.atanh(0.9 * math.tanh(a))),
    ('tan(0.7 * tanh({0}))', lambda fl, a: math.tan(0.7 * math.tanh(a))),
    ('exp2(sin({0}))', lambda fl, a: math.exp2(math.sin(a))),
    ('ldexp({0}, 2)', lambda fl, a: math.ldexp(a, 2)),
    ('pow({0}, 2.0)', lambda fl, a: a * a),
    ('pow({0}, 3.0)', lambda fl, a: a * a * a),
    ('({0} * {0})', lambda fl, a: a * a),
]
UNARY_FLOAT = [
    ('(double)sin{sf}(({F})({0}))', lambda fl, a: fl(math.sin(fl(a)))),
    ('(double)(({F})({0}) * ({F})({0}))', lambda fl, a: fl(fl(a) * fl(a))),
    ('(double)exp{sf}(tanh{sf}(({F})({0})))', lambda fl, a: fl(math.exp(fl(math.tanh(fl(a)))))),
    ('(double)sqrt{sf}(1.0{lf} + ({F})({0}) * ({F})({0}))',
     lambda fl, a: fl(math.sqrt(fl(1.0 + fl(fl(a) * fl(a)))))),
]
BINARY = [
    ('pow(1.5 + sin({0}), {1})', lambda fl, a, b: math.pow(1.5 + math.sin(a), b)),
    ('pow(1.0 + {0} * {0}, 0.5 * tanh({1}))',
     lambda fl, a, b: math.pow(1.0 + a * a, 0.5 * math.tanh(b))),
    ('atan2({0}, 2.0 + cos({1}))', lambda fl, a, b: math.atan2(a, 2.0 + math.cos(b))),
    ('hypot({0}, 1.0 + {1} * {1})', lambda fl, a, b: math.hypot(a, 1.0 + b * b)),
    ('fma({0}, {1}, 0.5)', lambda fl, a, b: a * b + 0.5),
    ('({0} / (1.0 + {1} * {1}))', lambda fl, a, b: a / (1.0 + b * b)),
    ('({0} / (2.0 + cos({1})))', lambda fl, a, b: a / (2.0 + math.cos(b))),
    ('({0} / (1.5 + tanh({1})))', lambda fl, a, b: a / (1.5 + math.tanh(b))),
    ('({0} / sqrt(1.0 + {1} * {1}))', lambda fl, a, b: a / math.sqrt(1.0 + b * b)),
    ('({0} * exp(-0.5 * {1} * {1}))', lambda fl, a, b: a * math.exp(-0.5 * b * b)),
]
BINARY_FLOAT = [
    ('(double)(({F})({0}) * ({F})({1}))', lambda fl, a, b: fl(fl(a) * fl(b))),
    ('(double)(({F})({0}) / (1.0{lf} + ({F})({1}) * ({F})({1})))',
     lambda fl, a, b: fl(fl(a) / fl(1.0 + fl(fl(b) * fl(b))))),
]

# updates of a double scalar or array element: (template, fn(fl, old, v), reads old, loop-safe)
UPD = [
    ('{t} += {0};', lambda fl, o, a: o + a, True),
    ('{t} -= {0};', lambda fl, o, a: o - a, True),
    ('{t} = {0};', lambda fl, o, a: a, False),
    ('{t} = 0.5 * {t} + {0};', lambda fl, o, a: 0.5 * o + a, True),
    ('{t} *= 0.5 + 0.25 * sin({0});', lambda fl, o, a: o * (0.5 + 0.25 * math.sin(a)), True),
    ('{t} = tanh({t}) + {0};', lambda fl, o, a: math.tanh(o) + a, True),
]
# updates of a float scalar
FUPD = [
    ('{t} = {t} * 0.75{lf} + ({F})({0});', lambda fl, o, a: fl(fl(o * 0.75) + fl(a))),
    ('{t} = sin{sf}({t}) + ({F})({0});', lambda fl, o, a: fl(fl(math.sin(o)) + fl(a))),
    ('{t} = tanh{sf}({t} * ({F})({0}));', lambda fl, o, a: fl(math.tanh(fl(o * fl(a))))),
    ('{t} += ({F})({0});', lambda fl, o, a: fl(o + fl(a))),
    ('{t} = exp{sf}(-{t} * {t}) + ({F})({0});',
     lambda fl, o, a: fl(fl(math.exp(fl(-o * o))) + fl(a))),
]


# ----------------------------------------------------------------------------
# Generator


class Scope:
    def __init__(self):
        self.dv = []        # readable double/float scalars
        self.mut = []       # assignable doubles
        self.fmut = []      # assignable floats
        self.arr_r = []     # readable arrays
        self.arr_w = []     # writable arrays (w and locals)
        self.arr_c = []     # reverse mode: local arrays indexed with constants only
        self.rw = set()     # arrays both readable and writable
        self.iv = []        # loop counters in scope
        self.nname = 'n'
        self.loops = 0
        self.ifs = 0
        self.top = True
        self.sink = None
        self.calls = True
        self.allocs = True
        self.loopkind = None
        self.in_switch = False
        self.in_f = False

    def child(self):
        c = Scope()
        c.__dict__.update({k: (list(v) if isinstance(v, list) else
                               set(v) if isinstance(v, set) else v)
                           for k, v in self.__dict__.items()})
        c.top = False
        return c


class Program:
    def __init__(self, seed, rng, sabotage=False, sabotage_compile=False, reverse=False):
        self.seed = seed
        self.rng = rng
        self.reverse = reverse  # --mode reverse: f only reads memory (ReverseProgram)
        self.csize = {}         # reverse mode: sizes of the constant-index local arrays
        self.ctables = {}       # reverse mode: static const tables, name -> values
        self.sabotage = sabotage
        self.sabotage_compile = sabotage_compile
        self.count = 0
        self.funcs = []
        self.dfuns = []     # double helpers callable in expressions
        self.vfuns = []     # void fill helpers
        self.recs = []
        self.called = set()
        self.use_float = rng.random() < 0.3
        self.nn = rng.randint(3, 7)
        self.features = set()
        self.globals = []

    def fresh(self, p):
        self.count += 1
        return '%s%d' % (p, self.count)

    def const(self, lo=-2.0, hi=2.0):
        return Num(self.rng.uniform(lo, hi))

    # -- expressions --

    def idx(self, sc, iv=None):
        r = self.rng
        if iv is None and sc.iv and r.random() < 0.8:
            iv = r.choice(sc.iv)
        if iv is None:
            return IE('const', c=r.randrange(self.nn))
        k = r.choice(['var', 'var', 'rev', 'rot', 'half'])
        return IE(k, iv, c=r.randint(1, self.nn - 1), nname=sc.nname)

    def leaf(self, sc):
        r = self.rng
        opts = [('c', 1)]
        if sc.dv:
            opts.append(('v', 5))
        if sc.arr_r:
            opts.append(('a', 4))
        if sc.iv:
            opts.append(('i', 1))
        if self.reverse and sc.arr_c:
            opts.append(('ac', 3))
        k = wchoice(r, opts)
        if k == 'v':
            return Var(r.choice(sc.dv))
        if k == 'ac':
            a = r.choice(sc.arr_c)
            return Elem(a, IE('const', c=r.randrange(self.csize[a])))
        if k == 'a':
            return Elem(r.choice(sc.arr_r), self.idx(sc))
        if k == 'i':
            return T('(0.25 * {0})', lambda fl, a: 0.25 * a, [ToD(IE('var', r.choice(sc.iv)))])
        return self.const()

    def expr(self, sc, depth):
        r = self.rng
        if depth <= 0 or r.random() < 0.15:
            return self.leaf(sc)
        opts = [('bin', 6), ('un', 5), ('bin2', 3), ('kink', 1), ('sel', 1)]
        if sc.calls and self.dfuns:
            opts.append(('call', 2))
        if sc.calls and self.recs:
            opts.append(('rec', 2))
        k = wchoice(r, opts)
        d = depth - 1
        if k == 'bin':
            return Bin(r.choice('+-*'), self.expr(sc, d), self.expr(sc, d))
        if k == 'un':
            if self.use_float and r.random() < 0.2:
                t, fn = r.choice(UNARY_FLOAT)
                self.features.add('float')
            else:
                t, fn = r.choice(UNARY)
            return T(t, fn, [self.expr(sc, d)])
        if k == 'bin2':
            if self.use_float and r.random() < 0.2:
                t, fn = r.choice(BINARY_FLOAT)
                self.features.add('float')
            else:
                t, fn = r.choice(BINARY)
            return T(t, fn, [self.expr(sc, d), self.expr(sc, d)])
        if k == 'kink':
            kind = r.choice(['fabs', 'fmax', 'fmin', 'hypot'])
            self.features.add(kind)
            n = 1 if kind == 'fabs' else 2
            return Kink(kind, [self.expr(sc, d) for _ in range(n)])
        if k == 'sel':
            self.features.add('select')
            return Select(self.expr(sc, d), r.choice('<>'), Thr(), self.expr(sc, d),
                          self.expr(sc, d))
        if k == 'call':
            return self.call_d(sc, r.choice(self.dfuns), d)
        return self.call_d(sc, r.choice(self.recs), d)

    def arr_args(self, sc, func, d):
        args = []
        for t, n in func.params:
            if t == 'double':
                args.append(self.expr(sc, d))
            elif t == 'const double *':
                args.append(ArrRef(self.rng.choice(sc.arr_r)))
            elif n == 'depth':
                k = self.rng.randint(1, 5)
                args.append(IntArg(str(k), lambda env, k=k: k))
            else:  # int m
                nn = sc.nname
                args.append(IntArg(nn, lambda env, nn=nn: env[nn]))
        return args

    def call_d(self, sc, func, d):
        self.called.add(func.name)
        return Call(func, self.arr_args(sc, func, d))

    # -- statements --

    def sum_of(self, names):
        e = None
        for n in names:
            if n in self.csize:  # reverse mode: a constant-index local array
                v = Elem(n, IE('const', c=self.rng.randrange(self.csize[n])))
            else:
                v = Var(n)
            term = Bin('*', self.const(-1.0, 1.0), v)
            e = term if e is None else Bin('+', e, term)
        return e

    def block(self, sc, n):
        out, decls = [], []
        for _ in range(n):
            out += self.stmt(sc, decls)
        if not sc.top and decls and sc.sink:
            out.append(Upd(Var(sc.sink), '{t} += {0};', lambda fl, o, a: o + a,
                           [self.sum_of(decls)]))
        return out, decls

    def ensure_sink(self, sc, out, decls):
        if sc.mut and self.rng.random() < 0.7:
            return self.rng.choice(sc.mut)
        name = self.fresh('t')
        out.append(Decl(name, self.expr(sc, 1)))
        sc.dv.append(name)
        sc.mut.append(name)
        decls.append(name)
        return name

    def stmt(self, sc, decls):
        r = self.rng
        opts = [('decl', 4)]
        if self.use_float:
            opts.append(('fdecl', 1))
        if sc.fmut:
            opts.append(('fupd', 2))
        if sc.mut:
            opts.append(('upd', 3))
        if sc.ifs < 2:
            opts.append(('if', 2))
        if sc.loops < 2:
            opts += [('for', 3), ('while', 1), ('do', 1)]
        if sc.loops == 0:
            opts.append(('arr', 2))
            if sc.top and sc.allocs:
                opts.append(('heap', 1))
            if self.vfuns and sc.calls:
                opts.append(('fill', 2))
        if sc.arr_w:
            opts.append(('wr', 2))
        if sc.loops == 0 and sc.arr_r:
            opts.append(('copy', 1))
        if sc.loops == 0 and sc.top and sc.in_f:
            opts.append(('global', 1))
        if sc.loops > 0:
            opts.append(('switch', 1))
            if sc.loopkind in ('for', 'do') or not sc.in_switch:
                opts.append(('jump', 1))
        if self.reverse:
            # nothing that writes memory other than constant-index local arrays
            opts = [o for o in opts if o[0] not in ('arr', 'heap', 'fill', 'copy', 'global', 'wr')]
            if sc.loops == 0:
                opts.append(('carr', 2))
            if sc.arr_c:
                opts.append(('cwr', 2))
        k = wchoice(r, opts)
        out = []
        if k == 'carr':
            self.features.add('const-index-array')
            name = self.fresh('a')
            inits = [self.expr(sc, r.randint(1, 2)) for _ in range(r.randint(2, 4))]
            # an all-constant initializer list is a memcpy from a global at -O0: assign those
            braces = r.random() < 0.5 and not any(isinstance(e, Num) for e in inits)
            out.append(CArrDecl(name, inits, braces))
            self.csize[name] = len(inits)
            sc.arr_c.append(name)
            decls.append(name)
        elif k == 'cwr':
            a = r.choice(sc.arr_c)
            t, fn, _ = r.choice(UPD)
            out.append(Upd(Elem(a, IE('const', c=r.randrange(self.csize[a]))), t, fn,
                           [self.expr(sc, r.randint(1, 3))]))
        if k == 'decl':
            name = self.fresh('t')
            out.append(Decl(name, self.expr(sc, r.randint(1, 3))))
            sc.dv.append(name)
            sc.mut.append(name)
            decls.append(name)
        elif k == 'fdecl':
            name = self.fresh('g')
            out.append(Decl(name, self.expr(sc, r.randint(1, 2)), flt=True))
            sc.dv.append(name)
            sc.fmut.append(name)
            decls.append(name)
            self.features.add('float')
        elif k == 'fupd':
            t, fn = r.choice(FUPD)
            out.append(Upd(Var(r.choice(sc.fmut)), t, fn, [self.expr(sc, r.randint(1, 2))]))
        elif k == 'upd':
            t, fn, _ = r.choice(UPD)
            out.append(Upd(Var(r.choice(sc.mut)), t, fn, [self.expr(sc, r.randint(1, 3))]))
        elif k == 'if':
            self.features.add('if')
            sink = self.ensure_sink(sc, out, decls)
            c = sc.child()
            c.ifs += 1
            c.sink = sink
            then, _ = self.block(c, r.randint(1, 3))
            els = []
            if r.random() < 0.6:
                c = sc.child()
                c.ifs += 1
                c.sink = sink
                els, _ = self.block(c, r.randint(1, 2))
            out.append(If(self.expr(sc, r.randint(0, 2)), r.choice('<>'), Thr(), then, els))
        elif k in ('for', 'while', 'do'):
            self.features.add(k)
            acc = self.fresh('t')
            out.append(Decl(acc, self.const(-1.0, 1.0)))
            c = sc.child()
            c.loops += 1
            c.loopkind = k
            c.in_switch = False
            c.sink = acc
            c.mut.append(acc)
            c.dv.append(acc)
            iv = self.fresh('i')
            c.iv.append(iv)
            bound = sc.nname
            step = 1
            if k == 'while' and r.random() < 0.4:
                step = 2
            if sc.loops > 0 and r.random() < 0.5:
                bound = '3'
            body, _ = self.block(c, r.randint(1, 3))
            body.append(Upd(Var(acc), '{t} += {0};', lambda fl, o, a: o + a,
                            [self.expr(c, r.randint(1, 3))]))
            out.append(Loop(k, iv, bound, step, body))
            sc.dv.append(acc)
            sc.mut.append(acc)
            decls.append(acc)
        elif k == 'arr':
            self.features.add('local-array')
            name = self.fresh('a')
            out.append(ArrDecl(name, 'stack'))
            out.append(self.fill_loop(sc, name))
            self.arr_ready(sc, name)
        elif k == 'heap':
            how = r.choice(['malloc', 'malloc', 'calloc'])
            self.features.add(how)
            name = self.fresh('b')
            out.append(ArrDecl(name, how))
            if how == 'malloc' or r.random() < 0.5:
                out.append(self.fill_loop(sc, name, accumulate=(how == 'calloc')))
            self.arr_ready(sc, name)
            self.frees.append(name)
        elif k == 'fill':
            f = r.choice(self.vfuns)
            self.called.add(f.name)
            dst = None
            if 'w' in sc.arr_w and r.random() < 0.4:
                dst = 'w'
            srcs = [a for a in sc.arr_r if a != dst]
            if dst is None:
                dst = self.fresh('a')
                out.append(ArrDecl(dst, 'stack'))
            args = []
            for t, n in f.params:
                if t == 'double *':
                    args.append(ArrRef(dst))
                elif t == 'const double *':
                    args.append(ArrRef(r.choice(srcs)) if srcs else None)
                elif t == 'int':
                    args.append(IntArg(sc.nname, lambda env, nn=sc.nname: env[nn]))
                else:
                    args.append(self.expr(sc, r.randint(1, 2)))
            if None in args:  # no source array to pass: fill a local one first
                src = self.fresh('a')
                out.append(ArrDecl(src, 'stack'))
                out.append(self.fill_loop(sc, src))
                self.arr_ready(sc, src)
                args = [ArrRef(src) if a is None else a for a in args]
            out.append(CallStmt(Call(f, args)))
            if dst != 'w':
                self.arr_ready(sc, dst)
        elif k == 'copy':
            name = self.fresh('a')
            out.append(ArrDecl(name, 'stack'))
            if r.random() < 0.6:
                self.features.add('memcpy')
                out.append(Copy(name, r.choice(sc.arr_r)))
            else:
                self.features.add('memset')
                out.append(Copy(name, None))
                out.append(self.fill_loop(sc, name, accumulate=True))
            self.arr_ready(sc, name)
        elif k == 'global':
            self.features.add('global-array')
            name = self.fresh('gw')
            self.globals.append(name)
            out.append(self.fill_loop(sc, name))
            self.arr_ready(sc, name)
        elif k == 'switch':
            self.features.add('switch')
            sink = self.ensure_sink(sc, out, decls)
            cases = []
            for _ in range(r.randint(2, 3)):
                c = sc.child()
                c.in_switch = True
                c.sink = sink
                cases.append(self.block(c, r.randint(0, 2))[0])
            out.append(Switch(sc.iv[-1], cases))
        elif k == 'jump':
            if sc.loopkind == 'while' or (sc.in_switch and r.random() < 0.5):
                what = 'continue' if sc.loopkind != 'while' else 'break'
            else:
                what = r.choice(['continue', 'break'])
            if sc.in_switch:
                what = 'continue'
            self.features.add(what)
            out.append(Jump(sc.iv[-1], r.randrange(3), what))
        elif k == 'wr':
            a = r.choice(sc.arr_w)
            if sc.iv:
                ie = self.idx(sc, r.choice(sc.iv)) if a in sc.rw else IE('var', sc.iv[-1])
            else:
                ie = IE('const', c=r.randrange(self.nn))
            ups = [u for u in UPD if a in sc.rw or not u[2]]
            t, fn, _ = r.choice(ups)
            out.append(Upd(Elem(a, ie), t, fn, [self.expr(sc, r.randint(1, 3))]))
        return out

    def arr_ready(self, sc, name):
        sc.arr_r.append(name)
        sc.arr_w.append(name)
        sc.rw.add(name)

    def fill_loop(self, sc, name, accumulate=False):
        """for (i < n) name[perm(i)] = e(i); writes every element."""
        r = self.rng
        c = sc.child()
        c.loops += 1
        iv = self.fresh('i')
        c.iv.append(iv)
        k = r.choice(['var', 'var', 'rev', 'rot'])
        ie = IE(k, iv, c=r.randint(1, self.nn - 1), nname=sc.nname)
        body = []
        if r.random() < 0.3:
            t = self.fresh('t')
            body.append(Decl(t, self.expr(c, 2)))
            c.dv.append(t)
        if accumulate:
            body.append(Upd(Elem(name, ie), '{t} += {0};', lambda fl, o, a: o + a,
                            [self.expr(c, r.randint(1, 3))]))
        else:
            body.append(Upd(Elem(name, ie), '{t} = {0};', lambda fl, o, a: a,
                            [self.expr(c, r.randint(1, 3))]))
        return Loop('for', iv, sc.nname, 1, body)

    # -- functions --

    def base_scope(self, func, arrays):
        sc = Scope()
        for t, n in func.params:
            if t == 'double':
                sc.dv.append(n)
            elif t == 'const double *':
                sc.arr_r.append(n)
            elif t == 'double *':
                sc.arr_w.append(n)
            elif n in ('n', 'm'):
                sc.nname = n
        if not any(n in ('n', 'm') for _, n in func.params):
            sc.nname = 'NN'
        sc.arr_r += list(self.ctables)
        return sc

    def gen_helpers(self, arrays):
        r = self.rng
        nd = r.choice([0, 0, 1, 1, 2]) if self.kind != 'helper' else r.randint(1, 2)
        nv = (1 if r.random() < 0.3 else 0) if self.kind != 'helper' else r.randint(0, 1)
        nr = 1 if (self.kind == 'recursion' or r.random() < 0.15) else 0
        if self.reverse:  # no fill helpers (they write memory), no recursion
            nv = nr = 0
        for _ in range(nd):
            self.features.add('helper')
            name = self.fresh('h')
            params = ([('double', 'u'), ('const double *', 'p'), ('int', 'm')] if arrays
                      else [('double', 'u'), ('double', 'v')])
            f = Func(name, 'double', params)
            sc = self.base_scope(f, arrays)
            sc.calls = False
            sc.allocs = True
            self.frees = []
            body, decls = self.block(sc, r.randint(1, 4))
            e = self.expr(sc, 2)
            if decls:
                e = Bin('+', e, self.sum_of(decls))
            f.body = body + [Decl('result', e)] + [Free(b) for b in self.frees] + [
                Return(Var('result'))]
            self.funcs.append(f)
            self.dfuns.append(f)
        for _ in range(nv):
            self.features.add('fill-helper')
            name = self.fresh('fill')
            params = ([('double *', 'out'), ('const double *', 'p'), ('int', 'm'),
                       ('double', 'u')] if arrays else [('double *', 'out'), ('double', 'u')])
            f = Func(name, 'void', params)
            sc = self.base_scope(f, arrays)
            sc.arr_w = []
            sc.calls = False
            sc.allocs = False
            body, _ = self.block(sc, r.randint(0, 2))
            body.append(self.fill_loop(sc, 'out'))
            f.body = body
            self.funcs.append(f)
            self.vfuns.append(f)
        for _ in range(nr):
            self.features.add('recursion')
            name = self.fresh('rec')
            params = ([('double', 'v'), ('const double *', 'p'), ('int', 'm'), ('int', 'depth')]
                      if arrays else [('double', 'v'), ('double', 'u'), ('int', 'depth')])
            f = Func(name, 'double', params)
            sc = self.base_scope(f, arrays)
            sc.calls = False
            sc.allocs = False
            sc.iv = []
            body = [IntIf('depth', self.expr(sc, 2))]
            if arrays:
                sc.dv.append('pd')
                body.append(Decl('pd', Elem('p', IE('mod', 'depth', nname='m'))))
            more, decls = self.block(sc, r.randint(0, 2))
            body += more
            nxt = self.fresh('t')
            body.append(Decl(nxt, self.expr(sc, 2)))

            def rec_args(vexpr, dec):
                a = [vexpr]
                for t, n in params[1:]:
                    if t == 'double':
                        a.append(self.expr(sc, 1))
                    elif t == 'const double *':
                        a.append(ArrRef('p'))
                    elif n == 'm':
                        a.append(IntArg('m', lambda env: env['m']))
                    else:
                        a.append(IntArg('depth - %d' % dec, lambda env, d=dec: env['depth'] - d))
                return a
            e = Bin('*', self.const(0.3, 0.8), Call(f, rec_args(Var(nxt), 1)))
            if r.random() < 0.35:
                self.features.add('tree-recursion')
                e = Bin('+', e, Bin('*', self.const(0.2, 0.5),
                                    Call(f, rec_args(self.expr(sc, 1), 2))))
            e = Bin('+', e, self.expr(sc, 1))
            if decls:
                e = Bin('+', e, self.sum_of(decls))
            body.append(Return(e))
            f.body = body
            self.funcs.append(f)
            self.recs.append(f)

    def generate(self):
        if self.reverse:
            return self.generate_reverse()
        r = self.rng
        kinds = ['scalars', 'arrays', 'output', 'helper', 'recursion']
        self.kind = kinds[self.seed % len(kinds)]
        if self.kind == 'scalars':
            self.layout = 'scalars'
        elif self.kind == 'arrays':
            self.layout = 'arrays'
        elif self.kind == 'output':
            self.layout = 'output'
        else:
            self.layout = r.choice(['arrays', 'output', 'scalars'])
        arrays = self.layout != 'scalars'
        self.gen_helpers(arrays)
        if self.layout == 'scalars':
            params = [('double', nm) for nm in 'abcd'[:r.randint(2, 4)]]
        elif self.layout == 'arrays':
            params = [('const double *', 'x'), ('int', 'n'), ('double', 's')]
        else:
            params = [('const double *', 'x'), ('double *', 'w'), ('int', 'n'), ('double', 's')]
        ret = 'void' if (self.layout == 'output' and r.random() < 0.3) else 'double'
        self.wmode = None
        f = Func('f', ret, params)
        sc = self.base_scope(f, arrays)
        sc.in_f = True
        if self.layout == 'output':
            self.wmode = 'inout' if r.random() < 0.7 else 'out'
            if self.wmode == 'inout':
                sc.arr_r.append('w')
                sc.rw.add('w')
        self.frees = []
        body, decls = self.block(sc, r.randint(4, 9))
        # every helper is called at least once
        for g in self.dfuns + self.recs:
            if g.name not in self.called:
                t = self.fresh('t')
                body.append(Decl(t, self.call_d(sc, g, 1)))
                sc.dv.append(t)
                decls.append(t)
        for g in self.vfuns:
            if g.name not in self.called:
                body += self.stmt_fill(sc, g)
        if self.sabotage_compile:
            t = self.fresh('t')
            body.append(Decl(t, Undefined(self.expr(sc, 1))))
            decls.append(t)
        total = self.final_sum(sc, decls)
        if self.layout == 'output':  # w is always written (also when f is void)
            c = sc.child()
            c.loops += 1
            iv = self.fresh('i')
            c.iv.append(iv)
            tmpl, fn = (('{t} += {0};', lambda fl, o, a: o + a) if self.wmode == 'inout'
                        else ('{t} = {0};', lambda fl, o, a: a))
            e = Bin('+', self.expr(c, 2), Bin('*', self.const(0.1, 0.5), total))
            body.append(Loop('for', iv, sc.nname, 1, [Upd(Elem('w', IE('var', iv)), tmpl, fn, [e])]))
            total = self.expr(sc, 1)
        if ret == 'double':
            body.append(Decl('result', total))
        body += [Free(b) for b in self.frees]
        if ret == 'double':
            body.append(Return(Var('result')))
        f.body = body
        self.f = f
        self.funcs.append(f)

    def final_sum(self, sc, decls):
        """An expression over everything f declared (so none of it is dead)."""
        r = self.rng
        names = decls + [a for a in sc.arr_r if a not in ('x', 'w') and a[0] in 'ab']
        total = self.expr(sc, 2)
        for nme in names:
            if nme in self.csize:
                term = Elem(nme, IE('const', c=r.randrange(self.csize[nme])))
            elif nme[0] in 'tg':
                term = Var(nme)
            else:
                term = Elem(nme, IE('const', c=r.randrange(self.nn)))
            total = Bin('+', total, Bin('*', self.const(-1.0, 1.0), term))
        return total

    def generate_reverse(self):
        """f returns a double computed from scalars and read-only arrays: x (an input),
        static const tables; locals are scalars and constant-index arrays."""
        r = self.rng
        kinds = ['scalars', 'arrays', 'helper']
        self.kind = kinds[self.seed % len(kinds)]
        if self.kind == 'helper':
            self.layout = r.choice(['arrays', 'scalars'])
        else:
            self.layout = self.kind
        arrays = self.layout != 'scalars'
        if r.random() < 0.4:
            self.features.add('const-table')
            self.ctables[self.fresh('K')] = [cnum(r.uniform(-1.5, 1.5))[1] for _ in range(self.nn)]
        self.gen_helpers(arrays)
        if self.layout == 'scalars':
            params = [('double', nm) for nm in 'abcd'[:r.randint(2, 4)]]
        else:
            scal = [('double', 's')] + ([('double', 'u')] if r.random() < 0.5 else [])
            arr = [('const double *', 'x'), ('int', 'n')]
            params = arr + scal if r.random() < 0.7 else scal[:1] + arr + scal[1:]
        self.wmode = None
        f = Func('f', 'double', params)
        sc = self.base_scope(f, arrays)
        sc.in_f = True
        body, decls = self.block(sc, r.randint(4, 9))
        for g in self.dfuns:  # every helper is called at least once
            if g.name not in self.called:
                t = self.fresh('t')
                body.append(Decl(t, self.call_d(sc, g, 1)))
                sc.dv.append(t)
                decls.append(t)
        if self.sabotage_compile:
            t = self.fresh('t')
            body.append(Decl(t, Undefined(self.expr(sc, 1))))
            decls.append(t)
        body += [Decl('result', self.final_sum(sc, decls)), Return(Var('result'))]
        f.body = body
        self.f = f
        self.funcs.append(f)

    def stmt_fill(self, sc, g):
        self.called.add(g.name)
        dst = self.fresh('a')
        out = [ArrDecl(dst, 'stack')]
        args = []
        for t, n in g.params:
            if t == 'double *':
                args.append(ArrRef(dst))
            elif t == 'const double *':
                args.append(ArrRef(self.rng.choice(sc.arr_r)))
            elif t == 'int':
                args.append(IntArg(sc.nname, lambda env, nn=sc.nname: env[nn]))
            else:
                args.append(self.expr(sc, 1))
        out.append(CallStmt(Call(g, args)))
        self.arr_ready(sc, dst)
        return out

    # -- inputs, interpretation, checks --

    def draw_inputs(self):
        """Values, directions and markers. At least one input that f reads is active."""
        r = self.rng
        self.inputs = []  # (name, kind, value(s), direction(s), marker)
        scalars = [n for t, n in self.f.params if t == 'double']
        if self.layout == 'scalars':
            consts = set(r.sample(scalars, r.randint(0, len(scalars) - 1)))
        else:
            consts = set(r.choice([[], [], [], ['s'], ['x']]))
        for t, n in self.f.params:
            if t == 'int':
                self.inputs.append((n, 'int', None, None, r.choice(['', 'enzyme_const'])))
            elif t == 'double':
                v = cnum(r.uniform(-1.5, 1.5), 3)[1]
                const = n in consts
                d = 0.0 if const else cnum(r.uniform(-1.0, 1.0), 3)[1]
                marker = 'enzyme_const' if const else r.choice(['', 'enzyme_dup'])
                self.inputs.append((n, 'double', v, d, marker))
            else:
                v = [cnum(r.uniform(-1.5, 1.5), 3)[1] for _ in range(self.nn)]
                const = n in consts
                d = ([0.0] * self.nn if const else
                     [cnum(r.uniform(-1.0, 1.0), 3)[1] for _ in range(self.nn)])
                if const:
                    marker = 'enzyme_const'
                elif n == 'w' and self.wmode == 'out' and r.random() < 0.5:
                    marker = 'enzyme_dupnoneed'
                else:
                    marker = r.choice(['', 'enzyme_dup'])
                self.inputs.append((n, 'array', v, d, marker))

    def run(self, t, fl, base, rng):
        cx = Ctx(fl, base, rng)
        cx.nn = self.nn
        cx.globals = {g: [None] * self.nn for g in self.globals}
        args, w = [], None
        for n, kind, v, d, _ in self.inputs:
            if kind == 'int':
                args.append(self.nn)
            elif kind == 'double':
                args.append(v + t * d if t >= 0 else v - (-t) * d)
            else:
                a = [vi + t * di if t >= 0 else vi - (-t) * di for vi, di in zip(v, d)]
                args.append(a)
                if n == 'w':
                    w = a
        ret = self.f.call(args, cx)
        outs = ([ret] if ret is not None else []) + (list(w) if w is not None else [])
        return outs, cx.trace

    def check(self, trng):
        fl = f32 if 'float' in self.features else ident
        base, trace = self.run(0.0, fl, True, trng)
        self.expected = base[0] if self.f.ret == 'double' else None
        self.expected_w = base[-self.nn:] if any(n == 'w' for _, n in self.f.params) else None
        versions = [fl] if fl is ident else [fl, ident]
        runs = {}
        for vfl in versions:
            for t in (H, -H, 1e-3, -1e-3, 5e-4, -5e-4, 0.0):
                o, tr = self.run(t, vfl, False, trng)
                if tr != trace:
                    raise Reject('a decision changes near the input')
                runs[(vfl is ident, t)] = o
        tol = TOL_FLOAT if fl is not ident else TOL
        for k in range(len(base)):
            g = lambda t: runs[(True, t)][k]
            d1 = (g(H) - g(-H)) / (2 * H)
            da = (g(1e-3) - g(-1e-3)) / 2e-3
            db = (g(5e-4) - g(-5e-4)) / 1e-3
            rich = (4 * db - da) / 3
            if abs(rich) > 1e3:
                raise Reject('derivative too large')
            if abs(d1 - rich) > 0.1 * tol * max(1.0, abs(rich)):
                raise Reject('finite difference unreliable')
            if abs(da - db) > 1e-2 * max(1.0, abs(rich)):
                raise Reject('too curved')
        self.tol = tol
        self.has_float = fl is not ident

    # -- printing --

    def emit(self, path):
        em, er = Emit(False), Emit(True)
        L = ['// Generated by test/fuzz/gen_programs.py --seeds %d (kind %s, layout %s).'
             % (self.seed, self.kind, self.layout),
             '// Features: %s.' % ', '.join(sorted(self.features)),
             '// Reproduce: python3 test/fuzz/gen_programs.py --out DIR --seeds %d, then compile'
             % self.seed,
             '// with build/bin/adjoint-cc -Itest/integration/include -O0|-O2 FILE -lm and run it.',
             '#include "adjoint_test.h"',
             '#include <stdlib.h>',
             '#include <string.h>',
             '',
             'int fuzz_guard; /* never set: the checks it guards are exits that never return */',
             '#define NN %d' % self.nn,
             '#define SEED %d' % self.seed]
        for g in self.globals:
            L.append('static double %s[NN]; /* workspace written before it is read */' % g)
        if self.sabotage_compile:
            L.append('double adj_fuzz_undefined(double);')
        L.append('')
        for fn in self.funcs:
            L += fn.emit(em)
            L.append('')
        if self.has_float:
            for fn in self.funcs:
                L += fn.emit(er)
                L.append('')
        ref = 'f_ref' if self.has_float else 'f'
        L += ['int main(void) {', '  const double h = %g;' % H]

        def arr(v):
            return '{' + ', '.join(repr(x) for x in v) + '}'
        for n, kind, v, d, _ in self.inputs:
            if kind == 'double':
                L.append('  const double %s0 = %r, d%s0 = %r;' % (n, v, n, d))
            elif kind == 'array':
                L.append('  const double %s0[NN] = %s;' % (n, arr(v)))
                L.append('  const double d%s0[NN] = %s;' % (n, arr(d)))
        arrays = [n for n, kind, _, _, _ in self.inputs if kind == 'array']
        for n in arrays:
            L.append('  double %s[NN], d%s[NN], %sv[NN], %sp[NN], %sm[NN];' % ((n,) * 5))
        L.append('  for (int i = 0; i < NN; ++i) {')
        for n in arrays:
            L.append('    %s[i] = %s0[i], d%s[i] = d%s0[i];' % (n, n, n, n))
            L.append('    %sv[i] = %s0[i];' % (n, n))
            L.append('    %sp[i] = %s0[i] + h * d%s0[i], %sm[i] = %s0[i] - h * d%s0[i];'
                     % (n, n, n, n, n, n))
        L.append('  }')

        def call_args(suf):
            a = []
            for n, kind, _, _, _ in self.inputs:
                if kind == 'int':
                    a.append('NN')
                elif kind == 'double':
                    a.append({'': '%s0' % n, 'v': '%s0' % n, 'p': '%s0 + h * d%s0' % (n, n),
                              'm': '%s0 - h * d%s0' % (n, n)}[suf])
                else:
                    a.append(n + suf)
            return ', '.join(a)
        ad = []
        for n, kind, _, _, marker in self.inputs:
            if marker:
                ad.append(marker)
            if kind == 'int':
                ad.append('NN')
            elif kind == 'double':
                ad.append('%s0' % n)
                if marker != 'enzyme_const':
                    ad.append('d%s0' % n)
            else:
                ad.append(n)
                if marker != 'enzyme_const':
                    ad.append('d' + n)
        isret = self.f.ret == 'double'
        L.append('  /* primal, checked against the generator\'s interpreter */')
        L.append('  %sf(%s);' % ('double v = ' if isret else '', call_args('v')))
        tolp = 1e-5 if self.has_float else 1e-9
        if isret:
            L.append('  EXPECT_NEAR(v, %r, %g);' % (self.expected, tolp))
        if self.expected_w is not None:
            L.append('  {')
            L.append('    static const double want[NN] = %s;' % arr(self.expected_w))
            L.append('    for (int i = 0; i < NN; ++i)')
            L.append('      EXPECT_NEAR(wv[i], want[i], %g);' % tolp)
            L.append('  }')
        L.append('  /* central difference along the direction */')
        L.append('  %s%s(%s);' % ('double vp = ' if isret else '', ref, call_args('p')))
        L.append('  %s%s(%s);' % ('double vm = ' if isret else '', ref, call_args('m')))
        L.append('#ifndef PRIMAL_ONLY')
        L.append('  %s__enzyme_fwddiff((void *)f, %s);' % ('double d = ' if isret else '',
                                                         ', '.join(ad)))
        bump = ' + 0.01 * (1.0 + fabs(fd))' if self.sabotage else ''
        if isret:
            L.append('  { double fd = (vp - vm) / (2 * h); EXPECT_NEAR(d, fd%s, %g); }'
                     % (bump, self.tol))
        L.append('#ifdef FUZZ_VERBOSE')
        if isret:
            L.append('  printf("d = %.17g, fd = %.17g\\n", d, (vp - vm) / (2 * h));')
        if 'w' in arrays:
            L.append('  for (int i = 0; i < NN; ++i)')
            L.append('    printf("dw[%d] = %.17g, fd = %.17g\\n", i, dw[i], (wp[i] - wm[i]) / (2 * h));')
        L.append('#endif')
        L.append('  for (int i = 0; i < NN; ++i) {')
        for n, kind, v, d, marker in self.inputs:
            if kind != 'array':
                continue
            if n == 'w':
                L.append('    double fd = (wp[i] - wm[i]) / (2 * h);')
                L.append('    EXPECT_NEAR(dw[i], fd%s, %g);' % (bump if not isret else '', self.tol))
                if marker != 'enzyme_dupnoneed':
                    L.append('    EXPECT_NEAR(w[i], wv[i], 1e-12);')
            else:  # inputs are left alone, and so are their shadows
                L.append('    EXPECT_NEAR(%s[i], %s0[i], 0.0);' % (n, n))
                L.append('    EXPECT_NEAR(d%s[i], d%s0[i], 0.0);' % (n, n))
        L.append('  }')
        if isret:
            L.append('#else')
            L.append('  (void)vp;')
            L.append('  (void)vm;')
        L.append('#endif')
        L.append('  if (adj_failures)')
        L.append('    fprintf(stderr, "fuzz: seed %d failed: %s\\n", SEED, __FILE__);')
        L.append('  return adj_report();')
        L.append('}')
        with open(path, 'w') as fh:
            fh.write('\n'.join(L) + '\n')


# ----------------------------------------------------------------------------
# Reverse mode (--mode reverse)


class ReverseProgram(Program):
    """f returns a double computed from scalars and read-only arrays (reverse mode does not
    support writing memory yet). The program calls __enzyme_autodiff once, checks each
    gradient component against a central difference in that input, and checks one random
    direction v with __enzyme_fwddiff against <gradient, v> (the dot-product test)."""

    def __init__(self, seed, rng, sabotage=False, sabotage_compile=False):
        Program.__init__(self, seed, rng, sabotage, sabotage_compile, reverse=True)

    def draw_inputs(self):
        """Values, markers (reverse and forward call), directions of the dot-product test and
        the initial contents of the shadows. At least one input is active."""
        r = self.rng
        self.inputs = []  # (name, kind, value(s), direction(s), marker)
        self.fwd_marker = {}
        self.ginit = {}
        scalars = [n for t, n in self.f.params if t == 'double']
        if self.layout == 'scalars':
            consts = set(r.sample(scalars, r.randint(0, len(scalars) - 1)))
        else:
            consts = set(r.choice([[], [], [], ['s'], ['x']]))
            if 'u' in scalars and r.random() < 0.3:
                consts.add('u')
        for t, n in self.f.params:
            if t == 'int':
                m = r.choice(['', 'enzyme_const'])
                self.inputs.append((n, 'int', None, None, m))
                self.fwd_marker[n] = r.choice(['', 'enzyme_const'])
            elif t == 'double':
                v = cnum(r.uniform(-1.5, 1.5), 3)[1]
                const = n in consts
                d = 0.0 if const else cnum(r.uniform(-1.0, 1.0), 3)[1]
                self.inputs.append((n, 'double', v, d, 'enzyme_const' if const else
                                    r.choice(['', 'enzyme_out'])))
                self.fwd_marker[n] = 'enzyme_const' if const else r.choice(['', 'enzyme_dup'])
            else:
                v = [cnum(r.uniform(-1.5, 1.5), 3)[1] for _ in range(self.nn)]
                const = n in consts
                d = ([0.0] * self.nn if const else
                     [cnum(r.uniform(-1.0, 1.0), 3)[1] for _ in range(self.nn)])
                self.inputs.append((n, 'array', v, d, 'enzyme_const' if const else
                                    r.choice(['', 'enzyme_dup'])))
                self.fwd_marker[n] = 'enzyme_const' if const else r.choice(['', 'enzyme_dup'])
                # reverse mode adds into the shadow: start from zero or from other values
                self.ginit[n] = ([0.0] * self.nn if r.random() < 0.5 else
                                 [cnum(r.uniform(-2.0, 2.0), 2)[1] for _ in range(self.nn)])
        # how the gradient comes back: a struct of an array or of named fields; nothing
        # (no active scalar) through a void or through the header's double prototype
        self.gstyle = r.choice(['array', 'fields'])
        self.primal_return = False  # set in emit() for 'fields' gradients of even seeds
        self.vstyle = r.choice(['void', 'double'])

    def active(self):
        """Active scalars (returned) and active arrays (through their shadows)."""
        sc = [n for n, kind, _, _, m in self.inputs if kind == 'double' and m != 'enzyme_const']
        ar = [n for n, kind, _, _, m in self.inputs if kind == 'array' and m != 'enzyme_const']
        return sc, ar

    def run_rev(self, t, fl, base, rng, comp):
        """f at the input, component comp = (name, index or None) moved by t."""
        cx = Ctx(fl, base, rng)
        cx.nn = self.nn
        cx.globals = {g: list(v) for g, v in self.ctables.items()}
        args = []
        for n, kind, v, _, _ in self.inputs:
            if kind == 'int':
                args.append(self.nn)
                continue
            a = [v] if kind == 'double' else list(v)
            if comp is not None and comp[0] == n:
                k = comp[1] or 0
                a[k] = a[k] + t if t >= 0 else a[k] - (-t)
            args.append(a[0] if kind == 'double' else a)
        return self.f.call(args, cx), cx.trace

    def check(self, trng):
        fl = f32 if 'float' in self.features else ident
        self.expected, trace = self.run_rev(0.0, fl, True, trng, None)
        versions = [fl] if fl is ident else [fl, ident]
        if fl is not ident and self.run_rev(0.0, ident, False, trng, None)[1] != trace:
            raise Reject('a decision changes near the input')
        sc, ar = self.active()
        comps = [(n, None) for n in sc] + [(n, i) for n in ar for i in range(self.nn)]
        tol = TOL_FLOAT if fl is not ident else TOL
        for comp in comps:
            runs = {}
            for vfl in versions:
                for t in (H, -H, 1e-3, -1e-3, 5e-4, -5e-4):
                    o, tr = self.run_rev(t, vfl, False, trng, comp)
                    if tr != trace:
                        raise Reject('a decision changes near the input')
                    runs[(vfl is ident, t)] = o
            g = lambda t: runs[(True, t)]
            d1 = (g(H) - g(-H)) / (2 * H)
            da = (g(1e-3) - g(-1e-3)) / 2e-3
            db = (g(5e-4) - g(-5e-4)) / 1e-3
            rich = (4 * db - da) / 3
            if abs(rich) > 1e3:
                raise Reject('derivative too large')
            if abs(d1 - rich) > 0.1 * tol * max(1.0, abs(rich)):
                raise Reject('finite difference unreliable')
            if abs(da - db) > 1e-2 * max(1.0, abs(rich)):
                raise Reject('too curved')
        self.tol = tol
        self.has_float = fl is not ident

    def emit(self, path):
        em, er = Emit(False), Emit(True)
        sc, ar = self.active()
        L = ['// Generated by test/fuzz/gen_programs.py --mode reverse --seeds %d (kind %s, '
             'layout %s).' % (self.seed, self.kind, self.layout),
             '// Features: %s.' % ', '.join(sorted(self.features)),
             '// Reproduce: python3 test/fuzz/gen_programs.py --mode reverse --out DIR --seeds %d,'
             % self.seed,
             '// then compile with build/bin/adjoint-cc -Itest/integration/include -O0|-O2 FILE -lm'
             ' and run it.',
             '#include "adjoint_test.h"',
             '#include <stdlib.h>',
             '',
             'int fuzz_guard; /* never set: the checks it guards are exits that never return */',
             '#define NN %d' % self.nn,
             '#define SEED %d' % self.seed]

        def arr(v):
            return '{' + ', '.join(repr(x) for x in v) + '}'
        for g, v in self.ctables.items():
            L.append('static const double %s[NN] = %s;' % (g, arr(v)))
        # the gradient of the active scalars: one double, or a struct in argument order
        if len(sc) >= 2:
            k = len(sc)
            if self.gstyle == 'array':
                L.append('typedef struct { double d[%d]; } G%d;' % (k, k))
                comp = {n: 'gr.d[%d]' % j for j, n in enumerate(sc)}
            else:
                # Every other seed asks for f's own result first too
                # (enzyme_primal_return); no draw, so the random stream is unchanged.
                self.primal_return = self.seed % 2 == 0
                fields = (['y'] if self.primal_return else []) + ['d_' + n for n in sc]
                L.append('typedef struct { double %s; } G%d;' % (', '.join(fields), k))
                comp = {n: 'gr.d_' + n for n in sc}
            L.append('G%d __enzyme_autodiff_g%d(void *, ...);' % (k, k))
            callee, lhs = '__enzyme_autodiff_g%d' % k, 'G%d gr = ' % k
        elif sc:
            comp = {sc[0]: 'gr'}
            callee, lhs = '__enzyme_autodiff', 'double gr = '
        elif self.vstyle == 'void':
            comp = {}
            L.append('void __enzyme_autodiff_void(void *, ...);')
            callee, lhs = '__enzyme_autodiff_void', ''
        else:
            comp = {}
            callee, lhs = '__enzyme_autodiff', '(void)'
        if self.sabotage_compile:
            L.append('double adj_fuzz_undefined(double);')
        L.append('')
        for fn in self.funcs:
            L += fn.emit(em)
            L.append('')
        if self.has_float:
            for fn in self.funcs:
                L += fn.emit(er)
                L.append('')
        ref = 'f_ref' if self.has_float else 'f'
        L += ['int main(void) {', '  const double h = %g;' % H]
        L.append('  /* inputs; d*: the direction of the dot-product test; g*0: where the shadows'
                 ' start */')
        for n, kind, v, d, _ in self.inputs:
            if kind == 'double':
                L.append('  const double %s0 = %r, d%s0 = %r;' % (n, v, n, d))
            elif kind == 'array':
                L.append('  const double %s0[NN] = %s;' % (n, arr(v)))
                L.append('  const double d%s0[NN] = %s;' % (n, arr(d)))
                if n in ar:
                    L.append('  const double g%s0[NN] = %s;' % (n, arr(self.ginit[n])))
        arrays = [n for n, kind, _, _, _ in self.inputs if kind == 'array']
        for n in arrays:
            L.append('  double %s[NN], %sv[NN], %sp[NN], %sm[NN], d%s[NN];' % ((n,) * 5))
            if n in ar:
                L.append('  double g%s[NN], fd_%s[NN];' % (n, n))
        L.append('  for (int i = 0; i < NN; ++i) {')
        for n in arrays:
            L.append('    %s[i] = %s0[i], %sv[i] = %s0[i], d%s[i] = d%s0[i];' % ((n,) * 6))
            if n in ar:
                L.append('    g%s[i] = g%s0[i];' % (n, n))
        L.append('  }')

        def call_args(moved=None, suf=''):
            """the arguments of f; scalar `moved` is given as its expression suf"""
            a = []
            for n, kind, _, _, _ in self.inputs:
                if kind == 'int':
                    a.append('NN')
                elif kind == 'double':
                    a.append('%s0%s' % (n, suf if n == moved else ''))
                else:
                    a.append(n + (suf if n == moved else 'v'))
            return ', '.join(a)
        L.append('  /* primal, checked against the generator\'s interpreter */')
        L.append('  double v = f(%s);' % call_args())
        tolp = 1e-5 if self.has_float else 1e-9
        L.append('  EXPECT_NEAR(v, %r, %g);' % (self.expected, tolp))
        if self.has_float:
            # Rounding to float can move f across a branch of f_ref (a comparison near
            # its threshold), or cancel digits that f_ref keeps; then f_ref's differences
            # are not f's derivative. A gradient that disagrees with them is checked
            # against differences of f itself instead (step HF, large for float's
            # precision, so with a looser tolerance); a wrong one agrees with neither.
            L.append('  /* f_ref follows f\'s branches here when their values agree */')
            L.append('  const int ref_ok = fabs(f_ref(%s) - v) <= 1e-5 * (1.0 + fabs(v));'
                     % call_args())
            L.append('  const double HF = 1e-3;')
            L.append('#define FUZZ_REF(ad, fd, tol) \\')
            L.append('  (ref_ok && fabs((ad) - (fd)) <= (tol) * (fabs(fd) > 1.0 ? fabs(fd) : 1.0))')
        L.append('  /* central differences, one per active input%s */'
                 % (' (of the all-double copy f_ref)' if self.has_float else ''))
        for n in sc:
            L.append('  double fd_%s = (%s(%s) - %s(%s)) / (2 * h);'
                     % (n, ref, call_args(n, ' + h'), ref, call_args(n, ' - h')))
            if self.has_float:
                L.append('  double fdf_%s = (f(%s) - f(%s)) / (2 * HF);'
                         % (n, call_args(n, ' + HF'), call_args(n, ' - HF')))
        for n in ar:
            if self.has_float:
                L.append('  double fdf_%s[NN];' % n)
            L.append('  for (int k = 0; k < NN; ++k) {')
            L.append('    for (int i = 0; i < NN; ++i)')
            L.append('      %sp[i] = %s0[i], %sm[i] = %s0[i];' % ((n,) * 4))
            L.append('    %sp[k] = %s0[k] + h, %sm[k] = %s0[k] - h;' % ((n,) * 4))
            L.append('    fd_%s[k] = (%s(%s) - %s(%s)) / (2 * h);'
                     % (n, ref, call_args(n, 'p'), ref, call_args(n, 'm')))
            if self.has_float:
                L.append('    %sp[k] = %s0[k] + HF, %sm[k] = %s0[k] - HF;' % ((n,) * 4))
                L.append('    fdf_%s[k] = (f(%s) - f(%s)) / (2 * HF);'
                         % (n, call_args(n, 'p'), call_args(n, 'm')))
            L.append('  }')
        L.append('#ifndef PRIMAL_ONLY')
        rv, fw = [], []
        for n, kind, _, _, marker in self.inputs:
            fm = self.fwd_marker[n]
            if marker:
                rv.append(marker)
            if fm:
                fw.append(fm)
            if kind == 'int':
                rv.append('NN')
                fw.append('NN')
            elif kind == 'double':
                rv.append('%s0' % n)
                fw.append('%s0' % n)
                if fm != 'enzyme_const':
                    fw.append('d%s0' % n)
            else:
                rv.append(n)
                fw.append(n)
                if marker != 'enzyme_const':
                    rv.append('g' + n)
                if fm != 'enzyme_const':
                    fw.append('d' + n)
        if self.primal_return:
            rv.insert(0, 'enzyme_primal_return')
        L.append('  %s%s((void *)f, %s);' % (lhs, callee, ', '.join(rv)))
        if self.primal_return:
            L.append('  EXPECT_NEAR(gr.y, v, 1e-12 * (1.0 + fabs(v))); /* f\'s own result */')
        bump = ' + 0.01 * (1.0 + fabs(%s))'
        first = True
        def check(ind, ad, fd, fdf, sabotage):
            """ad against fd; for float programs against f's own differences fdf first"""
            b = bump % fd if sabotage else ''
            if not self.has_float:
                L.append('%sEXPECT_NEAR(%s, %s%s, %g);' % (ind, ad, fd, b, self.tol))
                return
            bf = bump % fdf if sabotage else ''
            L.append('%sif (FUZZ_REF(%s, %s%s, %g))' % (ind, ad, fd, b, self.tol))
            L.append('%s  EXPECT_NEAR(%s, %s%s, %g);' % (ind, ad, fd, b, self.tol))
            L.append('%selse' % ind)
            L.append('%s  EXPECT_NEAR(%s, %s%s, 1e-3 * (1.0 + fabs(v)) / (fabs(%s) > 1.0 ? fabs(%s) : 1.0));'
                     % (ind, ad, fdf, bf, fdf, fdf))
        for n in sc:
            check('  ', comp[n], 'fd_' + n, 'fdf_' + n, self.sabotage and first)
            first = False
        if arrays:
            L.append('  for (int i = 0; i < NN; ++i) {')
            for n in ar:
                check('    ', 'g%s[i] - g%s0[i]' % (n, n), 'fd_%s[i]' % n, 'fdf_%s[i]' % n,
                      self.sabotage and first)
                first = False
            for n in arrays:  # inputs are left alone
                L.append('    EXPECT_NEAR(%s[i], %s0[i], 0.0);' % (n, n))
            L.append('  }')
        L.append('  /* dot-product test: the tangent along d equals <gradient, d> */')
        L.append('  double t = __enzyme_fwddiff((void *)f, %s);' % ', '.join(fw))
        dot = ' + '.join(['%s * d%s0' % (comp[n], n) for n in sc]) or '0.0'
        L.append('  double dot = %s;' % dot)
        for n in ar:
            L.append('  for (int i = 0; i < NN; ++i)')
            L.append('    dot += (g%s[i] - g%s0[i]) * d%s0[i];' % (n, n, n))
        L.append('  EXPECT_NEAR(t, dot, %g);' % (DOT_TOL_FLOAT if self.has_float else DOT_TOL))
        L.append('#ifdef FUZZ_VERBOSE')
        for n in sc:
            L.append('  printf("d%s = %%.17g, fd = %%.17g\\n", %s, fd_%s);' % (n, comp[n], n))
        for n in ar:
            L.append('  for (int i = 0; i < NN; ++i)')
            L.append('    printf("g%s[%%d] = %%.17g, fd = %%.17g\\n", i, g%s[i] - g%s0[i], fd_%s[i]);'
                     % (n, n, n, n))
        L.append('  printf("tangent = %.17g, <gradient, d> = %.17g\\n", t, dot);')
        L.append('#endif')
        L.append('#else')
        for n in sc:
            L.append('  (void)fd_%s;' % n)
        L.append('#endif')
        L.append('  if (adj_failures)')
        L.append('    fprintf(stderr, "fuzz: seed %d failed: %s\\n", SEED, __FILE__);')
        L.append('  return adj_report();')
        L.append('}')
        with open(path, 'w') as fh:
            fh.write('\n'.join(L) + '\n')


def wchoice(r, opts):
    tot = sum(w for _, w in opts)
    x = r.uniform(0, tot)
    for k, w in opts:
        x -= w
        if x <= 0:
            return k
    return opts[-1][0]


def make(seed, sabotage=False, sabotage_compile=False, mode='forward'):
    reasons = {}
    for attempt in range(MAX_ATTEMPTS):
        if mode == 'reverse':
            rng = random.Random('adjoint-fuzz-reverse-%d-%d' % (seed, attempt))
            p = ReverseProgram(seed, rng, sabotage, sabotage_compile)
        else:
            rng = random.Random('adjoint-fuzz-%d-%d' % (seed, attempt))
            p = Program(seed, rng, sabotage, sabotage_compile)
        try:
            p.generate()
            p.draw_inputs()
            p.check(random.Random('thresholds-%d-%d' % (seed, attempt)))
            p.attempt = attempt
            return p, reasons
        except Reject as e:
            reasons[str(e)] = reasons.get(str(e), 0) + 1
        except RecursionError:
            reasons['recursion'] = reasons.get('recursion', 0) + 1
    raise SystemExit('seed %d: no acceptable program in %d attempts: %r'
                     % (seed, MAX_ATTEMPTS, reasons))


def parse_seeds(text):
    out = []
    for part in text.split(','):
        if '-' in part:
            a, b = part.split('-')
            out += range(int(a), int(b) + 1)
        elif part:
            out.append(int(part))
    return out


def main():
    if '--mode' in sys.argv and sys.argv[sys.argv.index('--mode') + 1:][:1] == ['memory']:
        # reverse-mode programs that write memory: their own module and random stream
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import gen_reverse_memory
        return gen_reverse_memory.main(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--mode', choices=['forward', 'reverse', 'memory'], default='forward',
                    help='forward: __enzyme_fwddiff tangents (default); reverse: '
                         '__enzyme_autodiff gradients; memory: reverse mode through memory, '
                         'the heap, globals, helpers, recursion and split mode '
                         '(gen_reverse_memory.py)')
    ap.add_argument('--seeds', required=True, help='e.g. 1-24 or 3,5,9-12')
    ap.add_argument('--sabotage', type=int, action='append', default=[],
                    help='this seed expects a wrong derivative (to check that the test fails)')
    ap.add_argument('--sabotage-compile', type=int, action='append', default=[],
                    help='this seed calls an undefined function (the compile must fail)')
    ap.add_argument('-v', '--verbose', action='store_true')
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    lines = []
    for seed in parse_seeds(a.seeds):
        p, reasons = make(seed, seed in a.sabotage, seed in a.sabotage_compile, a.mode)
        path = os.path.join(os.path.abspath(a.out), 'fuzz-%d.c' % seed)
        p.emit(path)
        lines.append('%d %s' % (seed, path))
        if a.verbose:
            print('seed %d: %s/%s, attempt %d, features %s, rejected %r'
                  % (seed, p.kind, p.layout, p.attempt, sorted(p.features), reasons))
    with open(os.path.join(a.out, 'manifest.txt'), 'w') as fh:
        fh.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
