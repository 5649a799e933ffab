"""Being written: see chaiqin/rules/__init__.py for what this module owns."""

__all__: list[str] = []
