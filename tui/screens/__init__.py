"""The explorer's screens, one per module; imported lazily where they are opened."""
