"""Reference central platform: terminal API (/v1), back office, fleet health, public rating board.

Never imports the kiosk side; wire models are duplicated deliberately (see docs/api/).
"""
