"""The local, read-only dashboard (`newsflow dashboard`)."""
