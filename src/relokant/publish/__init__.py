"""Publishing: files others can open without relokant (Parquet, data packages)."""
