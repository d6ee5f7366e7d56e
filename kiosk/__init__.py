"""Qt-free core of the community service kiosk.

Everything that decides (what a matter needs, whether a form is valid, what a receipt says,
when a submission is retried) lives here and is tested without Qt or hardware.
"""

__version__ = "0.1.0"
