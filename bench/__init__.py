"""Outpost benchmarks: ``python -m bench NAME`` writes bench/results/NAME.json."""
