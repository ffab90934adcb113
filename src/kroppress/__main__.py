"""`python -m kroppress`: the same as the `kroppress` command."""
from .entry import main

if __name__ == "__main__":
    main()
