"""Checks a script's code without running it.

Reads the code from stdin, the required function name from argv[1] and
prints one JSON object: {"ok": true} or
{"ok": false, "line": int|null, "column": int|null, "message": str}.
"""
import ast
import json
import sys


def check(code, required):
    try:
        tree = ast.parse(code, filename="<%s code>" % required)
    except SyntaxError as error:
        return {"ok": False, "line": error.lineno, "column": error.offset,
                "message": error.msg}
    except ValueError as error:  # e.g. null bytes in the source
        return {"ok": False, "line": None, "column": None, "message": str(error)}
    defined = {node.name for node in tree.body
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if required not in defined:
        return {"ok": False, "line": None, "column": None,
                "message": "the code must define a top-level function 'def %s(data)'" % required}
    return {"ok": True}


if __name__ == "__main__":
    source = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    print(json.dumps(check(source, sys.argv[1])))
