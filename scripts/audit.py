"""`make audit`: pip-audit of every installed dependency against PyPI's vulnerability data.

Fails on any known vulnerability, and on any dependency that could not be looked up while others
could. When no dependency could be looked up at all, the vulnerability service is out of reach
(a network that serves only the package index): that is said plainly, and it fails only when
AUDIT_REQUIRED=1 (set it where CI has the internet).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def main() -> int:
    run = subprocess.run([str(VENV_BIN / "pip-audit"), "--format", "json", "--progress-spinner", "off", "--skip-editable"],
                         capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(run.stdout[-2000:], run.stderr[-2000:], sep="\n")
        print("pip-audit: no report (see above)")
        return 1
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if "skip_reason" in d]
    audited = len(deps) - len(skipped)
    for d in vulnerable:
        for v in d["vulns"]:
            fixed = ", ".join(v.get("fix_versions") or []) or "no fixed release yet"
            print(f"VULNERABLE {d['name']} {d['version']}: {v['id']} (fixed in {fixed})")
    if vulnerable:
        print(f"pip-audit: {len(vulnerable)} of {len(deps)} dependencies have known vulnerabilities")
        return 1
    if deps and not audited:
        print(f"pip-audit: none of the {len(deps)} dependencies could be looked up ({skipped[0]['skip_reason']}): "
              "the vulnerability service is out of reach from this network; nothing was audited")
        return 1 if os.environ.get("AUDIT_REQUIRED") == "1" else 0
    if skipped:
        for d in skipped:
            print(f"NOT AUDITED {d['name']}: {d['skip_reason']}")
        print(f"pip-audit: {len(skipped)} of {len(deps)} dependencies could not be audited")
        return 1
    print(f"pip-audit: {audited} dependencies audited, no known vulnerabilities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
