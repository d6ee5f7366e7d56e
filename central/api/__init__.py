"""Terminal API v1 (docs/api/terminal-api.md)."""
