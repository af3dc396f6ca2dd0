"""Partners: travel agencies pre-register their travellers, who decide what becomes theirs."""
