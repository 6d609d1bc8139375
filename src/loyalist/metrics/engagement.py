"""Engagement metrics (see DESIGN.md)."""
