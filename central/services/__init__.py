"""Use cases shared by the terminal API, the back office and the CLI (no HTTP in here)."""
