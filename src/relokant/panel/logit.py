"""Logistic regression by iteratively reweighted least squares (ridge-stabilised)."""

from __future__ import annotations

import numpy as np

from relokant.errors import EstimateError


def fit_logit(x: np.ndarray, y: np.ndarray, *, ridge: float = 1e-4,
              iterations: int = 50) -> np.ndarray:
    """Coefficients of P(y=1 | x); a small ridge keeps separated cells finite."""
    beta = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = predict_logit(x, beta)
        w = np.clip(p * (1 - p), 1e-9, None)
        hess = x.T @ (x * w[:, None]) + ridge * np.eye(x.shape[1])
        step = np.linalg.solve(hess, x.T @ (y - p) - ridge * beta)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-8:
            return beta
    if not np.all(np.isfinite(beta)):
        raise EstimateError("the dropout model did not converge; expected finite coefficients",
                            hint="merge sparse covariate categories")
    return beta


def predict_logit(x: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """P(y=1 | x) for coefficients ``beta``."""
    result: np.ndarray = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
    return result
