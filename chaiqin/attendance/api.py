from ninja import Router

router = Router(tags=["出勤"])
