"""`python -m pac`: the command line (see pac/cli.py)."""

from pac.cli import main

raise SystemExit(main())
