from ninja import Router

router = Router(tags=["人事業務"])
