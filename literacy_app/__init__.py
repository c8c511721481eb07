"""Media Literacy Lab: read the news critically by marking how a text persuades."""

__version__ = "0.1.0"
