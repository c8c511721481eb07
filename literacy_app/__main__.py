"""`python -m literacy_app` runs the same CLI as `literacy-app`."""

import sys

from literacy_app.cli import main

sys.exit(main())
