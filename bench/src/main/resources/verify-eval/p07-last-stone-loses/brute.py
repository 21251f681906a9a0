import sys
from functools import lru_cache
d = sys.stdin.read().split()
for i in range(int(d[0])):
    n, k = int(d[1 + 2 * i]), int(d[2 + 2 * i])
    win = [False] * (n + 1)
    for m in range(1, n + 1):
        win[m] = any(not win[m - t] for t in range(1, min(k, m) + 1))
    print('First' if win[n] else 'Second')
