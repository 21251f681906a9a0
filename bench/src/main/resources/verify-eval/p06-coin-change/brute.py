import sys
from collections import deque
d = list(map(int, sys.stdin.read().split()))
n, S, coins = d[0], d[1], d[2:2 + d[0]]
dist = {0: 0}
q = deque([0])
while q:
    s = q.popleft()
    for c in coins:
        if s + c <= S and s + c not in dist:
            dist[s + c] = dist[s] + 1
            q.append(s + c)
print(dist.get(S, -1))
