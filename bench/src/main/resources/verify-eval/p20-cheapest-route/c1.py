import sys, heapq
d = list(map(int, sys.stdin.buffer.read().split()))
n, m = d[0], d[1]
adj = [[] for _ in range(n + 1)]
for i in range(m):
    u, v, w = d[2 + 3 * i: 5 + 3 * i]
    adj[u].append((v, w))
dist = [None] * (n + 1)
heap = [(0, 1)]
while heap:
    c, u = heapq.heappop(heap)
    if dist[u] is not None:
        continue
    dist[u] = c
    for v, w in adj[u]:
        if dist[v] is None:
            heapq.heappush(heap, (c + w, v))
print(dist[n] if dist[n] is not None else -1)
