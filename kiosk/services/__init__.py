"""Application services: the Qt-free operations the UI controllers and the CLI call.

Each service composes core pieces (catalogue, forms, store, receipts, devices through ports);
none of them knows about Qt or a concrete driver.
"""
