"""The cost of the access check per request (접근 제어), measured on ``Gate.access`` directly.

Run: .venv/bin/python benchmarks/bench_auth.py [--rounds 20000]

- a Bearer header with the shared token (an HMAC and a constant-time compare);
- a Bearer header with a user's personal token: the answer reused (within 5 s) and looked up in a
  SQLite store (the gate's reuse switched off);
- a user's login cookie, reused and looked up;
- a wrong token.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from starlette.datastructures import Headers

from balju.store import Store
from balju.web import auth

SHARED = "bench-shared-token-5Ty7Ui9Op1As"


def per_call(call, rounds: int) -> float:
    """Median of 5 runs of ``rounds`` calls, in microseconds per call."""
    runs = []
    for _ in range(5):
        begin = time.perf_counter()
        for _ in range(rounds):
            call()
        runs.append((time.perf_counter() - begin) / rounds * 1e6)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="balju-bench-auth-"))
    with Store(str(folder / "balju.db")) as store:
        for n in range(50):
            store.accounts.add(f"사용자{n}")
        token = store.accounts.add("홍길동")
        gate = auth.Gate(SHARED, users=store.accounts)
        cookie = gate.new_cookie(user="홍길동")
        cases = {
            "Bearer, shared token": Headers({"authorization": f"Bearer {SHARED}"}),
            "Bearer, personal token": Headers({"authorization": f"Bearer {token}"}),
            "login cookie of a user": Headers({"cookie": f"{auth.SESSION_COOKIE}={cookie}"}),
            "Bearer, wrong token": Headers({"authorization": "Bearer wrong-token-0000000000000"}),
        }
        for name, headers in cases.items():
            assert gate.access(headers)[0].kind is not None or "wrong" in name, name
            reused = per_call(lambda: gate.access(headers), args.rounds)
            auth.USER_CHECK_SECONDS, saved = 0.0, auth.USER_CHECK_SECONDS
            gate._owners.clear()
            gate._profiles.clear()
            try:
                asked = per_call(lambda: gate.access(headers), max(1, args.rounds // 20))
            finally:
                auth.USER_CHECK_SECONDS = saved
            print(f"  {name:28} {reused:7.1f} µs (answer reused)   {asked:7.1f} µs (store asked each time)")


if __name__ == "__main__":
    main()
