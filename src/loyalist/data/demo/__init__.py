"""Synthetic demo data: a shop whose customers behave the way the metrics expect.

``generate_demo(out)`` writes the seven tables of the data model and a ``loyalist.toml``. The
simulation is split by table family: ``population`` (who the customers are), ``purchases``
(BG/NBD orders), ``activity`` (app sessions), ``subscriptions``, ``surveys``, ``campaigns``
(e-mail) and ``referrals``; ``tables`` and ``writer`` turn the arrays into files.

Examples
--------
>>> from loyalist.data.demo import generate_demo
>>> result = generate_demo("demo", customers=2_000, seed=1)  # doctest: +SKIP
>>> sorted(result.rows)  # doctest: +SKIP
['customers', 'events', 'messages', 'orders', 'referrals', 'responses', 'subscriptions']
"""

from loyalist.data.demo.generate import DemoResult, generate_demo

__all__ = ["DemoResult", "generate_demo"]
