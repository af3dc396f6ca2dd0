"""Statistics: daily cells pre-aggregated from the raw tables, published only with k visitors."""
