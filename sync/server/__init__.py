"""The town server: an ASGI app with its own store, migrations and command line.

It keeps the events villages and towns push, numbers them, and serves each device
the events of its scope by cursor (DESIGN.md §4, sync/protocol.py).
"""
