"""``python -m competency``."""

from competency.cli import main

main()
