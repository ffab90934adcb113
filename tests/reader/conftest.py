import sys
from pathlib import Path

# the shared reader helpers (tests/conservation.py)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
