"""Sub-commands of the ``kg`` command line beyond build/demo/validate.

Each module here has ``add_parser(subparsers)``, which adds its sub-command
and sets ``func`` to a thin handler over the Python API; :mod:`kg.cli` calls
them all.
"""
