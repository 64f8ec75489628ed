"""Plain helpers every layer may use (no models, no Django app): text folding, migration
support for models that changed app."""
