"""Second-generation resident ID card (and permits on the same chip) via a GA/T 467 SAM reader.

``protocol`` is the link layer (pure), ``textblock`` turns the card's bytes into a validated
``Identity``, ``photo`` is the plug-in point for a licensed WLT decoder, and ``sam_reader`` is the
``CardReader`` adapter on a serial port.
"""
