"""Checks a script's code without running it.

Reads the code from stdin, the required function name from argv[1] and
prints one JSON object: {"ok": true} or
{"ok": false, "line": int|null, "column": int|null, "message": str,
"syntax": bool} where syntax says whether Python could not compile the code.
"""
import ast
import json
import sys


def problem(message, line=None, column=None, syntax=False):
    return {"ok": False, "line": line, "column": column, "message": message, "syntax": syntax}


def check(code, required):
    try:
        # compile(), not only ast.parse(): some errors (a top-level return,
        # a nonlocal without a binding) are found only when compiling.
        compile(code, "<%s code>" % required, "exec", dont_inherit=True)
        tree = ast.parse(code)
    except SyntaxError as error:
        return problem(error.msg, error.lineno, error.offset, syntax=True)
    except ValueError as error:  # e.g. null bytes in the source
        return problem(str(error))
    functions = [node for node in tree.body
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == required]
    if not functions:
        return problem("the code must define a top-level function 'def %s(data)'" % required)
    function = functions[-1]
    if isinstance(function, ast.AsyncFunctionDef):
        return problem("'%s' must be a plain function 'def %s(data)', not 'async def'" % (required, required),
                       function.lineno, function.col_offset + 1)
    arguments = function.args
    if not (arguments.posonlyargs or arguments.args or arguments.vararg):
        return problem("'def %s' must take one argument, the data: 'def %s(data)'" % (required, required),
                       function.lineno, function.col_offset + 1)
    return {"ok": True}


if __name__ == "__main__":
    source = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    print(json.dumps(check(source, sys.argv[1])))
