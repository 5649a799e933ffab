from ninja import Router

router = Router(tags=["加班"])
