"""Second-generation resident ID card (and permits on the same chip) via a GA/T 467 SAM reader.

``protocol`` is the frame layer (pure), ``link`` the serial port under it (one request, one
reply), ``textblock`` turns the card's bytes into a validated ``Identity``, ``photo`` is the
plug-in point for a licensed WLT decoder, and ``sam_reader`` is the ``CardReader`` adapter that
polls the reader.
"""
