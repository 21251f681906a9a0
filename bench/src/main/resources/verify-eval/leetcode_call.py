# The bench's own LeetCode call harness: python3 leetcode_call.py SOLUTION.py METHOD < "a = [1,2], b = 3"
import ast, json, sys

def split_top(text):
    parts, depth, quote, cur = [], 0, None, []
    for ch in text:
        if quote:
            cur.append(ch)
            if ch == quote and (len(cur) < 2 or cur[-2] != '\\'):
                quote = None
        elif ch in '"\'':
            quote = ch; cur.append(ch)
        elif ch in '[({':
            depth += 1; cur.append(ch)
        elif ch in '])}':
            depth -= 1; cur.append(ch)
        elif ch in ',\n' and depth == 0:
            parts.append(''.join(cur)); cur = []
        else:
            cur.append(ch)
    parts.append(''.join(cur))
    return [p.strip() for p in parts if p.strip()]

def literal(text):
    try:
        return json.loads(text)
    except ValueError:
        return ast.literal_eval(text.replace('true', 'True').replace('false', 'False').replace('null', 'None'))

def show(v):
    if v is None: return 'null'
    if isinstance(v, bool): return 'true' if v else 'false'
    if isinstance(v, int): return str(v)
    if isinstance(v, float): return '%.5f' % v
    if isinstance(v, str): return json.dumps(v)
    if isinstance(v, (list, tuple)): return '[' + ','.join(show(x) for x in v) + ']'
    raise TypeError('cannot print %r' % type(v))

def main():
    source, method = sys.argv[1], sys.argv[2]
    args = {}
    for part in split_top(sys.stdin.read()):
        name, value = part.split('=', 1)
        args[name.strip()] = literal(value.strip())
    scope = {'__name__': 'solution'}
    exec(compile('from typing import *\nimport collections, heapq, bisect, math, itertools, functools\n'
                 'from collections import *\nfrom functools import *\n', 'prelude', 'exec'), scope)
    with open(source) as f:
        exec(compile(f.read(), source, 'exec'), scope)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    print(show(getattr(scope['Solution'](), method)(**args)))

main()
