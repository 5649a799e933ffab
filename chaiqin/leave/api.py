from ninja import Router

router = Router(tags=["請假"])
