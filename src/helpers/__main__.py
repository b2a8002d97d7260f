"""``python -m helpers``: the runner's command line (see ``helpers.publish.cli``)."""

import sys

from .publish.cli import main

if __name__ == "__main__":
    sys.exit(main())
