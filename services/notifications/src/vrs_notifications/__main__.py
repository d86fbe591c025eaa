"""``python -m vrs_notifications migrate|serve``."""

import sys

from vrs_notifications.bootstrap import SPEC
from vrs_plumbing.service import run_service

sys.exit(run_service(SPEC))
