"""Receipt printer adapters: ESC/POS over network/USB/serial/file, and the receipt renderer.

Importing this package is cheap: python-escpos (~13 MB) is only imported when a real printer is
first used, keeping it off the kiosk's start-up path.
"""
