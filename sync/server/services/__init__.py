"""What the server does, apart from HTTP: each function works in the caller's session."""
