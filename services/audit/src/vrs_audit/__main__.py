"""``python -m vrs_audit migrate|serve``."""

import sys

from vrs_audit.bootstrap import SPEC
from vrs_plumbing.service import run_service

sys.exit(run_service(SPEC))
