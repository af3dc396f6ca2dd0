"""The visitor portal: what a visitor sees on their phone."""
