"""The JSON API under ``/api``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ..store import Store
from .app import cursor

router = APIRouter(prefix="/api", tags=["api"])

StoreDep = Annotated[Store, Depends(cursor)]


@router.get("/health")
def health(store: StoreDep) -> dict[str, Any]:
    """Row counts per table: a cheap check that the server reads its store."""
    return {"store": store.label, "counts": store.counts()}
