"""Customer segments: RFM scores and segments, the loyalty ladder, derived groupings, and the
comparison of a metric across groups.

* :func:`loyalist.segments.rfm.rfm_scores` — recency, frequency and monetary scores 1-5 and
  the named RFM segment of every customer, as of a date.
* :func:`loyalist.segments.ladder.ladder_rungs` — each customer's rung on the loyalty ladder
  (``one_time``, ``retained``, ``sticky``, ``loyal``, ``lapsed``), with counts per period and
  the movements between two dates.
* :func:`loyalist.segments.groups.segment_table` — the groupings a metric can be split by
  besides the customers' own columns (``age_band``, ``ladder_rung``, ``rfm_segment``).
* :func:`loyalist.segments.compare.compare_segments` — a metric per group, with a flag where
  two groups differ beyond chance.
"""
