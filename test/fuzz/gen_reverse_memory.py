#!/usr/bin/env python3
"""Random reverse-mode programs that use memory, for Adjoint (standard library only).

  gen_reverse_memory.py --out DIR --seeds 1-24 [--sabotage SEED] [--sabotage-compile SEED]
  (also reachable as gen_programs.py --mode memory ...)

For each seed, writes DIR/fuzz-SEED.c and lists "SEED PATH" in DIR/manifest.txt. The
output depends only on the seed (its own random stream: the other kinds of
gen_programs.py do not change).

The program's f takes, in a random order, some of: an input array x (enzyme_dup, no
marker, or enzyme_const when f never writes it; f may overwrite it), an output array y
(enzyme_dup or, when f never reads it, enzyme_dupnoneed), an array z updated in place
(read, then written from its old contents), up to three double scalars (active: no
marker or enzyme_out; or enzyme_const; f may assign to them), and an int n (= NX). It
returns a double or nothing. Its body is a random sequence of blocks:
  * scalar expressions (+ - *, bounded divisions, libm on safe domains, fabs/fmin/fmax,
    ?: and if/else), loops over the arrays, loops with data-dependent trip counts
    (while (t < L) t += 0.3 with L from the data; a counter drawn from the data; a
    Newton iteration stopped by a tolerance);
  * the heap: malloc/free, calloc accumulated into, realloc growing a buffer in a loop
    (to a data-dependent length), heap arrays of structs;
  * copies: memcpy into local arrays, overlapping memmove, struct copies of
    struct { double p, q, r; } (also through a mutable global struct);
  * mutable globals: a scratch array written then read, an accumulator, a parameter
    that main sets (inactive); the scratch arrays and the accumulator have shadows the
    program names, or (some of them) the shadows Adjoint makes, which no request may
    see left over from an earlier one;
  * helpers of every linkage (static, static inline, __attribute__((noinline)) static,
    external in the same file): reductions, writers into arrays, scalar functions,
    struct by value and through a pointer;
  * recursion: on n - 1 over an array (a value, or writing an array), on n / 2
    (exponentiation by squaring), mutual recursion (even/odd), a scalar depth counter.
  * after those blocks, from a stream of their own (programs without them stay as
    they were): a scalar helper with user rules of both modes
    (__enzyme_register_derivative_ and __enzyme_register_gradient_), an array
    reduction with such rules (its augmented rule tapes a copy of the array), a
    function listed in __enzyme_inactivefn or marked enzyme_inactive, a global listed
    in __enzyme_inactive_global (reset and counted in by f), a helper declared to
    behave like log (__enzyme_function_like, or the enzyme_function_like attribute),
    and BLAS calls (cblas_ddot, dnrm2, daxpy with dscal, dgemv either way) through
    Adjoint's library rules, linked with the system OpenBLAS (the program names
    -lopenblas in a "// link:" line).
Every value is bounded by construction (the generator tracks a bound of every
expression and squashes with tanh where it would grow), so the program is well-defined
C for any input in [-1, 1] (run-fuzz.sh checks that under ASan and UBSan).

All inputs (the active arrays and scalars) form a vector u, all outputs (the result, the
final contents of every duplicated array) a vector F(u). main() draws u, a direction v
and an output seed w (w's first entry, the adjoint of the result, is 1, as in
__enzyme_autodiff), then checks:
  * forward mode: J v from __enzyme_fwddiff against central differences with steps h
    and h/2 (h = 1e-4), component by component, only where the two agree to 1e-6
    (otherwise a kink or a jump of a data-dependent loop lies within the step: the
    check is skipped and counted; the program prints "fd: C checked, S skipped");
  * reverse mode: J^T w from __enzyme_autodiff (active scalars returned, array shadows
    seeded with w before the call, holding J^T w after it) against forward mode by the
    dot-product identity <w, J v> = <J^T w, v> to 1e-10 of the sum of the magnitudes
    of the terms; the primal outputs the gradient call left in the duplicated arrays
    against f's own;
  * split mode: __enzyme_augmentfwd (shadows zero, then seeded with w between the
    calls) and __enzyme_reverse with the tape (returned by the forward pass and passed
    last, also after enzyme_tape; or a caller-owned tape of __enzyme_augmentsize bytes
    passed first with enzyme_allocated) against the combined call to 1e-12, and the
    augmented forward pass's result against f's;
  * f is deterministic (two calls give the same outputs); in a -DPRIMAL_ONLY build
    this is the only check.

--sabotage SEED makes that seed's program expect a wrong dot product;
--sabotage-compile SEED makes its f call an undefined external function (the plugin
must refuse it). Both only check that the test can fail.
"""
import argparse
import os
import random

BOUND_SCALAR = 50.0   # a scalar local larger than this (by the bound) is squashed
BOUND_ARRAY = 4.0     # every array element, struct field and helper argument is within this
LINKAGES = ['static', 'static inline', '__attribute__((noinline)) static', '']


def fmt(v):
    return '%.3f' % v


