import sys

from pac_core.cli import main

sys.exit(main())
