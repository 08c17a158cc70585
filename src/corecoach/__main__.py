"""`python -m corecoach`."""

from corecoach.cli import main

main()
