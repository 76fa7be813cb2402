"""A question-answering assistant over a newsroom's coverage, grounded in citations.

The package is one core (load -> chunk -> index -> retrieve -> answer) with three thin
shells over it: the CLI (`cli.py`), the HTTP API (`api.py`) and the Gradio UI (`ui.py`).
Heavy libraries (torch, chromadb, gradio) are imported inside functions so that
`assistant --help` stays instant.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
