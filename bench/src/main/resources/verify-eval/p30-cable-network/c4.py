import sys, heapq
d = list(map(int, sys.stdin.buffer.read().split()))
n, m = d[0], d[1]
adj = [[] for _ in range(n + 1)]
for i in range(m):
    u, v, w = d[2 + 3 * i: 5 + 3 * i]
    adj[u].append((w, v)); adj[v].append((w, u))
seen = [False] * (n + 1)
heap = [(0, 1)]
cost = taken = 0
while heap:
    w, u = heapq.heappop(heap)
    if seen[u]:
        continue
    seen[u] = True
    cost += w
    taken += 1
    for e in adj[u]:
        if not seen[e[1]]:
            heapq.heappush(heap, e)
print(cost if taken == n else -1)
