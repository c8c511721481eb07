"""Subcommands that live in modules of their own; each exposes `register(commands)`."""
