import sys
from collections import deque
n, S = map(int, sys.stdin.readline().split())
coins = list(map(int, sys.stdin.readline().split()))
seen = [-1] * (S + 1)
seen[0] = 0
q = deque([0])
while q:
    s = q.popleft()
    for c in coins:
        t = s + c
        if t <= S and seen[t] < 0:
            seen[t] = seen[s] + 1
            q.append(t)
print(seen[S])
