"""Service providers (hotels, shops, restaurants, transit, venues, municipalities) and the
purposes they are approved to serve."""
