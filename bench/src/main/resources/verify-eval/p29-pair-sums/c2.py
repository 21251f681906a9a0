import sys
from collections import Counter
d = list(map(int, sys.stdin.read().split()))
n, K = d[0], d[1]
cnt = Counter(d[2:2 + n])
print(sum(c * cnt[K - x] for x, c in cnt.items()) // 2)
