import sys
from collections import Counter
d = list(map(int, sys.stdin.read().split()))
n, K = d[0], d[1]
cnt = Counter(d[2:2 + n])
total = 0
for x, c in cnt.items():
    y = K - x
    if x < y:
        total += c * cnt.get(y, 0)
    elif x == y:
        total += c * (c - 1) // 2
print(total)
