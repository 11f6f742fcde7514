"""wirewatch: news coverage turned into evidence an analyst can trust."""
