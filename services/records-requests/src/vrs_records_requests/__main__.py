"""``python -m vrs_records_requests migrate|serve``."""

import sys

from vrs_plumbing.service import run_service
from vrs_records_requests.bootstrap import SPEC

sys.exit(run_service(SPEC))
