"""Sync between a village laptop and its town server: protocol, client and server.

Empty of features for now; the protocol of DESIGN.md §4 lands here.
"""
