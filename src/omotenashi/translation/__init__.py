"""The translation bank: servicer content translated through translation memory (exact, then
fuzzy), a pluggable machine-translation engine, and human corrections; parallel text imported
and exported as TMX."""
