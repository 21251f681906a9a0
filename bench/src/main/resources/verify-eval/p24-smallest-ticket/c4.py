import sys, heapq
input = sys.stdin.readline
q = int(input())
h = []
res = []
for _ in range(q):
    parts = input().split()
    if parts[0] == 'add':
        heapq.heappush(h, int(parts[1]))
    else:
        res.append(heapq.heappop(h) if h else -1)
print('\n'.join(map(str, res)))
