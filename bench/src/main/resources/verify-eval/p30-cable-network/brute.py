import sys
from itertools import combinations
d = list(map(int, sys.stdin.read().split()))
n, m = d[0], d[1]
edges = [tuple(d[2 + 3 * i: 5 + 3 * i]) for i in range(m)]
best = None
for subset in combinations(edges, n - 1):
    reach, changed = {1}, True
    while changed:
        changed = False
        for u, v, w in subset:
            if (u in reach) != (v in reach):
                reach |= {u, v}
                changed = True
    if len(reach) == n:
        c = sum(w for _, _, w in subset)
        best = c if best is None else min(best, c)
print(best if best is not None else -1)
