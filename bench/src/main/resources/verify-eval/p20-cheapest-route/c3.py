import sys
from collections import deque
d = list(map(int, sys.stdin.buffer.read().split()))
n, m = d[0], d[1]
adj = [[] for _ in range(n + 1)]
for i in range(m):
    u, v, w = d[2 + 3 * i: 5 + 3 * i]
    adj[u].append((v, w))
INF = float('inf')
dist = [INF] * (n + 1)
dist[1] = 0
done = [False] * (n + 1)
q = deque([1])
while q:
    u = q.popleft()
    if done[u]:
        continue
    done[u] = True
    for v, w in adj[u]:
        if not done[v] and dist[u] + w < dist[v]:
            dist[v] = dist[u] + w
            q.append(v)
print(dist[n] if dist[n] < INF else -1)
