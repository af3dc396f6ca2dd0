"""What an outside developer reads: the machine-readable catalogue and the developer pages."""
