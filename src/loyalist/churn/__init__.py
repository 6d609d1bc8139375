"""Churn: who is about to leave, how sure we are, and what it would cost.

* :mod:`~loyalist.churn.label`: who is on the books at a cut-off, and who churned after it;
* :mod:`~loyalist.churn.features`: what each customer looked like at the cut-off, in the
  engine, with nothing from after it;
* :mod:`~loyalist.churn.model`: calibrated gradient boosting of P(churn);
* :mod:`~loyalist.churn.backtest`: the model checked out of time against recency and BG/NBD;
* :mod:`~loyalist.churn.at_risk`: the customers ranked by P(churn) x CLV, with reasons.

``CustomerBase.churn_backtest`` and ``CustomerBase.at_risk`` are the short way in.
"""
