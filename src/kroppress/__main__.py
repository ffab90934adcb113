"""`python -m kroppress`: the same as the `kroppress` command."""
from .cli import app

if __name__ == "__main__":
    app(prog_name="kroppress")
