"""Metrics: every stickiness, retention and loyalty metric, per period and segment."""
