"""chaiqin.rules: what the law says, evaluated. Pure Python: no Django, no database.

The public API is fixed in docs/RULES_API.md; every name there is importable from here.
Each submodule declares its public names in `__all__` and owns one area of law:

- leave.py      leave types, quotas, pay, merge and window rules (請假規則, 性別平等工作法)
- balances.py   which leave pools have a yearly balance to show (the quota articles of each regime)
- plans.py      a leave type's plan (pools, periods, unit), first-year proration, minutes of a leave day
- annual.py     annual leave by seniority and its carry-over (勞基法§38, 公務人員請假規則§7-§10, 教師請假規則§8)
- hours.py      working-hour caps, rest, the 7-day rule (公務員服務法§12, 勞基法§30-§36)
- days_off.py   例假 and 休息日 of a roster period, weekly or four-week (勞基法§30-1, §36)
- pay.py        overtime pay (勞基法§24, §39), hourly and daily wage, unused annual leave pay (§38 IV)
- civil_pay.py  civil servants' and school staff's overtime pay (各機關加班費支給辦法), 未休假加班費
- comptime.py   comp time (補休) ledger order and expiry (勞基法§32-1)
- wfh.py        work from home during pregnancy (seed 000)
- subsidy.py    the national travel card subsidy (休假改進措施§5)
- committee.py  committee gender minimum (考績委員會組織規程§2, 陞遷法施行細則§7)
- survey.py     the yearly gender-friendly survey and its achievement rate (seed 004)
- protection.py lactation time and a parent's hours for a child under 3 (性別平等工作法§18, §19, §21)
- sick_extension.py  延長病假: its two-year window, the years it crosses, a teacher's breaks
- status.py     留職停薪: leave and punches stop, seniority and the leave year afterwards
- trips.py      what a trip kind may claim, the principal's trip notice, the mainland report (國內出差旅費報支要點第3點)
- day_off_names.py  what a day off is called per regime (例假日, 休息日, 國定假日)
- overtime_filing.py  the overtime claim window, request span, exceptional report, teachers' core hours (seeds 002, 003)
"""

from .errors import RuleInputError
from .regimes import CIVIL, LABOR, REGIMES, TEACHER, check_regime

from .leave import *  # noqa: E402,F401,F403
from .plans import *  # noqa: E402,F401,F403
from .annual import *  # noqa: E402,F401,F403
from .hours import *  # noqa: E402,F401,F403
from .days_off import *  # noqa: E402,F401,F403
from .pay import *  # noqa: E402,F401,F403
from .civil_pay import *  # noqa: E402,F401,F403
from .comptime import *  # noqa: E402,F401,F403
from .wfh import *  # noqa: E402,F401,F403
from .subsidy import *  # noqa: E402,F401,F403
from .committee import *  # noqa: E402,F401,F403
from .survey import *  # noqa: E402,F401,F403
from .protection import *  # noqa: E402,F401,F403
from .overtime_filing import *  # noqa: E402,F401,F403
from .status import *  # noqa: E402,F401,F403
from .sick_extension import *  # noqa: E402,F401,F403
from .trips import *  # noqa: E402,F401,F403
from .balances import *  # noqa: E402,F401,F403
from .day_off_names import *  # noqa: E402,F401,F403

from . import plans  # noqa: E402
from . import days_off  # noqa: E402
from . import annual, balances, civil_pay, comptime, committee, day_off_names, hours, leave, overtime_filing, pay, protection, sick_extension, status, subsidy, survey, trips, wfh  # noqa: E402

__all__ = [
    "RuleInputError", "CIVIL", "TEACHER", "LABOR", "REGIMES", "check_regime",
    *leave.__all__, *plans.__all__, *annual.__all__, *hours.__all__, *days_off.__all__, *pay.__all__, *civil_pay.__all__, *comptime.__all__,
    *wfh.__all__, *subsidy.__all__, *committee.__all__, *survey.__all__, *protection.__all__,
    *overtime_filing.__all__, *status.__all__, *sick_extension.__all__, *day_off_names.__all__,
]