class Gen:
    def __init__(self, seed, rng, sabotage=False, sabotage_compile=False):
        self.seed, self.r = seed, rng
        self.sabotage, self.sabotage_compile = sabotage, sabotage_compile
        self.features = set()
        self.helpers = {}      # kind -> (name, text lines)
        self.helper_order = []
        self.globals = []
        self.counter = 0
        self.uses_struct = False
        self.libs = []         # libraries the program links (-lopenblas)

    # ---------------------------------------------------------------- names, constants
    def fresh(self, p):
        self.counter += 1
        return '%s%d' % (p, self.counter)

    def const(self, lo=-1.5, hi=1.5):
        v = self.r.uniform(lo, hi)
        if abs(v) < 0.05:
            v = 0.25
        return fmt(v), abs(float(fmt(v)))

    # ---------------------------------------------------------------- expressions
    # env: {'sc': [(text, bound)], 'arr': [(name, lenmacro, bound)], 'loop': (iv, lenmacro) or None}
    def leaf(self, env):
        r = self.r
        opts = []
        if env['sc']:
            opts.append(('sc', 4))
        if env['arr']:
            opts.append(('arr', 5))
        if env.get('loop'):
            opts.append(('iv', 1))
        opts.append(('const', 1))
        k = wchoice(r, opts)
        if k == 'sc':
            return r.choice(env['sc'])
        if k == 'arr':
            name, ln, b = r.choice(env['arr'])
            lp = env.get('loop')
            if lp:
                iv, lln = lp
                if lln == ln:
                    c = r.randint(1, 3)
                    idx = r.choice([iv, iv, '(%s + %d) %% %s' % (iv, c, ln), '%s - 1 - %s' % (ln, iv)])
                else:
                    idx = '%s %% %s' % (iv, ln)
            else:
                idx = str(r.randint(0, 1))   # every array has at least 2 elements
            return '%s[%s]' % (name, idx), b
        if k == 'iv':
            iv, ln = env['loop']
            return '0.1 * %s' % iv, 0.8
        return self.const()

    def expr(self, env, depth=2):
        r = self.r
        if depth <= 0 or r.random() < 0.25:
            return self.leaf(env)
        k = wchoice(r, [('add', 4), ('mul', 4), ('scale', 2), ('sin', 2), ('cos', 1), ('tanh', 1),
                        ('exp', 1), ('sqrt', 1), ('log', 1), ('div', 1), ('atan', 1),
                        ('fabs', 1), ('fmax', 1), ('fmin', 1), ('sel', 1), ('pow', 1)])
        a, ba = self.expr(env, depth - 1)
        if k in ('add', 'mul', 'div', 'fmax', 'fmin', 'sel'):
            b, bb = self.expr(env, depth - 1)
        if k == 'add':
            return '(%s %s %s)' % (a, r.choice('+-'), b), ba + bb
        if k == 'mul':
            return '(%s * %s)' % (a, b), ba * bb
        if k == 'scale':
            c, bc = self.const()
            return '%s * %s' % (c, a), bc * ba
        if k in ('sin', 'cos', 'tanh', 'atan'):
            return '%s(%s)' % (k, a), (1.6 if k == 'atan' else 1.0)
        if k == 'exp':
            if ba > 3:
                return 'exp(tanh(%s))' % a, 2.72
            return 'exp(%s)' % a, 2.72 ** ba
        if k == 'sqrt':
            self.features.add('libm')
            return 'sqrt(1.0 + %s * %s)' % (a, a), (1 + ba * ba) ** 0.5
        if k == 'log':
            return 'log(1.0 + %s * %s)' % (a, a), max(1.0, 2 * ba)
        if k == 'pow':
            return 'pow(1.5 + tanh(%s), %s)' % (a, r.choice(['1.5', '2.0', '0.5', '3.0'])), 16.0
        if k == 'div':
            return '(%s / (1.0 + %s * %s))' % (a, b, b), ba
        if k == 'fabs':
            self.features.add('kink')
            return 'fabs(%s)' % a, ba
        if k in ('fmax', 'fmin'):
            self.features.add('kink')
            return '%s(%s, %s)' % (k, a, b), max(ba, bb)
        if k == 'sel':
            self.features.add('kink')
            c, _ = self.const(-0.5, 0.5)
            d, bd = self.expr(env, depth - 1)
            return '(%s > %s ? %s : %s)' % (a, c, b, d), max(bb, bd)
        raise AssertionError(k)

    def bounded(self, env, limit, depth=2):
        e, b = self.expr(env, depth)
        if b > limit:
            if limit >= 1:
                return 'tanh(%s)' % e, 1.0
            return '%s * tanh(%s)' % (fmt(limit), e), limit
        return e, b

    # ---------------------------------------------------------------- helpers
    def linkage(self):
        l = self.r.choice(LINKAGES)
        self.features.add('link:' + (l.replace('__attribute__((noinline)) ', 'noinline ') or 'extern'))
        return l

    def fname(self, base, link):
        # external names get a prefix (the linker sees them)
        return ('fz_' + base) if link == '' else base

    def defn(self, link, sig):
        return ('%s %s' % (link, sig)).strip()

    def helper_env(self, sc, arr=None, loop=None):
        return {'sc': sc, 'arr': arr or [], 'loop': loop}

    def make_helper(self, kind):
        """Returns the helper's name; writes its definition (once per kind and call)."""
        r = self.r
        link = self.linkage()
        name = self.fname(self.fresh('h_' + kind + '_'), link)
        L = []
        if kind == 'reduce':
            env = self.helper_env([('s', BOUND_ARRAY)], [('p', 'n', BOUND_ARRAY)], ('i', 'n'))
            e, b = self.bounded(env, BOUND_ARRAY)
            L += [self.defn(link, 'double %s(const double *p, int n, double s) {' % name),
                  '  double acc = %s;' % self.const()[0],
                  '  for (int i = 0; i < n; ++i)',
                  '    acc += %s;' % e,
                  '  return tanh(acc);', '}']
        elif kind == 'writer':
            env = self.helper_env([('s', BOUND_ARRAY)], [('p', 'm', BOUND_ARRAY)], ('i', 'n'))
            e, b = self.bounded(env, BOUND_ARRAY)
            L += [self.defn(link, 'void %s(const double *p, int m, double *q, int n, double s) {' % name),
                  '  for (int i = 0; i < n; ++i)',
                  '    q[i] = %s;' % e, '}']
        elif kind == 'scalar':
            env = self.helper_env([('u', BOUND_ARRAY), ('v', BOUND_ARRAY)])
            e, b = self.bounded(env, BOUND_ARRAY, 3)
            L += [self.defn(link, 'double %s(double u, double v) {' % name),
                  '  return %s;' % e, '}']
        elif kind == 'struct':
            self.uses_struct = True
            env = self.helper_env([('s.p', BOUND_ARRAY), ('s.q', BOUND_ARRAY), ('s.r', BOUND_ARRAY),
                                   ('u', BOUND_ARRAY)])
            L += [self.defn(link, 'S3 %s(S3 s, double u) {' % name), '  S3 t = s;']
            for fld in r.sample('pqr', 2):
                L.append('  t.%s = %s;' % (fld, self.bounded(env, BOUND_ARRAY)[0]))
            L += ['  return t;', '}']
        elif kind == 'structptr':
            self.uses_struct = True
            env = self.helper_env([('s->p', BOUND_ARRAY), ('s->q', BOUND_ARRAY), ('s->r', BOUND_ARRAY),
                                   ('u', BOUND_ARRAY)])
            L += [self.defn(link, 'void %s(S3 *s, double u) {' % name)]
            for fld in r.sample('pqr', 2):
                L.append('  s->%s = %s;' % (fld, self.bounded(env, BOUND_ARRAY)[0]))
            L += ['}']
        elif kind == 'rec_n1':
            env = self.helper_env([('p[n - 1]', BOUND_ARRAY), ('rest', 1.0)])
            e, _ = self.expr(env, 2)
            L += [self.defn(link, 'double %s(const double *p, int n) {' % name),
                  '  if (n == 0)', '    return %s;' % self.const()[0],
                  '  double rest = %s(p, n - 1);' % name,
                  '  return tanh(%s + %s * rest);' % (e, self.const(0.2, 0.9)[0]), '}']
        elif kind == 'rec_write':
            env = self.helper_env([('p[n - 1]', BOUND_ARRAY)])
            e, _ = self.expr(env, 2)
            before = r.random() < 0.5
            L += [self.defn(link, 'void %s(const double *p, double *q, int n) {' % name),
                  '  if (n == 0)', '    return;']
            if before:
                L.append('  %s(p, q, n - 1);' % name)
                L.append('  q[n - 1] = tanh(%s + (n > 1 ? %s * q[n - 2] : 0.0));'
                         % (e, self.const(0.2, 0.9)[0]))
            else:
                L.append('  q[n - 1] = tanh(%s);' % e)
                L.append('  %s(p, q, n - 1);' % name)
            L.append('}')
        elif kind == 'rec_half':
            odd = r.choice(['h = h * b;', 'h *= b;'])
            L += [self.defn(link, 'double %s(double b, int n) {' % name),
                  '  if (n == 0)', '    return 1.0;',
                  '  double h = %s(b, n / 2);' % name, '  h = h * h;',
                  '  if (n % 2)', '    ' + odd, '  return h;', '}']
        elif kind == 'rec_mutual':
            link2 = self.linkage()
            other = self.fname(self.fresh('h_odd_'), link2)
            env = self.helper_env([('p[n - 1]', BOUND_ARRAY), ('rest', 1.0)])
            e1, _ = self.expr(env, 2)
            e2, _ = self.expr(env, 2)
            L += [self.defn(link2, 'double %s(const double *p, int n);' % other),
                  self.defn(link, 'double %s(const double *p, int n) {' % name),
                  '  if (n == 0)', '    return %s;' % self.const()[0],
                  '  double rest = %s(p, n - 1);' % other,
                  '  return tanh(%s + %s * rest);' % (e1, self.const(0.2, 0.9)[0]), '}',
                  self.defn(link2, 'double %s(const double *p, int n) {' % other),
                  '  if (n == 0)', '    return %s;' % self.const()[0],
                  '  double rest = %s(p, n - 1);' % name,
                  '  return tanh(%s * (1.0 + 0.5 * rest));' % e2, '}']
        elif kind == 'rec_depth':
            env = self.helper_env([('u', 1.0)])
            e, _ = self.expr(env, 2)
            L += [self.defn(link, 'double %s(double u, int d) {' % name),
                  '  if (d <= 0)', '    return u;',
                  '  return %s(tanh(%s), d - 1);' % (name, e), '}']
        else:
            raise AssertionError(kind)
        self.helper_order.append(L)
        return name

    def helper(self, kind):
        """Reuses a helper of this kind half the time (several call sites), else a new one."""
        have = self.helpers.setdefault(kind, [])
        if have and self.r.random() < 0.5:
            return self.r.choice(have)
        n = self.make_helper(kind)
        have.append(n)
        self.features.add('helper:' + kind)
        return n

    # ---------------------------------------------------------------- f's body
    def sarg(self, env):
        e, b = self.bounded(env, BOUND_ARRAY)
        return e

    def arrs_of(self, ln):
        return [a for a in self.env['arr'] if a[1] == ln]

    def add_sc(self, name, b):
        if b > BOUND_SCALAR:
            self.out.append('  %s = tanh(%s);' % (name, name))
            b = 1.0
        self.env['sc'].append((name, b))
        self.terms.append(name)

    def loop_env(self, iv, ln):
        return {'sc': self.env['sc'], 'arr': self.env['arr'], 'loop': (iv, ln)}

    def block(self):
        r, O, env = self.r, self.out, self.env
        opts = [('scalar', 3), ('branch', 2), ('loop', 3), ('while', 2), ('count', 2), ('newton', 1),
                ('malloc', 2), ('calloc', 2), ('realloc', 2), ('heapstruct', 1), ('memcpy', 2),
                ('struct', 2), ('gscratch', 2), ('gacc', 1), ('call', 4), ('rec', 3)]
        if self.has_z:
            opts.append(('zsweep', 2))
        if self.has_y:
            opts.append(('ywrite', 1))
        if self.x_over:
            opts.append(('xover', 1))
        if self.assignable:
            opts.append(('param', 1))
        k = wchoice(r, opts)
        getattr(self, 'b_' + k)()

    def b_scalar(self):
        t = self.fresh('t')
        e, b = self.expr(self.env, 3)
        self.out.append('  double %s = %s;' % (t, e))
        self.add_sc(t, b)

    def b_branch(self):
        t = self.fresh('t')
        c, _ = self.expr(self.env, 2)
        e1, b1 = self.expr(self.env, 2)
        e2, b2 = self.expr(self.env, 2)
        self.out += ['  double %s;' % t, '  if (%s > %s)' % (c, self.const(-0.5, 0.5)[0]),
                     '    %s = %s;' % (t, e1), '  else', '    %s = %s;' % (t, e2)]
        self.features.add('branch')
        self.add_sc(t, max(b1, b2))

    def b_param(self):
        p = self.r.choice(self.assignable)
        e, b = self.bounded(self.env, 1.0)
        self.out.append('  %s = %s;' % (p, e))
        self.features.add('overwrite-scalar-param')
        self.env['sc'] = [(n, bb) if n != p else (n, b) for n, bb in self.env['sc']]

    def b_loop(self):
        r = self.r
        t = self.fresh('t')
        ln = r.choice(self.lens())
        lim = 'n' if ln == 'NX' and self.has_n else ln
        le = self.loop_env('i', ln)
        e, b = self.expr(le, 3)
        self.out += ['  double %s = 0.0;' % t, '  for (int i = 0; i < %s; ++i) {' % lim]
        if r.random() < 0.3:
            c, _ = self.expr(le, 1)
            self.out.append('    if (%s > %s)' % (c, self.const(-0.5, 0.5)[0]))
            self.out.append('      continue;')
            self.features.add('continue')
        self.out += ['    %s += %s;' % (t, e), '  }']
        self.add_sc(t, 6 * b)

    def b_while(self):
        t, u, lv = self.fresh('t'), self.fresh('u'), self.fresh('lim')
        le = dict(self.env, loop=None)
        e, _ = self.expr(self.env, 2)
        body, b = self.expr({'sc': self.env['sc'] + [(u, 3.2)], 'arr': self.env['arr'],
                             'loop': None}, 2)
        self.out += ['  double %s = 1.0 + 2.0 * fabs(tanh(%s));' % (lv, e),
                     '  double %s = 0.0, %s = 0.0;' % (t, u),
                     '  while (%s < %s) {' % (u, lv),
                     '    %s += %s;' % (t, body), '    %s += 0.3;' % u, '  }']
        self.features.add('while-data')
        self.add_sc(t, 11 * b)

    def b_count(self):
        t, m = self.fresh('t'), self.fresh('m')
        e, _ = self.expr(self.env, 2)
        body, b = self.expr({'sc': self.env['sc'] + [(t, 1.0)], 'arr': self.env['arr'],
                             'loop': ('k', 'M')}, 2)
        self.out += ['  int %s = 1 + (int)(3.0 * fabs(tanh(%s)));' % (m, e),
                     '  double %s = %s;' % (t, self.const()[0]),
                     '  for (int k = 0; k < %s; ++k)' % m,
                     '    %s = tanh(%s);' % (t, body)]
        self.features.add('count-data')
        self.add_sc(t, 1.0)

    def b_newton(self):
        c, u = self.fresh('c'), self.fresh('u')
        e, _ = self.bounded(self.env, 20.0)
        self.out += ['  double %s = 1.0 + %s * %s, %s = 1.0;' % (c, e, e, u),
                     '  for (int it = 0; it < 60; ++it) {',
                     '    double nu = 0.5 * (%s + %s / %s);' % (u, c, u),
                     '    if (fabs(nu - %s) < 1e-14) {' % u,
                     '      %s = nu;' % u, '      break;', '    }',
                     '    %s = nu;' % u, '  }']
        self.features.add('newton')
        self.add_sc(u, 21.0)

    def fill_array(self, name, ln, ind='  ', acc=False):
        le = self.loop_env('i', ln)
        e, b = self.bounded(le, BOUND_ARRAY / (2 if acc else 1))
        self.out += ['%sfor (int i = 0; i < %s; ++i)' % (ind, ln),
                     '%s  %s[i] %s= %s;' % (ind, name, '+' if acc else '', e)]

    def reduce_array(self, name, ln, t):
        le = self.loop_env('i', ln)
        le['arr'] = le['arr'] + [(name, ln, BOUND_ARRAY)]
        e, b = self.expr(le, 2)
        c = self.r.randint(0, 2)
        self.out += ['  double %s = 0.0;' % t, '  for (int i = 0; i < %s; ++i)' % ln,
                     '    %s += %s[i] * %s[(i + %d) %% %s] + %s;' % (t, name, name, c, ln, e)]
        self.add_sc(t, 6 * (16 + b))

    def b_malloc(self):
        h = self.fresh('hp')
        ln = self.r.choice(self.lens())
        self.out.append('  double *%s = (double *)malloc(%s * sizeof(double));' % (h, ln))
        self.fill_array(h, ln)
        self.reduce_array(h, ln, self.fresh('t'))
        self.out.append('  free(%s);' % h)
        self.features.add('malloc')

    def b_calloc(self):
        h = self.fresh('hc')
        ln = self.r.choice(self.lens())
        self.out.append('  double *%s = (double *)calloc(%s, sizeof(double));' % (h, ln))
        self.fill_array(h, ln, acc=True)
        if self.r.random() < 0.5:
            self.fill_array(h, ln, acc=True)
        self.reduce_array(h, ln, self.fresh('t'))
        self.out.append('  free(%s);' % h)
        self.features.add('calloc')

    def b_realloc(self):
        r = self.r
        b, cap, ln, m, t = (self.fresh(p) for p in ('buf', 'cap', 'len', 'm', 't'))
        data = r.random() < 0.6
        if data:
            e, _ = self.expr(self.env, 2)
            self.out.append('  int %s = 2 + (int)(5.0 * fabs(tanh(%s)));' % (m, e))
        else:
            self.out.append('  int %s = %d;' % (m, r.randint(3, 9)))
        first = r.choice(['malloc(sizeof(double))', 'realloc(NULL, sizeof(double))'])
        be, _ = self.bounded({'sc': self.env['sc'], 'arr': self.env['arr'], 'loop': ('k', 'M')},
                             BOUND_ARRAY)
        self.out += ['  int %s = 1, %s = 0;' % (cap, ln),
                     '  double *%s = (double *)%s;' % (b, first),
                     '  for (int k = 0; k < %s; ++k) {' % m,
                     '    if (%s == %s) {' % (ln, cap),
                     '      %s *= 2;' % cap,
                     '      %s = (double *)realloc(%s, %s * sizeof(double));' % (b, b, cap),
                     '    }',
                     '    %s[%s++] = %s;' % (b, ln, be), '  }',
                     '  double %s = 0.0;' % t,
                     '  for (int k = 0; k < %s; ++k)' % ln,
                     '    %s += %s[k] * %s[%s - 1 - k];' % (t, b, b, ln),
                     '  free(%s);' % b]
        self.features.add('realloc' + ('-data' if data else ''))
        self.add_sc(t, 9 * 16)

    def b_heapstruct(self):
        self.uses_struct = True
        h, t = self.fresh('hs'), self.fresh('t')
        le = self.loop_env('i', 'NX')
        self.out += ['  S3 *%s = (S3 *)malloc(NX * sizeof(S3));' % h,
                     '  for (int i = 0; i < NX; ++i) {']
        for fld in 'pqr':
            self.out.append('    %s[i].%s = %s;' % (h, fld, self.bounded(le, BOUND_ARRAY)[0]))
        self.out += ['  }', '  double %s = 0.0;' % t, '  for (int i = 0; i < NX; ++i) {',
                     '    S3 e = %s[NX - 1 - i];' % h,
                     '    %s += e.p * e.q - %s[i].r;' % (t, h), '  }', '  free(%s);' % h]
        self.features.add('heap-struct')
        self.add_sc(t, 6 * 20)

    def b_memcpy(self):
        r = self.r
        m, t = self.fresh('loc'), self.fresh('t')
        srcs = self.arrs_of('NX')
        self.out.append('  double %s[NX];' % m)
        if srcs and r.random() < 0.8:
            src = r.choice(srcs)[0]
            self.out.append('  memcpy(%s, %s, sizeof %s);' % (m, src, m))
            self.features.add('memcpy')
        else:
            self.fill_array(m, 'NX')
        self.out.append('  %s[%d] = %s;' % (m, r.randint(0, 1), self.bounded(self.env, BOUND_ARRAY)[0]))
        if r.random() < 0.6:
            if r.random() < 0.5:
                self.out.append('  memmove(%s + 1, %s, (NX - 1) * sizeof(double));' % (m, m))
            else:
                self.out.append('  memmove(%s, %s + 1, (NX - 1) * sizeof(double));' % (m, m))
            self.features.add('memmove')
        self.env['arr'].append((m, 'NX', BOUND_ARRAY))
        self.reduce_array(m, 'NX', t)

    def b_struct(self):
        r = self.r
        self.uses_struct = True
        a, b, t = self.fresh('sa'), self.fresh('sb'), self.fresh('t')
        fields = [self.bounded(self.env, BOUND_ARRAY)[0] for _ in range(3)]
        self.out += ['  S3 %s = {%s};' % (a, ', '.join(fields)), '  S3 %s = %s;' % (b, a)]
        env = dict(self.env, sc=self.env['sc'] + [('%s.p' % a, 4), ('%s.q' % a, 4)])
        self.out.append('  %s.%s = %s;' % (b, r.choice('pqr'), self.bounded(env, BOUND_ARRAY)[0]))
        k = r.choice(['global', 'byval', 'ptr', 'none'])
        if k == 'global':
            if 'g_s' not in self.globals:
                self.globals.append('g_s')
            self.out += ['  g_s = %s;' % b, '  g_s.q = g_s.q * %s;' % self.const(-0.9, 0.9)[0],
                         '  %s = g_s;' % b]
            self.features.add('global-struct')
        elif k == 'byval':
            hn = self.helper('struct')
            self.out.append('  %s = %s(%s, %s);' % (b, hn, b, self.sarg(self.env)))
        elif k == 'ptr':
            hn = self.helper('structptr')
            self.out.append('  %s(&%s, %s);' % (hn, b, self.sarg(self.env)))
        self.out.append('  double %s = %s.p * %s.q + %s.r - %s.r;' % (t, b, a, b, a))
        self.features.add('struct-copy')
        self.add_sc(t, 24)

    def b_gscratch(self):
        g = 'g_buf%d' % len([x for x in self.globals if x.startswith('g_buf')])
        self.globals.append(g)
        self.fill_array(g, 'NX')
        self.reduce_array(g, 'NX', self.fresh('t'))
        self.features.add('global-scratch')

    def b_gacc(self):
        if 'g_acc' not in self.globals:
            self.globals.append('g_acc')
        t = self.fresh('t')
        le = self.loop_env('i', 'NX')
        e, b = self.expr(le, 2)
        self.out += ['  g_acc = 0.0;', '  for (int i = 0; i < NX; ++i)', '    g_acc += %s;' % e,
                     '  double %s = g_acc;' % t]
        self.features.add('global-acc')
        self.add_sc(t, 6 * b)

    def b_call(self):
        r = self.r
        k = r.choice(['reduce', 'writer', 'scalar'])
        hn = self.helper(k)
        if k == 'reduce':
            name, ln, _ = r.choice(self.env['arr']) if self.env['arr'] else (None, None, None)
            if name is None:
                return self.b_scalar()
            t = self.fresh('t')
            self.out.append('  double %s = %s(%s, %s, %s);' % (t, hn, name, ln, self.sarg(self.env)))
            self.add_sc(t, 1.0)
        elif k == 'writer':
            srcs = self.env['arr']
            if not srcs:
                return self.b_scalar()
            name, ln, _ = r.choice(srcs)
            if self.has_y and not self.y_written and r.random() < 0.4:
                dst, dln = 'y', 'NY'
                self.y_written = True
                if self.y_readable:
                    self.env['arr'].append(('y', 'NY', BOUND_ARRAY))
                self.out.append('  %s(%s, %s, %s, %s, %s);' % (hn, name, ln, dst, dln, self.sarg(self.env)))
                return
            dst = self.fresh('w')
            dln = r.choice(self.lens())
            self.out.append('  double %s[%s];' % (dst, dln))
            self.out.append('  %s(%s, %s, %s, %s, %s);' % (hn, name, ln, dst, dln, self.sarg(self.env)))
            self.env['arr'].append((dst, dln, BOUND_ARRAY))
            self.reduce_array(dst, dln, self.fresh('t'))
        else:
            t = self.fresh('t')
            self.out.append('  double %s = %s(%s, %s);' % (t, hn, self.sarg(self.env), self.sarg(self.env)))
            self.add_sc(t, BOUND_ARRAY)

    def b_rec(self):
        r = self.r
        k = r.choice(['rec_n1', 'rec_write', 'rec_half', 'rec_mutual', 'rec_depth'])
        self.features.add(k)
        hn = self.helper(k)
        t = self.fresh('t')
        if k in ('rec_n1', 'rec_mutual'):
            if not self.env['arr']:
                return self.b_scalar()
            name, ln, _ = r.choice(self.env['arr'])
            self.out.append('  double %s = %s(%s, %s);' % (t, hn, name, ln))
            self.add_sc(t, 1.0)
        elif k == 'rec_write':
            srcs = self.arrs_of('NX')
            if not srcs:
                return self.b_scalar()
            w = self.fresh('w')
            self.out += ['  double %s[NX];' % w, '  %s(%s, %s, NX);' % (hn, r.choice(srcs)[0], w)]
            self.env['arr'].append((w, 'NX', 1.0))
            self.reduce_array(w, 'NX', t)
        elif k == 'rec_half':
            self.out.append('  double %s = %s(0.8 + 0.15 * tanh(%s), %s);'
                            % (t, hn, self.expr(self.env, 2)[0], r.randint(2, 13)))
            self.add_sc(t, 1.0)
        else:
            self.out.append('  double %s = %s(%s, %d);' % (t, hn, self.sarg(self.env), r.randint(1, 6)))
            self.add_sc(t, 1.0)

    def b_zsweep(self):
        r = self.r
        le = self.loop_env('i', 'NZ')
        e, _ = self.bounded(le, 1.0)
        c = self.const(-0.9, 0.9)[0]
        if r.random() < 0.5:
            self.out += ['  for (int i = 0; i < NZ; ++i)',
                         '    z[i] = tanh(%s * z[i] + %s);' % (c, e)]
        else:
            self.out += ['  for (int i = 1; i < NZ; ++i)',
                         '    z[i] = tanh(%s * z[i] + %s * z[i - 1] + %s);' % (c, self.const(-0.9, 0.9)[0], e)]
            self.features.add('gauss-seidel')
        self.z_swept = True
        self.features.add('inplace')

    def b_ywrite(self):
        self.fill_array('y', 'NY')
        if not self.y_written and self.y_readable:
            self.env['arr'].append(('y', 'NY', BOUND_ARRAY))
        self.y_written = True
        self.features.add('output-array')

    def b_xover(self):
        le = self.loop_env('i', 'NX')
        e, _ = self.bounded(le, 1.0)
        self.out += ['  for (int i = 0; i < NX; ++i)', '    x[i] = %s;' % e]
        self.x_done = True
        self.features.add('overwrite-input')
        self.env['arr'] = [a if a[0] != 'x' else ('x', 'NX', 1.0) for a in self.env['arr']]

    def lens(self):
        return ['NX'] + (['NY'] if self.has_y else []) + (['NZ'] if self.has_z else [])

    # ---------------------------------------------------------------- the whole program
    def generate(self):
        r = self.r
        self.nx, self.ny, self.nz = r.randint(2, 6), r.randint(2, 5), r.randint(2, 5)
        self.has_x = r.random() < 0.9
        self.has_y = r.random() < 0.5
        self.has_z = r.random() < 0.4
        self.has_n = r.random() < 0.7
        self.returns = r.random() < 0.75 or not (self.has_y or self.has_z)
        nsc = r.choice([0, 1, 1, 2, 2, 3]) if self.has_x or self.has_z else r.choice([1, 2, 3])
        self.x_marker = r.choice(['enzyme_dup', '', 'enzyme_const']) if self.has_x else None
        self.x_over = self.has_x and self.x_marker != 'enzyme_const' and r.random() < 0.35
        self.y_marker = r.choice(['enzyme_dup', 'enzyme_dupnoneed']) if self.has_y else None
        self.y_readable = self.y_marker == 'enzyme_dup' and r.random() < 0.6
        self.z_marker = r.choice(['enzyme_dup', '']) if self.has_z else None
        self.scalars = []   # (name, marker) marker in '', 'enzyme_out', 'enzyme_const'
        for j in range(nsc):
            self.scalars.append(('abc'[j], wchoice(r, [('', 3), ('enzyme_out', 2), ('enzyme_const', 2)])))
        if not any(m != 'enzyme_const' for _, m in self.scalars) and not (
                self.has_x and self.x_marker != 'enzyme_const') and not self.has_z:
            if self.scalars:
                self.scalars[0] = (self.scalars[0][0], '')
            else:
                self.scalars.append(('a', ''))
        self.fvals = {n: float(fmt(r.uniform(-1, 1))) for n, _ in self.scalars}
        params = []
        if self.has_x:
            params.append(('x', 'const double *x' if not self.x_over and r.random() < 0.7 else 'double *x'))
        if self.has_y:
            params.append(('y', 'double *y'))
        if self.has_z:
            params.append(('z', 'double *z'))
        for n, _ in self.scalars:
            params.append((n, 'double ' + n))
        if self.has_n:
            params.append(('n', 'int n'))
        r.shuffle(params)
        self.params = params
        self.flink = r.choice(['static', '', '__attribute__((noinline)) static'])
        if r.random() < 0.3:
            self.globals.append('g_param')
        # body
        self.env = {'sc': [(n, 1.0) for n, _ in self.scalars], 'arr': [], 'loop': None}
        if 'g_param' in self.globals:
            self.env['sc'].append(('g_param', 1.0))
            self.features.add('global-param')
        if self.has_x:
            self.env['arr'].append(('x', 'NX', 1.0))
        if self.has_z:
            self.env['arr'].append(('z', 'NZ', 1.0))
        self.assignable = [n for n, _ in self.scalars]
        self.out, self.terms = [], []
        self.y_written = self.z_swept = self.x_done = False
        if self.sabotage_compile:
            self.out.append('  double t0 = fz_undefined(%s);' % self.expr(self.env, 1)[0])
            self.env['sc'].append(('t0', 1e3))
            self.terms.append('t0')
        for _ in range(r.randint(3, 8)):
            self.block()
        self.extras(random.Random('adjoint-fuzz-memory-extras-%d' % self.seed))
        if self.has_z and not self.z_swept:
            self.b_zsweep()
        if self.has_y and not self.y_written:
            self.b_ywrite()
        if self.x_over and not self.x_done:
            self.b_xover()
        if self.returns:
            if not self.terms:
                self.b_scalar()
            parts = ['%s * %s' % (self.const(0.2, 1.2)[0], t) for t in self.terms]
            self.ret = ' + '.join(parts)
        # every term counts: add the unused ones into an output when f returns nothing
        elif self.terms:
            tail = '0.01 * tanh(%s)' % ' + '.join(self.terms)
            if self.has_z:
                self.out += ['  for (int i = 0; i < NZ; ++i)', '    z[i] += %s;' % tail]
            else:
                e, _ = self.bounded(self.loop_env('i', 'NY'), BOUND_ARRAY)
                self.out += ['  for (int i = 0; i < NY; ++i)', '    y[i] = %s + %s;' % (e, tail)]

    # ---------------------------------------------------------------- extras
    # What the engine learned after this generator's first version: user rules of both
    # modes (a scalar function, and an array reduction whose rules tape a copy),
    # inactive functions and globals, functions that behave like a math function (in
    # a table or as attributes), BLAS routines through their library rules, and calls
    # through tables of function pointers (a scalar callback, one that updates an array
    # in place), indexed by n when f has it so that the calls stay indirect, and a user
    # allocator registered with __enzyme_allocation_like (its free takes the size back).
    # Drawn from a stream of their own after the body's blocks, so that programs without
    # them stay as they were.
    def extras(self, rx):
        saved, self.r = self.r, rx
        try:
            for kind, p in (('rule_scalar', 0.2), ('rule_array', 0.15), ('inactive', 0.15),
                            ('blas', 0.25), ('inactive_global', 0.15), ('function_like', 0.15),
                            ('callback', 0.2), ('callback_inplace', 0.15), ('pool', 0.15)):
                if rx.random() < p:
                    getattr(self, 'x_' + kind)()
        finally:
            self.r = saved

    @staticmethod
    def rule_tables(name):
        """Registers NAME_fwd, NAME_aug and NAME_rev as NAME's rules (ends the #ifndef)."""
        return ['__attribute__((used)) void *__enzyme_register_derivative_%s[2] = {(void *)%s, '
                '(void *)%s_fwd};' % (name, name, name),
                '__attribute__((used)) void *__enzyme_register_gradient_%s[3] = {(void *)%s, '
                '(void *)%s_aug, (void *)%s_rev};' % (name, name, name, name),
                '#endif']

    def x_rule_scalar(self):
        name = self.fresh('fz_ruled')
        c, cb = self.const(0.3, 1.2)
        self.helper_order.append([
            '__attribute__((noinline)) double %s(double u, double v) {' % name,
            '  return sin(u) * v + %s * u * u;' % c, '}',
            '#ifndef PRIMAL_ONLY',
            'static double %s_fwd(double u, double du, double v, double dv) {' % name,
            '  return (cos(u) * v + 2 * %s * u) * du + sin(u) * dv;' % c, '}',
            'static double %s_aug(double u, double v) { return %s(u, v); }' % (name, name),
            'typedef struct { double du, dv; } %s_adj;' % name,
            'static %s_adj %s_rev(double u, double v, double dr) {' % (name, name),
            '  %s_adj a = {dr * (cos(u) * v + 2 * %s * u), dr * sin(u)};' % (name, c),
            '  return a;', '}',
            ] + self.rule_tables(name))
        t = self.fresh('t')
        self.out.append('  double %s = %s(%s, %s);' % (t, name, self.sarg(self.env), self.sarg(self.env)))
        self.add_sc(t, BOUND_ARRAY + cb * BOUND_ARRAY ** 2)
        self.features.add('user-rule')

    def x_rule_array(self):
        if not self.env['arr']:
            return
        arr, ln, _ = self.r.choice(self.env['arr'])
        name = self.fresh('fz_rulesq')
        c, cb = self.const(0.2, 1.0)
        self.helper_order.append([
            '__attribute__((noinline)) double %s(const double *v, int n) {' % name,
            '  double s = 0.0;', '  for (int i = 0; i < n; ++i)',
            '    s += %s * v[i] * v[i];' % c, '  return s;', '}',
            '#ifndef PRIMAL_ONLY',
            'static double %s_fwd(const double *v, const double *dv, int n) {' % name,
            '  double s = 0.0;', '  for (int i = 0; dv && i < n; ++i)',
            '    s += 2 * %s * v[i] * dv[i];' % c, '  return s;', '}',
            'typedef struct { void *tape; double r; } %s_aug_t;' % name,
            '/* the reverse needs v as it is now: the caller may overwrite it */',
            'static %s_aug_t %s_aug(const double *v, double *dv, int n) {' % (name, name),
            '  double *t = dv ? malloc(n * sizeof(double)) : NULL;',
            '  if (t)', '    memcpy(t, v, n * sizeof(double));',
            '  %s_aug_t a = {t, %s(v, n)};' % (name, name), '  return a;', '}',
            'static void %s_rev(const double *v, double *dv, int n, double dr, void *tape) {' % name,
            '  double *t = tape;', '  for (int i = 0; dv && i < n; ++i)',
            '    dv[i] += 2 * %s * dr * t[i];' % c, '  free(tape);', '}',
            ] + self.rule_tables(name))
        t = self.fresh('t')
        self.out.append('  double %s = %s(%s, %s);' % (t, name, arr, ln))
        self.add_sc(t, 6 * cb * BOUND_ARRAY ** 2)
        self.features.add('user-rule-array')

    def x_inactive(self):
        name = self.fresh('fz_log')
        lines = ['static int %s_calls;' % name]
        if self.r.random() < 0.5:   # the attribute (the drivers know it; plain clang warns)
            lines.append('__attribute__((noinline, enzyme_inactive)) void %s(double v) '
                         '{ %s_calls += v > 0; }' % (name, name))
            self.features.add('inactive-attribute')
        else:
            lines += ['__attribute__((noinline)) void %s(double v) { %s_calls += v > 0; }'
                      % (name, name), '#ifndef PRIMAL_ONLY',
                      '__attribute__((used)) void *__enzyme_inactivefn_%s[] = {(void *)%s};'
                      % (name, name), '#endif']
            self.features.add('inactive-fn')
        self.helper_order.append(lines)
        self.out.append('  %s(%s);' % (name, self.sarg(self.env)))

    def x_inactive_global(self):
        """A global that f resets and counts in: its value depends on no input."""
        g = self.fresh('fz_count')
        self.helper_order.append([
            'static double %s;' % g, '#ifndef PRIMAL_ONLY',
            '__attribute__((used)) void *__enzyme_inactive_global_%s = &%s;' % (g, g), '#endif'])
        ln = self.r.choice(self.lens())
        t = self.fresh('t')
        self.out += ['  %s = 0.0;' % g, '  for (int i = 0; i < %s; ++i)' % ln,
                     '    %s += 0.5;' % g,
                     '  double %s = %s * (%s);' % (t, g, self.sarg(self.env))]
        self.add_sc(t, 3 * BOUND_ARRAY)
        self.features.add('inactive-global')

    def x_function_like(self):
        """A helper that computes log another way, declared to behave like log."""
        name = self.fresh('fz_mylog')
        lines = []
        if self.r.random() < 0.5:
            lines.append('__attribute__((noinline, enzyme_function_like("log"))) double %s(double v) '
                         '{ return 2.0 * log(sqrt(v)); }' % name)
            self.features.add('function-like-attribute')
        else:
            lines += ['__attribute__((noinline)) double %s(double v) { return 2.0 * log(sqrt(v)); }'
                      % name, '#ifndef PRIMAL_ONLY',
                      '__attribute__((used)) void *__enzyme_function_like_%s[2] = {(void *)%s, '
                      '(void *)"log"};' % (name, name), '#endif']
            self.features.add('function-like')
        self.helper_order.append(lines)
        t = self.fresh('t')
        self.out.append('  double %s = %s(1.5 + tanh(%s));' % (t, name, self.sarg(self.env)))
        self.add_sc(t, 1.0)

    def pick_index(self, var, k):
        """An index into a table of K entries that the optimizer cannot fold when f has n."""
        return '(%s + %s) %% %d' % (var, 'n' if self.has_n else str(self.r.randint(0, k - 1)), k)

    def x_callback(self):
        name = self.fresh('fz_cb')
        c, _ = self.const(0.2, 0.8)
        self.helper_order.append([
            'static double %s_sq(double u) { return %s * u * u; }' % (name, c),
            'static double %s_wave(double u) { return sin(u) + 0.3 * u; }' % name,
            'static double (*%s_tab[3])(double) = {%s_sq, %s_wave, tanh};' % (name, name, name)])
        t = self.fresh('t')
        self.out += ['  double %s = 0.0;' % t, '  for (int k = 0; k < 3; ++k)',
                     '    %s += %s_tab[%s](tanh(%s));' % (t, name, self.pick_index('k', 3),
                                                         self.sarg(self.env))]
        self.add_sc(t, 6.0)
        self.features.add('callback')

    def x_callback_inplace(self):
        arrs = self.env['arr']
        if not arrs:
            return
        _, ln, _ = self.r.choice(arrs)
        name, w, t = self.fresh('fz_op'), self.fresh('w'), self.fresh('t')
        self.helper_order.append([
            'static void %s_scale(double *v, int len) {' % name,
            '  for (int i = 0; i < len; ++i)', '    v[i] *= 0.9;', '}',
            'static void %s_mix(double *v, int len) {' % name,
            '  for (int i = len - 1; i > 0; --i)',
            '    v[i] = 0.5 * v[i] + 0.4 * tanh(v[i - 1]) * v[i - 1] / (1.0 + fabs(v[i - 1]));',
            '}',
            'static void (*%s_tab[2])(double *, int) = {%s_scale, %s_mix};' % (name, name, name)])
        self.out.append('  double %s[%s];' % (w, ln))
        self.fill_array(w, ln)
        self.out += ['  for (int k = 0; k < 3; ++k)',
                     '    %s_tab[%s](%s, %s);' % (name, self.pick_index('k', 2), w, ln)]
        self.env['arr'].append((w, ln, BOUND_ARRAY))
        self.reduce_array(w, ln, t)
        self.features.add('callback-inplace')

    def x_pool(self):
        name, h, t = self.fresh('fz_pool'), self.fresh('hq'), self.fresh('t')
        ln = self.r.choice(self.lens())
        self.helper_order.append([
            'static long %s_bytes;' % name,
            '__attribute__((noinline)) void *%s_get(size_t n) {' % name,
            '  %s_bytes += (long)n;' % name, '  return malloc(n);', '}',
            '__attribute__((noinline)) void %s_put(void *p, size_t n) {' % name,
            '  %s_bytes -= (long)n;' % name, '  free(p);', '}',
            '#ifndef PRIMAL_ONLY',
            '__attribute__((used)) void *__enzyme_allocation_like_%s[4] = {(void *)%s_get, '
            '(void *)0, (void *)"-1,0", (void *)%s_put};' % (name, name, name),
            '#endif'])
        self.out.append('  double *%s = (double *)%s_get(%s * sizeof(double));' % (h, name, ln))
        self.fill_array(h, ln)
        self.reduce_array(h, ln, t)
        self.out.append('  %s_put(%s, %s * sizeof(double));' % (name, h, ln))
        self.features.add('allocation-like')

    def x_blas(self):
        r, arrs = self.r, self.env['arr']
        if not arrs:
            return
        if '-lopenblas' not in self.libs:
            self.libs.append('-lopenblas')
        a, ln, _ = r.choice(arrs)
        kind = r.choice(['dot', 'nrm2', 'axpy', 'gemv'])
        t = self.fresh('t')
        if kind == 'dot':
            b, _, _ = r.choice(self.arrs_of(ln))
            self.out.append('  double %s = cblas_ddot(%s, %s, 1, %s, 1);' % (t, ln, a, b))
            self.add_sc(t, 6 * BOUND_ARRAY ** 2)
        elif kind == 'nrm2':
            # + 1e-3 only shifts it; nrm2 has no derivative where its vector is 0
            self.out.append('  double %s = cblas_dnrm2(%s, %s, 1) + 1e-3;' % (t, ln, a))
            self.add_sc(t, 3 * BOUND_ARRAY)
        elif kind == 'axpy':
            w = self.fresh('w')
            self.out.append('  double %s[%s];' % (w, ln))
            self.fill_array(w, ln)
            alpha = '0.5 * tanh(%s)' % self.sarg(self.env)
            self.out.append('  cblas_daxpy(%s, %s, %s, 1, %s, 1);' % (ln, alpha, a, w))
            self.out.append('  cblas_dscal(%s, 0.5, %s, 1);' % (ln, w))
            self.env['arr'].append((w, ln, BOUND_ARRAY))
            self.reduce_array(w, ln, t)
        else:
            b, ln2, _ = r.choice(arrs)
            m, y = self.fresh('mat'), self.fresh('w')
            trans = r.random() < 0.5
            rows, cols = (ln2, ln) if trans else (ln, ln2)   # y = op(M) b, M rows x cols
            self.out += ['  double %s[%s * %s], %s[%s];' % (m, ln, ln2, y, ln),
                         '  for (int i = 0; i < %s; ++i)' % rows,
                         '    for (int j = 0; j < %s; ++j)' % cols,
                         '      %s[i * %s + j] = 0.25 * %s[%s] * %s[%s];'
                         % (m, cols, a, 'j' if trans else 'i', b, 'i' if trans else 'j'),
                         '  cblas_dgemv(CblasRowMajor, %s, %s, %s, 0.25, %s, %s, %s, 1, 0.0, %s, 1);'
                         % ('CblasTrans' if trans else 'CblasNoTrans', rows, cols, m, cols, b, y)]
            self.env['arr'].append((y, ln, BOUND_ARRAY))
            self.reduce_array(y, ln, t)
        self.features.add('blas-' + kind)

    # ---------------------------------------------------------------- emit
    def emit(self, path):
        r = self.r
        L = ['// Generated by test/fuzz/gen_programs.py --mode memory --seeds %d' % self.seed,
             '// (test/fuzz/gen_reverse_memory.py). Features: %s.' % ', '.join(sorted(self.features)),
             '// Reproduce: python3 test/fuzz/gen_programs.py --mode memory --out DIR --seeds %d, then'
             % self.seed,
             '// build/bin/adjoint-cc -Itest/integration/include -O0|-O1|-O2|-O3 FILE -lm and run it',
             '// (-DFUZZ_VERBOSE prints every compared value; -DPRIMAL_ONLY builds without Adjoint).',
             '#include "adjoint_test.h"'] + (['// link: ' + ' '.join(self.libs), '#include <cblas.h>']
                                            if self.libs else []) + [
             '#include <stdlib.h>',
             '#include <string.h>',
             '',
             '#define SEED %d' % self.seed,
             '#define NX %d' % self.nx, '#define NY %d' % self.ny, '#define NZ %d' % self.nz]
        if self.uses_struct or 'g_s' in self.globals:
            L.append('typedef struct { double p, q, r; } S3;')
        # Mutable globals have shadows named in __enzyme_shadow_globals: g_param (set by
        # main, read by f) is an input; the others, which f overwrites before reading, are
        # outputs, their shadows seeded like those of the output arrays.
        internal = getattr(self, 'internal', [])
        named = [g for g in self.globals if g not in internal]
        for g in self.globals:
            if g == 'g_param':
                L.append('double g_param = 0.0, g_param_shadow;')
            elif g == 'g_acc':
                L.append('static double g_acc%s;' % ('' if g in internal else ', g_acc_shadow'))
            elif g == 'g_s':
                L.append('static S3 g_s, g_s_shadow;')
            elif g in internal:
                L.append('static double %s[NX];' % g)
            else:
                L.append('static double %s[NX], %s_shadow[NX];' % (g, g))
        if named:
            L.append('#ifndef PRIMAL_ONLY')
            L.append('__attribute__((used)) void *__enzyme_shadow_globals[][2] = {%s};'
                     % ', '.join('{&%s, &%s_shadow}' % (g, g) for g in named))
            L.append('#endif')
        if self.sabotage_compile:
            L.append('double fz_undefined(double);')
        for h in self.helper_order:
            L += h
        ret = 'double' if self.returns else 'void'
        L.append(('%s %s f(%s) {' % (self.flink, ret, ', '.join(p for _, p in self.params))).strip())
        L += self.out
        if self.returns:
            L.append('  return %s;' % self.ret)
        L.append('}')
        L.append('')
        # inputs u and outputs F(u)
        ins, outs = [], []   # (label, count, kind) kind: 'arr' name or scalar name
        dup = {}
        if self.has_x:
            dup['x'] = self.x_marker != 'enzyme_const'
        if self.has_y:
            dup['y'] = True
        if self.has_z:
            dup['z'] = True
        if self.returns:
            outs.append(('r', 1))
        for n, _ in self.params:
            if n in ('x', 'y', 'z') and dup[n]:
                ins.append((n, 'N' + n.upper()))
                outs.append((n, 'N' + n.upper()))
            elif n in dict(self.scalars) and dict(self.scalars)[n] != 'enzyme_const':
                ins.append((n, 1))
        for g in named:
            if g == 'g_param':
                ins.append((g, 1))
            else:
                outs.append((g, 1))
        gl = set(named)

        def cnt(n):
            if n in ('x', 'y', 'z'):
                return {'x': self.nx, 'y': self.ny, 'z': self.nz}[n]
            if n == 'g_s':
                return 3
            if n.startswith('g_buf'):
                return self.nx
            return 1

        def prim(n):
            return n if n in gl else 'p' + n

        def shad(n):
            return n + '_shadow' if n in gl else 's' + n
        off, o = {}, 0
        for n, c in ins:
            off[n] = o
            o += cnt(n)
        ooff, oo = {}, 0
        for n, c in outs:
            ooff[n] = oo
            oo += cnt(n)
        L.append('#define NIN %d' % o)
        L.append('#define NOUT %d' % oo)
        # the gradient struct holds the active scalars in argument order
        active_sc = [n for n, _ in self.params if n in dict(self.scalars) and dict(self.scalars)[n] != 'enzyme_const']
        const_sc = [n for n, m in self.scalars if m == 'enzyme_const']
        for n in const_sc:
            L.append('static const double %s_c = %s;' % (n, fmt(self.fvals[n])))
        if self.has_x and not dup['x']:
            L.append('static const double x_c[NX] = {%s};'
                     % ', '.join(fmt(r.uniform(-1, 1)) for _ in range(self.nx)))

        def args(prefix, use_shadow, markers, shadow_of=None, fwd=False):
            """Argument list of a call of f. prefix: where primal arrays live."""
            A = []
            for n, _ in self.params:
                if n == 'n':
                    if markers and r_marker_n:
                        A.append('enzyme_const')
                    A.append('NX')
                elif n in ('x', 'y', 'z'):
                    if n == 'x' and not dup['x']:
                        if markers:
                            A.append('enzyme_const')
                        A.append('xc')
                        continue
                    m = {'x': self.x_marker, 'y': self.y_marker, 'z': self.z_marker}[n]
                    if markers and m:
                        A.append(m)
                    A.append(prefix + n)
                    if use_shadow:
                        A.append(shadow_of + n)
                else:
                    m = dict(self.scalars)[n]
                    if m == 'enzyme_const':
                        if markers:
                            A.append('enzyme_const')
                        A.append('%s_c' % n)
                    else:
                        if markers and m == 'enzyme_out' and not fwd:
                            A.append('enzyme_out')
                        A.append(prefix + n)
                        if fwd:
                            A.append(shadow_of + n)
            return ', '.join(A)
        r_marker_n = r.random() < 0.5

        # eval: F(u) on fresh copies
        L.append('static double xc[NX > 0 ? NX : 1];')
        L.append('static void eval(const double *u, double *out) {')
        L.append('  double px[NX], py[NY], pz[NZ];')
        L.append('  double pa = 0, pb = 0, pc = 0;')
        L.append('  (void)px; (void)py; (void)pz; (void)pa; (void)pb; (void)pc;')
        L.append('  for (int k = 0; k < NY; ++k) py[k] = 0.5;')
        if self.has_x and not dup['x']:
            L.append('  memcpy(xc, x_c, sizeof xc);')
        for n, c in ins:
            L.append('  memcpy(&%s, u + %s, sizeof %s);' % (prim(n), off[n], prim(n)))
        call = 'f(%s)' % args('p', False, False)
        if self.returns:
            L.append('  out[0] = %s;' % call)
        else:
            L.append('  %s;' % call)
        for n, c in outs:
            if n != 'r':
                L.append('  memcpy(out + %s, &%s, sizeof %s);' % (ooff[n], prim(n), prim(n)))
        L.append('}')
        L.append('')

        def vec(m, lo=-1.0, hi=1.0):
            return '{' + ', '.join(fmt(r.uniform(lo, hi)) for _ in range(m)) + '}'
        nin, nout = o, oo
        u0 = []
        for n, c in ins:
            u0 += [r.uniform(-1, 1) for _ in range(cnt(n))]
        L.append('static const double u0[NIN] = {%s};' % ', '.join(fmt(v) for v in u0))
        L.append('static const double v0[NIN] = %s;' % vec(nin))
        wv = [r.uniform(-1, 1) for _ in range(nout)]
        if self.returns:
            wv[0] = 1.0
        L.append('static const double w0[NOUT] = {%s};' % ', '.join(fmt(v) for v in wv))
        L.append('')
        # prototypes
        L.append('#ifndef PRIMAL_ONLY')
        k = len(active_sc)
        if k >= 2:
            L.append('typedef struct { double d[%d]; } G;' % k)
            gtype = 'G'
        elif k == 1:
            gtype = 'double'
        else:
            gtype = 'void'
        L.append('%s __enzyme_autodiff_g(void *, ...);' % gtype)
        L.append('%s __enzyme_reverse_g(void *, ...);' % gtype)
        L.append('%s __enzyme_fwddiff_t(void *, ...);' % ('double' if self.returns else 'void'))
        if self.returns:
            if getattr(self, 'result_first', False):  # the other order users write
                L.append('typedef struct { double y; void *tape; } AugR;')
            else:
                L.append('typedef struct { void *tape; double y; } AugR;')
            L.append('AugR __enzyme_augmentfwd_r(void *, ...);')
            L.append('double __enzyme_augmentfwd_d(void *, ...);')
        L.append('#endif')
        L.append('')
        L.append('static int near(const char *what, int k, double got, double want, double tol) {')
        L.append('  ++adj_checks;')
        L.append('  double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;')
        L.append('  if (fabs(got - want) <= tol * scale)')
        L.append('    return 1;')
        L.append('  fprintf(stderr, "seed %d: %s[%d] = %.17g, expected %.17g (tol %g)\\n", SEED, what, k,')
        L.append('          got, want, tol);')
        L.append('  ++adj_failures;')
        L.append('  return 0;')
        L.append('}')
        L.append('')
        L.append('int main(void) {')
        L.append('  double F0[NOUT], F1[NOUT];')
        L.append('  eval(u0, F0);')
        L.append('  eval(u0, F1);')
        L.append('  for (int k = 0; k < NOUT; ++k) /* f is deterministic */')
        L.append('    near("F(u) twice", k, F1[k], F0[k], 0.0);')
        L.append('#ifdef FUZZ_VERBOSE')
        L.append('  for (int k = 0; k < NOUT; ++k)')
        L.append('    printf("F[%d] = %.17g\\n", k, F0[k]);')
        L.append('#endif')
        L.append('#ifndef PRIMAL_ONLY')
        L.append('  double px[NX], py[NY], pz[NZ], sx[NX], sy[NY], sz[NZ];')
        L.append('  double pa = 0, pb = 0, pc = 0, sa = 0, sb = 0, sc = 0;')
        L.append('  (void)px; (void)py; (void)pz; (void)sx; (void)sy; (void)sz;')
        L.append('  (void)pa; (void)pb; (void)pc; (void)sa; (void)sb; (void)sc;')
        if self.has_x and not dup['x']:
            L.append('  memcpy(xc, x_c, sizeof xc);')

        def load(src, dst, zero_arrays_from=None):
            """dst-prefixed primal values from vector src (u0 or v0)."""
            for n, c in ins:
                X = prim(n) if dst == 'p' else shad(n)
                L.append('  memcpy(&%s, %s + %s, sizeof %s);' % (X, src, off[n], X))

        def zero(which):
            """zero the shadows of the inputs that are globals, or of every output"""
            for n, c in (ins if which == 'in' else outs):  # 'gout': the outputs that are globals
                if n != 'r' and (which == 'out' or n in gl):
                    L.append('  memset(&%s, 0, sizeof %s);' % (shad(n), shad(n)))
        # forward mode: J v
        L.append('  /* forward mode: J v */')
        load('u0', 'p')
        load('v0', 's')
        zero('gout')
        call = '__enzyme_fwddiff_t((void *)f, %s)' % args('p', True, True, 's', fwd=True)
        L.append('  double jv[NOUT];')
        if self.returns:
            L.append('  jv[0] = %s;' % call)
        else:
            L.append('  %s;' % call)
        for n, c in outs:
            if n != 'r':
                L.append('  memcpy(jv + %s, &%s, sizeof %s);' % (ooff[n], shad(n), shad(n)))
        # finite differences with a guard
        L.append('  /* central differences along v with steps h and h/2; checked where they agree */')
        L.append('  int fd_checked = 0, fd_skipped = 0;')
        L.append('  {')
        L.append('    double d[2][NOUT];')
        L.append('    for (int s = 0; s < 2; ++s) {')
        L.append('      double h = s ? 5e-5 : 1e-4, up[NIN], um[NIN], Fp[NOUT], Fm[NOUT];')
        L.append('      for (int k = 0; k < NIN; ++k) {')
        L.append('        up[k] = u0[k] + h * v0[k];')
        L.append('        um[k] = u0[k] - h * v0[k];')
        L.append('      }')
        L.append('      eval(up, Fp);')
        L.append('      eval(um, Fm);')
        L.append('      for (int k = 0; k < NOUT; ++k)')
        L.append('        d[s][k] = (Fp[k] - Fm[k]) / (2 * h);')
        L.append('    }')
        L.append('    for (int k = 0; k < NOUT; ++k) {')
        L.append('      double sc1 = fabs(d[1][k]) > 1.0 ? fabs(d[1][k]) : 1.0;')
        L.append('      if (fabs(d[0][k] - d[1][k]) <= 1e-6 * sc1) {')
        L.append('        near("J v against differences", k, jv[k], (4 * d[1][k] - d[0][k]) / 3, 1e-6);')
        L.append('        ++fd_checked;')
        L.append('      } else {')
        L.append('        ++fd_skipped;')
        L.append('      }')
        L.append('#ifdef FUZZ_VERBOSE')
        L.append('      printf("Jv[%d] = %.17g, fd h = %.17g, h/2 = %.17g\\n", k, jv[k], d[0][k], d[1][k]);')
        L.append('#endif')
        L.append('    }')
        L.append('  }')
        # reverse mode (combined)
        L.append('  /* reverse mode: J^T w, shadows seeded with w */')
        load('u0', 'p')
        zero('in')
        wl = []
        for n, c in outs:
            if n != 'r':
                wl.append('  memcpy(&%s, w0 + %s, sizeof %s);' % (shad(n), ooff[n], shad(n)))
        L += wl
        rcall = '__enzyme_autodiff_g((void *)f, %s)' % args('p', True, True, 's')
        if k:
            L.append('  %s gr = %s;' % (gtype, rcall))
        else:
            L.append('  %s;' % rcall)

        def gather(dst, g):
            L.append('  double %s[NIN];' % dst)
            j = 0
            for n, c in ins:
                if n in active_sc:
                    comp = g if k == 1 else '%s.d[%d]' % (g, active_sc.index(n))
                    L.append('  %s[%s] = %s;' % (dst, off[n], comp))
                else:
                    L.append('  memcpy(%s + %s, &%s, sizeof %s);' % (dst, off[n], shad(n), shad(n)))
        gather('jtw', 'gr')
        # the primal outputs left in duplicated arrays
        for n, c in outs:
            if n in ('x', 'z') or (n == 'y' and self.y_marker == 'enzyme_dup') or n in gl:
                L.append('  {')
                L.append('    double now[%d];' % cnt(n))
                L.append('    memcpy(now, &%s, sizeof now);' % prim(n))
                L.append('    for (int k = 0; k < %d; ++k)' % cnt(n))
                L.append('      near("primal %s after the gradient", k, now[k], F0[%s + k], 1e-12);'
                         % (n, ooff[n]))
                L.append('  }')
        # J^T w against differences of <w, F> in each input (guarded like J v)
        L.append('  for (int j = 0; j < NIN; ++j) {')
        L.append('    double d[2];')
        L.append('    for (int s = 0; s < 2; ++s) {')
        L.append('      double h = s ? 5e-5 : 1e-4, up[NIN], um[NIN], Fp[NOUT], Fm[NOUT];')
        L.append('      memcpy(up, u0, sizeof up);')
        L.append('      memcpy(um, u0, sizeof um);')
        L.append('      up[j] += h;')
        L.append('      um[j] -= h;')
        L.append('      eval(up, Fp);')
        L.append('      eval(um, Fm);')
        L.append('      d[s] = 0.0;')
        L.append('      for (int k = 0; k < NOUT; ++k)')
        L.append('        d[s] += w0[k] * (Fp[k] - Fm[k]) / (2 * h);')
        L.append('    }')
        L.append('    double sc1 = fabs(d[1]) > 1.0 ? fabs(d[1]) : 1.0;')
        L.append('    if (fabs(d[0] - d[1]) <= 1e-6 * sc1) {')
        L.append('      near("J^T w against differences", j, jtw[j], (4 * d[1] - d[0]) / 3, 1e-6);')
        L.append('      ++fd_checked;')
        L.append('    } else {')
        L.append('      ++fd_skipped;')
        L.append('    }')
        L.append('#ifdef FUZZ_VERBOSE')
        L.append('    printf("JTw[%d] = %.17g, fd h = %.17g, h/2 = %.17g\\n", j, jtw[j], d[0], d[1]);')
        L.append('#endif')
        L.append('  }')
        L.append('  double lhs = 0.0, rhs = 0.0, mag = 0.0;')
        L.append('  for (int k = 0; k < NOUT; ++k) {')
        L.append('    lhs += w0[k] * jv[k];')
        L.append('    mag += fabs(w0[k] * jv[k]);')
        L.append('  }')
        L.append('  for (int k = 0; k < NIN; ++k) {')
        L.append('    rhs += jtw[k] * v0[k];')
        L.append('    mag += fabs(jtw[k] * v0[k]);')
        L.append('  }')
        if self.sabotage:
            L.append('  rhs += 1e-3 * (1.0 + mag); /* --sabotage */')
        L.append('  near("<w, J v> - <J^T w, v> (relative to the terms)", 0, (lhs - rhs) / (mag > 1.0 ? mag : 1.0), 0.0, 1e-10);')
        L.append('#ifdef FUZZ_VERBOSE')
        L.append('  printf("<w, J v> = %.17g, <J^T w, v> = %.17g\\n", lhs, rhs);')
        L.append('#endif')
        # split mode
        L.append('  /* split mode: augmented forward pass, seeds, reverse pass with the tape */')
        load('u0', 'p')
        zero('in')
        zero('out')
        aargs = args('p', True, True, 's')
        if self.tape_style == 'allocated':
            # a caller-owned tape: __enzyme_augmentsize with one marker per argument
            marks = []
            for n, _ in self.params:
                if n == 'n':
                    marks.append('enzyme_const')
                elif n in ('x', 'y', 'z'):
                    m = {'x': self.x_marker, 'y': self.y_marker, 'z': self.z_marker}[n]
                    marks.append(m or 'enzyme_dup')
                else:
                    marks.append('enzyme_const' if dict(self.scalars)[n] == 'enzyme_const'
                                 else 'enzyme_out')
            L.append('  int tsize = __enzyme_augmentsize((void *)f, %s);' % ', '.join(marks))
            L.append('  void *tmem = malloc(tsize);')
            mem = 'enzyme_allocated, tsize, enzyme_tape, tmem'
            # the caller's tape memory before the arguments, or after them (and after
            # the adjoint of the result)
            after = getattr(self, 'tape_after', False)
            fargs = aargs + ', ' + mem if after else mem + ', ' + aargs
            if self.returns:
                L.append('  double ay = __enzyme_augmentfwd_d((void *)f, %s);' % fargs)
                L.append('  near("augmented forward result", 0, ay, F0[0], 1e-12);')
            else:
                L.append('  __enzyme_augmentfwd((void *)f, %s);' % fargs)
            L += wl
            seed = ', 1.0' if self.returns else ''
            rargs = aargs + seed + ', ' + mem if after else mem + ', ' + aargs + seed
        else:
            if self.returns:
                L.append('  AugR aug = __enzyme_augmentfwd_r((void *)f, %s);' % aargs)
                L.append('  near("augmented forward result", 0, aug.y, F0[0], 1e-12);')
                tape = 'aug.tape'
            else:
                L.append('  void *tape = __enzyme_augmentfwd((void *)f, %s);' % aargs)
                tape = 'tape'
            L += wl
            if self.tape_style == 'marker':
                tape = 'enzyme_tape, ' + tape
            rargs = aargs + (', 1.0' if self.returns else '') + ', ' + tape
        if k:
            L.append('  %s gs = __enzyme_reverse_g((void *)f, %s);' % (gtype, rargs))
        else:
            L.append('  __enzyme_reverse_g((void *)f, %s);' % rargs)
        gather('jtw_split', 'gs')
        if self.tape_style == 'allocated':
            L.append('  free(tmem);')
        L.append('  for (int k = 0; k < NIN; ++k)')
        L.append('    near("split J^T w against combined", k, jtw_split[k], jtw[k], 1e-12);')
        L.append('  printf("fd: %d checked, %d skipped\\n", fd_checked, fd_skipped);')
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


