"""Tests of the authoring core and its commands."""
