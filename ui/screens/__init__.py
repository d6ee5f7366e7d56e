"""Full-page screens of the resident journey (dumb views: ``render(state)`` + intent signals)."""
