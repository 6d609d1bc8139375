"""The words of the demo shop: every categorical value the generator writes, with its weights."""

from __future__ import annotations

import numpy as np

COUNTRIES = ("NL", "DE", "BE", "FR", "GB", "ES", "IT")
COUNTRY_WEIGHTS = np.array([0.38, 0.22, 0.12, 0.1, 0.08, 0.06, 0.04])

CHANNELS = ("organic", "paid_search", "social", "referral", "email", "affiliate")
CHANNEL_WEIGHTS = np.array([0.33, 0.22, 0.17, 0.08, 0.1, 0.1])
REFERRAL = CHANNELS.index("referral")
#: Multiplier of the dropout probability by acquisition channel: referred customers stay longer.
CHANNEL_DROPOUT = np.array([1.0, 1.15, 1.1, 0.75, 0.9, 1.2])

#: The value that brings a customer back (the `product` survey's "what makes you come back").
VALUES = ("price", "convenience", "quality", "service", "range")
VALUE_WEIGHTS = np.array([0.3, 0.26, 0.18, 0.12, 0.14])
#: Multiplier of the dropout probability by value: habit and convenience stick, price does not.
VALUE_DROPOUT = np.array([1.5, 0.55, 0.85, 0.8, 1.0])

CATEGORIES = ("fashion", "shoes", "beauty", "home", "sports", "electronics", "books")
CATEGORY_WEIGHTS = np.array([0.27, 0.14, 0.16, 0.15, 0.11, 0.07, 0.1])

STATUSES = ("completed", "refunded", "cancelled")

EVENT_TYPES = ("app_open", "view", "purchase")

PLANS = ("basic", "plus", "premium")
PLAN_WEIGHTS = np.array([0.45, 0.35, 0.2])
#: Monthly price per plan; annual billing costs ten months.
PLAN_PRICES = np.array([4.99, 9.99, 19.99])
#: Multiplier of the per-term cancellation probability by plan.
PLAN_CHURN = np.array([1.4, 1.0, 0.7])

SURVEYS = ("nps", "csat", "exit", "product")
EXIT_REASONS = (
    "price",
    "moved_to_competitor",
    "no_longer_needed",
    "poor_service",
    "delivery",
    "other",
)
#: Exit reason weights (columns) given the value that brought the customer (rows, as VALUES).
EXIT_WEIGHTS = np.array(
    [
        [0.5, 0.25, 0.1, 0.05, 0.04, 0.06],
        [0.1, 0.15, 0.3, 0.1, 0.27, 0.08],
        [0.12, 0.2, 0.2, 0.25, 0.13, 0.1],
        [0.08, 0.14, 0.18, 0.45, 0.07, 0.08],
        [0.12, 0.3, 0.3, 0.08, 0.08, 0.12],
    ]
)
REASONS = tuple(dict.fromkeys(VALUES + EXIT_REASONS))
"""Every `reason` written to responses: product-survey values, then exit reasons."""

COMMENTS = (
    "Great service, fast delivery",
    "Love the app",
    "Good value for money",
    "Always find what I need",
    "Delivery took too long",
    "Too expensive lately",
    "Customer service did not help",
    "Found it cheaper elsewhere",
    "Don't need it anymore",
    "Easy to order, I keep coming back",
)
#: Comment codes suited to a happy, a neutral and an unhappy answer.
HAPPY_COMMENTS = np.array([0, 1, 2, 3, 9])
UNHAPPY_COMMENTS = np.array([4, 5, 6, 7, 8])
