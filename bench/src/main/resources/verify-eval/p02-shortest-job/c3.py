import heapq
n = int(input())
jobs = [tuple(map(int, input().split())) for _ in range(n)]
heap = []
now = 0
nxt = 0
out = []
for _ in range(n):
    if not heap:
        now = max(now, jobs[nxt][0])
    while nxt < n and jobs[nxt][0] <= now:
        heapq.heappush(heap, (jobs[nxt][1], nxt + 1))
        nxt += 1
    d, j = heapq.heappop(heap)
    out.append(j)
    now += d
print(*out)
