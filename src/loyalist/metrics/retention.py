"""Retention metrics (see DESIGN.md)."""
