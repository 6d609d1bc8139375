"""Loyalty metrics (see DESIGN.md)."""
