"""The visitor's rights over their data: export everything, erase everything."""
