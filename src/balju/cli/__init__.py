"""The ``balju`` command (명령줄): a thin shell over the core; no domain logic lives here.

Each sub-command lives in its own module with a ``register(app)`` function.
Exit codes: 0 success, 1 findings of severity error (``check``/``lint``), 2 bad input,
3 an unexpected internal error.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from balju.errors import BaljuError

COMMAND_MODULES = [
    "review",
    "batch",
    "read",
    "estimate",
    "rules_cmd",
    "maintenance",
    "effort",
    "budget",
    "check",
    "eligible",
    "functions",
    "corrections",
    "compare",
    "users",
    "store_cmd",
    "requirements",
    "lint",
    "web",
]

app = typer.Typer(
    name="balju",
    help="balju(발주): 공공SW사업 제안요청서 검토, 기능점수, 대가산정, 법제도 점검",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"balju.cli.{_name}").register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning our errors into a message and exit code 2."""
    try:
        app(args=argv, standalone_mode=False)
    except BaljuError as exc:
        print(f"오류(error): {exc.describe()}", file=sys.stderr)
        return exc.exit_code
    except SystemExit as exc:  # typer's own exits (e.g. --help)
        return int(exc.code or 0)
    except KeyboardInterrupt:
        print("중단되었습니다 (interrupted).", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last guard: never show a traceback to a user
        # Usage errors come from click, or from typer's own copy of click: recognise them by shape.
        name = type(exc).__name__
        if name == "Abort":
            return 130
        if name == "Exit":
            return int(getattr(exc, "exit_code", 0) or 0)
        if callable(getattr(exc, "show", None)) and hasattr(exc, "exit_code"):
            exc.show()
            return 2
        print(
            f"내부 오류(internal error): {name}: {exc}\n"
            "  해결(fix): 이 메시지와 입력 파일 형식을 적어 이슈로 알려 주세요. "
            "BALJU_DEBUG=1로 실행하면 자세한 내용을 볼 수 있습니다.",
            file=sys.stderr,
        )
        if os.environ.get("BALJU_DEBUG"):
            raise
        return 3
    return 0


def run() -> None:
    sys.exit(main())
