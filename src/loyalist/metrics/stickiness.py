"""Stickiness metrics (see DESIGN.md)."""
