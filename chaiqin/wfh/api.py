from ninja import Router

router = Router(tags=["居家辦公"])
