"""``python -m vrs_matching migrate|serve``."""

import sys

from vrs_matching.bootstrap import SPEC
from vrs_plumbing.service import run_service

sys.exit(run_service(SPEC))
