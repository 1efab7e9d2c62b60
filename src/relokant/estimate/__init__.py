"""Stage 4: reconcile claims into posterior trajectories with source biases."""

import warnings

warnings.filterwarnings("ignore", category=FutureWarning, module="arviz")

from relokant.estimate.observations import Observations, build_observations  # noqa: E402
from relokant.estimate.reconciler import Reconciler  # noqa: E402

__all__ = ["Observations", "Reconciler", "build_observations"]