def make(seed, sabotage=False, sabotage_compile=False):
    rng = random.Random('adjoint-fuzz-memory-%d' % seed)
    g = Gen(seed, rng, sabotage, sabotage_compile)
    g.generate()
    # how split mode passes its tape: from a stream of its own, so the programs of
    # earlier versions stay the same
    g.tape_style = wchoice(random.Random('adjoint-fuzz-memory-tape-%d' % seed),
                           [('returned', 9), ('marker', 4), ('allocated', 7)])
    # which scratch globals keep Adjoint's own shadows (not named, not outputs): a
    # stream of its own too
    # where the caller's tape memory goes, and the order of {tape, result}: a stream
    # of its own as well
    rs = random.Random('adjoint-fuzz-memory-spelling-%d' % seed)
    g.tape_after = rs.random() < 0.5
    g.result_first = rs.random() < 0.5
    ri = random.Random('adjoint-fuzz-memory-internal-%d' % seed)
    g.internal = [n for n in g.globals
                  if (n == 'g_acc' or n.startswith('g_buf')) and ri.random() < 0.4]
    if g.internal:
        g.features.add('global-internal-shadow')
    return g


def parse_seeds(text):
    out = []
    for part in text.split(','):
        if '-' in part:
            a, b = part.split('-')
            out += range(int(a), int(b) + 1)
        elif part:
            out.append(int(part))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--seeds', required=True, help='e.g. 1-24 or 3,5,9-12')
    ap.add_argument('--mode', choices=['memory'], default='memory')
    ap.add_argument('--sabotage', type=int, action='append', default=[],
                    help='this seed expects a wrong dot product (to check that the test fails)')
    ap.add_argument('--sabotage-compile', type=int, action='append', default=[],
                    help='this seed calls an undefined function (the compile must fail)')
    ap.add_argument('-v', '--verbose', action='store_true')
    a = ap.parse_args(argv)
    os.makedirs(a.out, exist_ok=True)
    lines = []
    for seed in parse_seeds(a.seeds):
        g = make(seed, seed in a.sabotage, seed in a.sabotage_compile)
        path = os.path.join(os.path.abspath(a.out), 'fuzz-%d.c' % seed)
        g.emit(path)
        lines.append('%d %s' % (seed, path))
        if a.verbose:
            print('seed %d: features %s' % (seed, sorted(g.features)))
    with open(os.path.join(a.out, 'manifest.txt'), 'w') as fh:
        fh.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
