import sys
from collections import deque
d = list(map(int, sys.stdin.read().split()))
n = d[0]
jobs = [(d[1 + 2 * i], d[2 + 2 * i]) for i in range(n)]
t, i, q, order = 0, 0, deque(), []
while len(order) < n:
    if not q and t < jobs[i][0]:
        t = jobs[i][0]
    while i < n and jobs[i][0] <= t:
        q.append((jobs[i][1], i + 1)); i += 1
    dur, idx = q.popleft()
    order.append(idx)
    t += dur
print(' '.join(map(str, order)))
