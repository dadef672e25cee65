"""Readers of the public data sets the knowledge build starts from.

The sets sit in ``../shared/knowledge-sources``.

They are used by the build modules only; the package never reads these sources at run time.
"""
