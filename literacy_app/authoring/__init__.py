"""Turning an article into a lesson: import, write, validate, package. Imports no Qt."""
