"""The command-line adapter (Typer): one module per command group, each thin."""
