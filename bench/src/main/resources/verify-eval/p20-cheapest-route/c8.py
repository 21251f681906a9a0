import sys
d = list(map(int, sys.stdin.read().split()))
n, m = d[0], d[1]
edges = [tuple(d[2 + 3 * i: 5 + 3 * i]) for i in range(m)]
INF = float('inf')
dist = [INF] * (n + 1)
dist[1] = 0
for _ in range(n - 1):
    for u, v, w in edges:
        if dist[u] + w < dist[v]:
            dist[v] = dist[u] + w
print(dist[n] if dist[n] < INF else -1)
