"""``python -m vrs_registration migrate|serve``."""

import sys

from vrs_plumbing.service import run_service
from vrs_registration.bootstrap import SPEC

sys.exit(run_service(SPEC))
