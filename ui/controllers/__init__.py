"""Controllers: own the calls to ``kiosk`` services (through the background worker) and tell
the screens what to show."""
