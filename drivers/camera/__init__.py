"""Camera drivers: OpenCV frame sources, document capture and QR scanning.

``cv2`` is heavy (~36 MB, see STACK.md): import these modules lazily from the composition root,
never on the start-up path of the UI.
"""
