"""Probability models of customer behaviour: BG/NBD, Pareto/NBD, Gamma-Gamma, sBG and CLV.

Every model follows one pattern: ``__init__`` stores hyper-parameters, ``fit(data)`` returns the
model, learned values end in ``_`` (``params_``, ``log_likelihood_``), ``summary`` gives estimates
with standard errors, and predictions are named after the business question.

Examples
--------
>>> from loyalist.models import BetaGeo
>>> from loyalist.models.simulate import simulate_bgnbd
>>> data = simulate_bgnbd(2000, r=0.25, alpha=4.0, a=0.8, b=2.5, T=39.0, seed=0)
>>> BetaGeo().fit(data).probability_alive(data).shape
(2000,)
"""

from loyalist.models.base import ConvergenceError, ConvergenceWarning, NotFittedError
from loyalist.models.bgnbd import BetaGeo
from loyalist.models.clv import customer_lifetime_value
from loyalist.models.gammagamma import GammaGamma
from loyalist.models.paretonbd import ParetoNBD
from loyalist.models.sbg import ShiftedBetaGeo

__all__ = [
    "BetaGeo",
    "ConvergenceError",
    "ConvergenceWarning",
    "GammaGamma",
    "NotFittedError",
    "ParetoNBD",
    "ShiftedBetaGeo",
    "customer_lifetime_value",
]
