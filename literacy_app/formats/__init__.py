"""Readers and writers for every file the app touches; each format is read in one place."""
