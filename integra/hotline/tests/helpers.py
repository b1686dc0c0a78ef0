try:  # the shared test base moves to tests/base.py during this session
    from tests.base import signed_in
except ImportError:
    from tests.base import signed_in

__all__ = ["signed_in"]
