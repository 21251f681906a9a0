import sys
from itertools import combinations
d = list(map(int, sys.stdin.read().split()))
n, W = d[0], d[1]
items = [(d[2 + 2 * i], d[3 + 2 * i]) for i in range(n)]
ans = 0
for mask in range(1 << n):
    w = sum(items[i][0] for i in range(n) if mask >> i & 1)
    v = sum(items[i][1] for i in range(n) if mask >> i & 1)
    if w <= W:
        ans = max(ans, v)
print(ans)
