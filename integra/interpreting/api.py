"""/api/v1/interpreting/: its operations are added here, each with its declared permission."""

from ninja import Router

router = Router(tags=["interpreting"])
