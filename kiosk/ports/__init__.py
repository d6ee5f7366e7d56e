"""Ports: the small protocols the core needs from devices and the platform.

Adapters live in ``drivers/`` and ``sync/``; ``kiosk.bootstrap`` picks them from config.
"""
