"""The teacher area: PIN, class overview, item analysis, reports and files, question sets."""
