import sys, heapq
d = list(map(int, sys.stdin.read().split()))
n = d[0]
jobs = [(d[1 + 2 * i], d[2 + 2 * i]) for i in range(n)]
t, i, heap, order = 0, 0, [], []
while len(order) < n:
    if not heap and t < jobs[i][0]:
        t = jobs[i][0]
    while i < n and jobs[i][0] <= t:
        heapq.heappush(heap, (jobs[i][1], i + 1)); i += 1
    dur, idx = heapq.heappop(heap)
    order.append(idx)
    t += dur
print(' '.join(map(str, order)))
