from ninja import Router

router = Router(tags=["差旅與出國"])
