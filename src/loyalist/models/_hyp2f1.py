"""Gauss hypergeometric terms of the buy-till-you-die models, stable in double precision.

Two quantities are needed and both are evaluated without cancellation or overflow:

``log_hyp2f1_1(p, q, rho)``
    ``log 2F1(1, q; p + q; 1 - rho)`` and its partial derivatives. Every 2F1 of the Pareto/NBD
    likelihood and of the sBG residual lifetime reduces to this form. All terms of its series are
    positive and shrink by a factor below ``1 - rho``; when ``1 - rho`` is close to one the
    function is written as an integral, split into a head done by Gauss-Legendre quadrature and a
    tail that is again a fast series.
``beta_geometric_mean(k, a, b, u)``
    ``E[(1 - (1 + p u)^-k) / p]`` for ``p ~ Beta(a, b)``: the BG/NBD expected number of purchases
    of an alive customer. It equals ``(a+b-1)/(a-1) [1 - (1+u)^-k 2F1(k, b; a+b-1; u/(1+u))]``;
    an Euler transformation removes the removable singularity at ``a = 1`` and keeps ``a + b < 1``
    finite. For ``u/(1+u)`` close to one the expectation is integrated numerically instead.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import betaln, exprel, log_expit, logsumexp

Array = NDArray[np.float64]

_EPS = 1e-17
_GL_X, _GL_W = np.polynomial.legendre.leggauss(16)
_PANELS = 48
_SERIES_MAX_Z = 0.85  # above this, 2F1(1, q; p+q; z) is integrated (when p + q > 1)
_CHUNK = 4096
#: From this ``min(a, b)`` on, the dropout probability is treated as concentrated.
_NARROW = 500.0


def log_hyp2f1_1(
    p: ArrayLike, q: ArrayLike, rho: ArrayLike, max_terms: int = 100_000
) -> tuple[Array, Array, Array, Array]:
    """Log of ``2F1(1, q; p + q; 1 - rho)`` and its derivatives in ``p``, ``q`` and ``rho``.

    Parameters
    ----------
    p, q : array_like
        Positive parameters (broadcast together with ``rho``).
    rho : array_like
        One minus the argument, in ``(0, 1]``. Passing ``1 - z`` rather than ``z`` keeps full
        precision when the argument is close to one.
    max_terms : int
        Cap on the series length (only reached for ``p + q <= 1`` and ``rho`` tiny).

    Returns
    -------
    tuple of ndarray
        ``log F``, ``d log F / dp``, ``d log F / dq``, ``d log F / drho``.

    Examples
    --------
    >>> import numpy as np
    >>> value, *_ = log_hyp2f1_1(1.0, 1.0, 0.5)  # 2F1(1, 1; 2; z) = -log(1 - z) / z
    >>> bool(np.isclose(np.exp(value), np.log(2) / 0.5))
    True
    """
    p, q, rho = (np.asarray(v, dtype=float) for v in np.broadcast_arrays(p, q, rho))
    shape = p.shape
    p, q, rho = p.ravel(), q.ravel(), rho.ravel()
    out = tuple(np.empty(p.size) for _ in range(4))
    integrate = (rho < 1.0 - _SERIES_MAX_Z) & (p + q > 1.0)
    idx = np.flatnonzero(~integrate)
    for o, res in zip(out, _series(p[idx], q[idx], rho[idx], max_terms), strict=True):
        o[idx] = res
    idx = np.flatnonzero(integrate)
    for start in range(0, idx.size, _CHUNK):  # chunks bound the memory of the quadrature grid
        sel = idx[start : start + _CHUNK]
        for o, res in zip(out, _integral(p[sel], q[sel], rho[sel]), strict=True):
            o[sel] = res
    return tuple(o.reshape(shape) for o in out)  # type: ignore[return-value]


def _series(p: Array, q: Array, rho: Array, max_terms: int) -> tuple[Array, Array, Array, Array]:
    """Sum ``sum_n (q)_n / (p+q)_n z^n`` and its derivatives, dropping converged rows.

    ``d/dq`` of a term is ``term (H_q - H_c)`` and ``d/dp`` is ``-term H_c`` with the running
    harmonic sums ``H_q = sum_{k<n} 1/(q+k)``, ``H_c = sum_{k<n} 1/(p+q+k)``.
    """
    n_rows = p.size
    s, dp, dq, dz = np.ones(n_rows), np.zeros(n_rows), np.zeros(n_rows), np.zeros(n_rows)
    rows = np.arange(n_rows)
    z, c, qa = 1.0 - rho, p + q, q.copy()
    term, ss, sp, sqh, sz = np.ones(n_rows), s.copy(), dp.copy(), dq.copy(), dz.copy()
    hq, hc = np.zeros(n_rows), np.zeros(n_rows)
    tol = _EPS * np.maximum(rho, 1e-300)
    for n in range(1, max_terms + 1):
        if rows.size == 0:
            break
        qn = qa + (n - 1)
        inv_c = 1.0 / (c + (n - 1))
        hq += 1.0 / qn
        hc += inv_c
        term *= qn * inv_c  # now term_{n-1} * ratio: d term_n / dz
        sz += n * term
        term *= z
        ss += term
        sp -= term * hc
        sqh += term * hq
        if n % 4 and n < max_terms:
            continue
        done = term * (n + 2.0) * (1.0 + hq) <= tol * ss
        if done.any() or n == max_terms:
            keep = ~done if n < max_terms else np.zeros(rows.size, bool)
            fin = rows[~keep]
            s[fin], dp[fin], dq[fin], dz[fin] = ss[~keep], sp[~keep], sqh[~keep], sz[~keep]
            rows, z, c, qa, term, ss, sp, sqh, sz, hq, hc, tol = (
                v[keep] for v in (rows, z, c, qa, term, ss, sp, sqh, sz, hq, hc, tol)
            )
    return np.log(s), dp / s, (dq + dp) / s, -dz / s


def _integral(p: Array, q: Array, rho: Array) -> tuple[Array, Array, Array, Array]:
    """``F = a G``, ``G = int_0^inf e^{-(p-1)v} (1 + rho (e^v - 1))^{-q} dv``, ``a = p + q - 1``.

    The head ``v < v2 = log(2 / rho)`` is done by composite Gauss-Legendre quadrature; beyond it
    the substitution ``v = v2 + v'`` gives again ``G`` at ``rho' = 2 / (3 - rho) >= 2/3``.
    """
    a = p + q - 1.0
    v2 = np.log(2.0 / rho)
    pm1 = p - 1.0
    span = np.where(pm1 > 0, np.minimum(v2, 45.0 / np.maximum(pm1, 1e-300)), v2)
    width = span / _PANELS
    offsets = (np.arange(_PANELS)[:, None] + (_GL_X[None, :] + 1.0) / 2.0).ravel()
    v = width[:, None] * offsets[None, :]
    em1 = np.expm1(v)
    inner = np.log1p(rho[:, None] * em1)
    logw = np.log(width[:, None] / 2.0 * np.tile(_GL_W, _PANELS)[None, :])
    logh = -pm1[:, None] * v - q[:, None] * inner
    log_head = logsumexp(logh + logw, axis=1)
    pi = np.exp(logh + logw - log_head[:, None])
    head_p = -(pi * v).sum(axis=1)
    head_q = -(pi * inner).sum(axis=1)
    head_r = -(pi * (q[:, None] * em1 / (1.0 + rho[:, None] * em1))).sum(axis=1)
    # tail: e^{-(p-1) v2} (3 - rho)^{-q} G(p, q, rho'), rho' = 2 / (3 - rho)
    rho_t = 2.0 / (3.0 - rho)
    f_t, fp_t, fq_t, fr_t = _series(p, q, rho_t, 1000)
    log_tail = -pm1 * v2 - q * np.log(3.0 - rho) + f_t - np.log(a)
    tail_p = -v2 + fp_t - 1.0 / a
    tail_q = -np.log(3.0 - rho) + fq_t - 1.0 / a
    tail_r = -q * (2.0 / rho - 1.0) / (3.0 - rho) + fr_t * (2.0 / rho) / (3.0 - rho) ** 2
    log_g = np.logaddexp(log_head, log_tail)
    w_head = np.exp(log_head - log_g)
    w_tail = 1.0 - w_head
    d_p = 1.0 / a + w_head * head_p + w_tail * tail_p
    d_q = 1.0 / a + w_head * head_q + w_tail * tail_q
    d_r = w_head * head_r + w_tail * tail_r
    return np.log(a) + log_g, d_p, d_q, d_r


def beta_geometric_mean(k: ArrayLike, a: ArrayLike, b: ArrayLike, u: ArrayLike) -> Array:
    """``E[(1 - (1 + p u)^-k) / p]`` for ``p ~ Beta(a, b)``.

    This is the BG/NBD expected number of future purchases of a customer who is alive, with
    ``k = r + x``, ``b -> b + x`` and ``u = t / (alpha + T)``.

    Parameters
    ----------
    k, a, b : array_like
        Positive parameters.
    u : array_like
        Non-negative horizon ratio.

    Returns
    -------
    ndarray
        The expectation, broadcast over the inputs.

    Examples
    --------
    >>> float(beta_geometric_mean(1.0, 2.0, 1.0, 0.0))
    0.0
    """
    k, a, b, u = (np.asarray(v, dtype=float) for v in np.broadcast_arrays(k, a, b, u))
    shape = k.shape
    k, a, b, u = k.ravel(), a.ravel(), b.ravel(), u.ravel()
    out = np.zeros(k.size)
    z = np.where(np.isinf(u), 1.0, u / (1.0 + np.where(np.isinf(u), 0.0, u)))
    # the series alternates while n < k - (a + b - 1); use it only where that costs < 3 digits
    # p concentrated at its mean (a fit can send a and b to millions): a second-order expansion
    narrow = (np.minimum(a, b) >= _NARROW) & (u > 0) & np.isfinite(u)
    out[narrow] = _bg_narrow(k[narrow], a[narrow], b[narrow], u[narrow])
    series = ~narrow & (z <= 0.9) & (u > 0) & (np.maximum(k - (a + b - 1.0), 0.0) * z <= 3.0)
    quad = ~narrow & ~series & (u > 0) & np.isfinite(u)
    out[series] = _bg_series(k[series], a[series], b[series], u[series])
    idx = np.flatnonzero(quad)
    for start in range(0, idx.size, _CHUNK // 4):
        sel = idx[start : start + _CHUNK // 4]
        out[sel] = _bg_quadrature(k[sel], a[sel], b[sel], u[sel])
    inf = np.isinf(u)  # limit t -> infinity: E[1/p], finite only for a > 1
    out[inf] = np.where(
        a[inf] > 1, (a[inf] + b[inf] - 1.0) / np.maximum(a[inf] - 1.0, 1e-300), np.inf
    )
    return out.reshape(shape)


def _bg_narrow(k: Array, a: Array, b: Array, u: Array) -> Array:
    """``g(p0) + g''(p0) var(p) / 2``, ``g(p) = (1 - (1 + p u)^-k) / p``, ``p0 = a / (a + b)``.

    The relative error is of order ``min(a, b)^-2``: about 1e-5 at most where it is used (from
    ``min(a, b) = 500``, where the quadrature starts to lose as many digits).
    """

    def g(p: Array) -> Array:
        return -np.expm1(-k * np.log1p(p * u)) / p

    n = a + b
    p0 = a / n
    var = p0 * (1.0 - p0) / (n + 1.0)
    h = 1e-3 * np.minimum(p0, 1.0 - p0)
    curvature = (g(p0 + h) - 2.0 * g(p0) + g(p0 - h)) / h**2
    return g(p0) + 0.5 * curvature * var


def _bg_series(k: Array, a: Array, b: Array, u: Array) -> Array:
    """Euler-transformed series, ``z = u / (1 + u) <= 0.9``.

    With ``c = a + b - 1``, ``L = log(1 + u)`` the value is
    ``c L exprel(-(a-1) L) - e^{-(a-1) L} sum_{n>=1} (c-k)_n (a)_{n-1} / ((c+1)_{n-1} n!) z^n``.
    """
    c = a + b - 1.0
    big_l = np.log1p(u)
    z = u / (1.0 + u)
    lead = c * big_l * exprel(-(a - 1.0) * big_l)
    n_rows = k.size
    total = np.zeros(n_rows)
    rows = np.arange(n_rows)
    ck, aa, cc, zz = c - k, a.copy(), c.copy(), z.copy()
    term = ck * zz  # n = 1
    acc = term.copy()
    scale = np.abs(lead) + np.abs(acc) + 1e-300
    for n in range(1, 20_000):
        term = term * (ck + n) * (aa + n - 1.0) / ((cc + n) * (n + 1.0)) * zz
        acc += term
        done = np.abs(term) <= _EPS * (1.0 - zz) * (np.abs(acc) + scale)
        if done.all() or (n % 8 == 0 and done.any()):
            total[rows[done]] = acc[done]
            keep = ~done
            rows, ck, aa, cc, zz, term, acc, scale = (
                v[keep] for v in (rows, ck, aa, cc, zz, term, acc, scale)
            )
            if rows.size == 0:
                break
    total[rows] = acc
    return lead - np.exp(-(a - 1.0) * big_l) * total


def _bg_quadrature(k: Array, a: Array, b: Array, u: Array) -> Array:
    """Trapezoidal rule in ``s = logit(1 - p)`` after a sinh stretch, for ``u`` large.

    The integrand is analytic in the strip ``|Im s| < pi`` and decays exponentially at both
    ends, so the trapezoidal rule converges geometrically.
    """
    s0 = np.log(b / a)
    scale = 1.0 / np.sqrt(a * b / (a + b))
    reach = (40.0 + np.log1p(k * u)) / np.minimum(a, b) / scale
    sig_max = np.arcsinh(np.maximum(reach, 1.0))
    grid = np.linspace(-1.0, 1.0, 401)
    sig = sig_max[:, None] * grid[None, :]
    s = s0[:, None] + scale[:, None] * np.sinh(sig)
    jac = scale[:, None] * np.cosh(sig) * (sig_max[:, None] * (grid[1] - grid[0]))
    log_p, log_1mp = log_expit(-s), log_expit(s)
    logdens = a[:, None] * log_p + b[:, None] * log_1mp - betaln(a, b)[:, None] + np.log(jac)
    pk = np.exp(log_p)
    pu = pk * u[:, None]
    y = np.log1p(pu)
    log1p_ratio = np.where(pu > 1e-8, y / np.where(pu > 1e-8, pu, 1.0), 1.0 - pu / 2.0)
    phi = k[:, None] * exprel(-k[:, None] * y) * u[:, None] * log1p_ratio  # (1-(1+pu)^-k)/p
    dens = np.exp(logdens)
    return (phi * dens).sum(axis=1) / dens.sum(axis=1)
