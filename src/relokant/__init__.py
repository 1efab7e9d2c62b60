"""relokant."""
